/** Upgrade or downgrade from the portal: the ISP's other plans, the pro-rated effect of a move, and the move itself. */
import { useState } from 'react';
import { Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { api, problemDetail } from '../../api/client.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../ui/common.tsx';
import { useSubscriber } from './context.ts';

type Preview = { plan: { id: string; name: string }; effective_date: string; proration: { description: string; amount: number; currency: string }[]; new_price_minor: number; new_currency: string };

export function PlanChangeCard() {
  const t = useT();
  const fmt = useFormat();
  const { reload } = useSubscriber();
  const plans = useLoad(async () => ok(await api.GET('/api/me/plans')), []);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const others = (plans.data ?? []).filter((p) => !p.current);
  if (!plans.error && !others.length) return null;

  const ask = async (plan: { id: string; name: string }) => {
    setProblem(null);
    const r = await api.POST('/api/me/plan-change/preview', { body: { plan_id: plan.id } });
    if (r.error) setProblem(problemDetail(r.error) ?? t('common.error'));
    else setPreview({ plan, ...r.data });
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await api.POST('/api/me/plan-change', { body: { plan_id: preview.plan.id } });
    setBusy(false);
    if (r.error) {
      setProblem(problemDetail(r.error) ?? t('common.error'));
      return;
    }
    setDone(preview.plan.name);
    setPreview(null);
    reload();
    void plans.reload();
  };

  return (
    <Card sx={{ mt: 2 }} data-testid="plan-change">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('self.changePlan.title')}</Typography>
        <ErrorAlert error={plans.error} onRetry={plans.reload} />
        {done ? <Alert severity="success" sx={{ mb: 1 }}>{t('self.changePlan.done', { plan: done })}</Alert> : null}
        {problem ? <Alert severity="error" sx={{ mb: 1 }}>{problem}</Alert> : null}
        <List dense disablePadding>
          {others.map((p, i) => (
            <ListItem key={p.id} disableGutters divider={i < others.length - 1} sx={{ flexWrap: 'wrap', gap: 1 }}>
              <ListItemText sx={{ flex: '1 1 200px' }} primary={p.name}
                secondary={`${fmt.speed(p.download_kbps)} ↓ · ${fmt.speed(p.upload_kbps)} ↑ · ${fmt.money(p.price_minor, p.currency)} / ${t(`period.${p.billing_period}`)}`} />
              <Button size="small" variant="outlined" onClick={() => void ask(p)}>{t('self.changePlan.choose')}</Button>
            </ListItem>
          ))}
        </List>
      </CardContent>
      <Dialog open={Boolean(preview)} onClose={() => setPreview(null)} fullWidth maxWidth="xs">
        <DialogTitle>{t('self.changePlan.confirmTitle', { plan: preview?.plan.name ?? '' })}</DialogTitle>
        <DialogContent>
          {preview ? (
            <Stack spacing={1}>
              <Typography>{t('self.changePlan.newPrice', { price: fmt.money(preview.new_price_minor, preview.new_currency), date: fmt.date(preview.effective_date) })}</Typography>
              {preview.proration.length ? (
                <>
                  <Typography variant="body2" color="text.secondary">{t('self.changePlan.proration')}</Typography>
                  {preview.proration.map((l) => (
                    <Stack key={l.description} direction="row" sx={{ justifyContent: 'space-between', gap: 2 }}>
                      <Typography variant="body2">{l.description}</Typography>
                      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(l.amount, l.currency)}</Typography>
                    </Stack>
                  ))}
                </>
              ) : <Typography variant="body2" color="text.secondary">{t('self.changePlan.noProration')}</Typography>}
            </Stack>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
          <Button variant="contained" disabled={busy} onClick={() => void confirm()} data-testid="confirm-plan-change">{t('self.changePlan.confirm')}</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
