/**
 * The subscriber page's plan-and-extras card: change plan (with a preview of the pro-rated
 * charge and credit), add-ons, coupons, one-time fees waiting for the next invoice, deposits.
 */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Divider, IconButton, List, ListItem, ListItemText, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { api, problemDetail } from '../../../api/client.ts';
import type { Plan } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { ChangePlanDialog } from './ChangePlanDialog.tsx';
import { ExtrasDialogs, type ExtrasDialog } from './ExtrasDialogs.tsx';
import { couponValue } from './CouponsPage.tsx';

export function SubscriberExtrasCard({ subscriberId, planId, plans, onPlanChanged }: { subscriberId: string; planId: string | null; plans: Plan[]; onPlanChanged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can } = useIsp();
  const manage = can('billing:manage');
  const path = { isp_id: ispId, subscriber_id: subscriberId };
  const { data, error, reload } = useLoad(async () => {
    const [sub, addons, coupons, deposits, catalogue] = await Promise.all([
      api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription', { params: { path } }),
      api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/addons', { params: { path } }),
      api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/coupons', { params: { path } }),
      api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/deposits', { params: { path } }),
      api.GET('/api/isp/{isp_id}/billing/addons', { params: { path: { isp_id: ispId } } }),
    ]);
    return { sub: ok(sub), addons: ok(addons), coupons: ok(coupons), deposits: ok(deposits), catalogue: ok(catalogue) };
  }, [ispId, subscriberId]);
  const [dialog, setDialog] = useState<ExtrasDialog | 'plan' | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const active = data?.sub.subscriptions.find((s) => s.status === 'active');
  const currency = active?.currency ?? isp.currency;

  async function act(p: Promise<{ response: Response; error?: unknown }>) {
    const r = await p;
    if (r.response.ok) { setMsg(null); await reload(); } else setMsg(problemDetail(r.error) ?? t('common.error'));
  }
  const section = (title: string, empty: boolean, children: React.ReactNode, header?: React.ReactNode) => (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">{title}</Typography>
      {header}
      {empty ? <Typography variant="body2" color="text.secondary">{t('common.none')}</Typography> : <List dense disablePadding>{children}</List>}
    </Box>
  );
  const remove = (label: string, onClick: () => void) => (manage ? <Tooltip title={label}><IconButton edge="end" size="small" aria-label={label} onClick={onClick}><CloseIcon fontSize="small" /></IconButton></Tooltip> : null);
  const pending = data?.sub.charges.filter((c) => !c.invoice_id) ?? [];

  return (
    <Card sx={{ mt: 2 }} data-testid="subscriber-extras">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('addon.cardTitle')}</Typography>
        <ErrorAlert error={error} onRetry={reload} />
        {msg ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setMsg(null)}>{msg}</Alert> : null}
        {manage && data ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {active ? <Button size="small" variant="contained" onClick={() => setDialog('plan')} data-testid="change-plan">{t('addon.changePlan')}</Button> : null}
            {active ? <Button size="small" variant="outlined" onClick={() => setDialog('addon')}>{t('addon.attach')}</Button> : null}
            {active ? <Button size="small" variant="outlined" onClick={() => setDialog('coupon')}>{t('addon.applyCoupon')}</Button> : null}
            {active ? <Button size="small" variant="outlined" onClick={() => setDialog('fee')}>{t('addon.oneTimeFee')}</Button> : null}
            <Button size="small" variant="outlined" onClick={() => setDialog('deposit')}>{t('addon.recordDeposit')}</Button>
          </Box>
        ) : null}
        {data && !active ? <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('addon.needsSubscription')}</Typography> : null}
        {data ? (
          <>
            {section(t('addon.attached'), !data.addons.length, data.addons.map((a, i) => (
              <ListItem key={a.id} disableGutters divider={i < data.addons.length - 1}
                secondaryAction={(a.status === 'active' && !a.end_date) || a.status === 'pending' ? remove(t('addon.detach'), () => void act(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/addons/{attached_id}/detach', { params: { path: { ...path, attached_id: a.id } }, body: {} }))) : null}>
                <ListItemText primary={<>{a.quantity > 1 ? `${a.name} ×${a.quantity}` : a.name} <Chip size="small" label={t(`addon.states.${a.status}`)} sx={{ ml: 0.5 }} /></>}
                  secondary={`${fmt.money(a.price_minor * a.quantity, a.currency)} · ${t(`addon.billings.${a.billing}`)} · ${fmt.date(a.start_date)}${a.end_date ? ` – ${fmt.date(a.end_date)}` : ''}`} />
              </ListItem>
            )))}
            {section(t('addon.coupons'), !data.coupons.length, data.coupons.map((c, i) => (
              <ListItem key={c.id} disableGutters divider={i < data.coupons.length - 1}
                secondaryAction={c.status === 'active' ? remove(t('addon.stopCoupon'), () => void act(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/coupons/{redemption_id}/cancel', { params: { path: { ...path, redemption_id: c.id } } }))) : null}>
                <ListItemText primary={<><span style={{ fontFamily: 'monospace' }}>{c.code}</span> · {couponValue(c, fmt.money)} <Chip size="small" label={t(`addon.couponStates.${c.status}`)} /></>}
                  secondary={c.cycles_total ? t('addon.cyclesUsed', { used: c.cycles_used, total: c.cycles_total }) : t('coupon.everyCycle')} />
              </ListItem>
            )))}
            {section(t('addon.pendingFees'), !pending.length, pending.map((c) => (
              <ListItem key={c.id} disableGutters><ListItemText primary={c.description} secondary={fmt.money(c.amount, c.currency)} /></ListItem>
            )))}
            <Divider sx={{ mt: 2 }} />
            {section(t('addon.deposits'), !data.deposits.items.length, (
              <>
                {data.deposits.items.map((d) => (
                  <ListItem key={d.id} disableGutters secondaryAction={manage && d.status === 'held' ? (
                    <Box sx={{ display: 'flex', gap: 0.5 }}>
                      <Button size="small" onClick={() => void act(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/deposits/{deposit_id}/release', { params: { path: { ...path, deposit_id: d.id } }, body: { to: 'wallet' } }))}>{t('addon.toWallet')}</Button>
                      <Button size="small" onClick={() => void act(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/deposits/{deposit_id}/release', { params: { path: { ...path, deposit_id: d.id } }, body: { to: 'refund' } }))}>{t('addon.refunded')}</Button>
                    </Box>
                  ) : null}>
                    <ListItemText sx={{ pr: manage && d.status === 'held' ? 18 : 0 }} primary={`${d.description} · ${fmt.money(d.amount_minor, d.currency)}`}
                      secondary={`${t(`addon.depositStates.${d.status}`)} · ${t(`addon.methods.${d.method}`)} · ${fmt.date(d.received_at)}`} />
                  </ListItem>
                ))}
              </>
            ), data.deposits.held.map((h) => <Typography key={h.currency} variant="body2" sx={{ fontWeight: 600 }} data-testid="deposits-held">{t('addon.held', { amount: fmt.money(h.amount_minor, h.currency) })}</Typography>))}
          </>
        ) : null}
      </CardContent>
      <ChangePlanDialog open={dialog === 'plan'} subscriberId={subscriberId} currentPlanId={active?.plan_id ?? planId} plans={plans} onClose={() => setDialog(null)}
        onChanged={() => { setDialog(null); void reload(); onPlanChanged(); }} />
      <ExtrasDialogs open={dialog === 'plan' ? null : dialog} subscriberId={subscriberId} currency={currency} addons={data?.catalogue ?? []} onClose={() => setDialog(null)} onDone={() => void reload()} />
    </Card>
  );
}
