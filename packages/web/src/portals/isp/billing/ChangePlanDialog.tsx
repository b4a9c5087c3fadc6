/** Change a subscriber's plan: pick the plan and the day, see the pro-rated charge and credit, then confirm. */
import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { Plan } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { useIsp } from '../context.ts';
import type { PlanChangePreview } from './types.ts';

const today = () => new Date().toISOString().slice(0, 10);

export function ChangePlanDialog({ open, subscriberId, currentPlanId, plans, onClose, onChanged }: {
  open: boolean; subscriberId: string; currentPlanId: string | null; plans: Plan[]; onClose: () => void; onChanged: () => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const [planId, setPlanId] = useState('');
  const [date, setDate] = useState(today());
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = { isp_id: ispId, subscriber_id: subscriberId };
  const choices = plans.filter((p) => p.id !== currentPlanId && p.status === 'active');

  useEffect(() => { if (open) { setPlanId(''); setDate(today()); setPreview(null); setErr(null); } }, [open]);
  useEffect(() => {
    if (!open || !planId) return;
    let live = true;
    setPreview(null);
    void api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription/change-plan/preview', { params: { path }, body: { plan_id: planId, effective_date: date } }).then((r) => {
      if (!live) return;
      if (r.data) { setPreview(r.data); setErr(null); } else setErr(problemDetail(r.error) ?? t('common.error'));
    });
    return () => { live = false; };
  }, [open, planId, date]);

  async function confirm() {
    setBusy(true);
    const r = await api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription/change-plan', { params: { path }, body: { plan_id: planId, effective_date: date } });
    setBusy(false);
    if (r.data) onChanged(); else setErr(problemDetail(r.error) ?? t('common.error'));
  }
  const net = preview ? preview.proration.reduce((a, p) => a + p.amount, 0) : 0;
  const currency = preview?.proration[0]?.currency ?? preview?.new_currency ?? '';
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="change-plan-dialog">
      <DialogTitle>{t('addon.changePlan')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {err ? <Alert severity="error">{err}</Alert> : null}
          <TextField select fullWidth label={t('addon.newPlan')} value={planId} onChange={(e) => setPlanId(e.target.value)} name="plan">
            {choices.map((p) => <MenuItem key={p.id} value={p.id}>{p.name} · {fmt.money(p.price_minor, p.currency)} / {t(`period.${p.billing_period}`)}</MenuItem>)}
          </TextField>
          <TextField type="date" fullWidth label={t('addon.effective')} value={date} onChange={(e) => setDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          {preview ? (
            <div data-testid="plan-preview">
              <Typography variant="subtitle2">{t('addon.previewTitle')}</Typography>
              {preview.proration.length ? (
                <List dense disablePadding>
                  {preview.proration.map((p, i) => (
                    <ListItem key={i} disableGutters secondaryAction={<Typography variant="body2" sx={{ fontWeight: 600 }}>{fmt.money(p.amount, p.currency)}</Typography>}>
                      <ListItemText primary={p.description} sx={{ pr: 12 }} />
                    </ListItem>
                  ))}
                </List>
              ) : <Typography variant="body2" color="text.secondary">{t('addon.noProration')}</Typography>}
              <Typography variant="body2" sx={{ mt: 1 }}>
                {net > 0 ? t('addon.netCharge', { amount: fmt.money(net, currency) }) : net < 0 ? t('addon.netCredit', { amount: fmt.money(-net, currency) }) : null}
              </Typography>
              <Typography variant="body2" color="text.secondary">{t('addon.previewHelp', { price: fmt.money(preview.new_price_minor, preview.new_currency) })}</Typography>
            </div>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={!preview || busy} onClick={() => void confirm()}>{t('addon.confirmChange')}</Button>
      </DialogActions>
    </Dialog>
  );
}
