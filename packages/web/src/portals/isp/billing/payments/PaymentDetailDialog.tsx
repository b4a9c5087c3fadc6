/** One payment: allocations, refunds, risk reasons; refund, receipt and (for held payments) the fraud review decision. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, List, ListItem, ListItemText, Stack, TextField, Typography,
  useMediaQuery, useTheme,
} from '@mui/material';
import { api, problemDetail } from '../../../../api/client.ts';
import { minorDigits, useFormat, useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../../ui/common.tsx';
import { PaymentStatusChip, RiskChip, methodLabel, openReceipt } from './common.tsx';
import { parseAmount } from './RecordPaymentDialog.tsx';
import type { Payment } from './types.ts';
import { ConversionPreview, ConvertedAmount } from './Conversion.tsx';

export function PaymentDetailDialog({ ispId, paymentId, manage, onClose, onChanged }: {
  ispId: string; paymentId: string | null; manage: boolean; onClose: () => void; onChanged: () => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { data: p, error, reload, setData } = useLoad(async () => (paymentId
    ? ok(await api.GET('/api/isp/{isp_id}/payments/{payment_id}', { params: { path: { isp_id: ispId, payment_id: paymentId } } }))
    : null), [ispId, paymentId]);
  const [refundAmount, setRefundAmount] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unallocated = p && (p.status === 'succeeded' || p.status === 'partially_refunded') ? p.wallet_credit ?? 0 : 0;
  const payable = useLoad(async () => (manage && p && unallocated > 0
    ? ok(await api.GET('/api/user/{user_id}/payable-invoices', { params: { path: { user_id: p.subscriber_id } } }))
    : null), [manage, p?.id, unallocated]);

  const done = (r: { data?: Payment; error?: unknown }) => {
    setBusy(false);
    if (r.data) {
      setData(r.data);
      setRefundAmount('');
      setReason('');
      onChanged();
    } else setActionError(problemDetail(r.error) ?? t('common.error'));
  };
  async function refund(e: FormEvent) {
    e.preventDefault();
    if (!p) return;
    setActionError(null);
    const minor = refundAmount.trim() ? parseAmount(refundAmount, minorDigits(p.currency)) : undefined;
    if (minor === null) return setActionError(t('pay.record.badAmount'));
    setBusy(true);
    done(await api.POST('/api/isp/{isp_id}/payments/{payment_id}/refund', { params: { path: { isp_id: ispId, payment_id: p.id } }, body: { ...(minor ? { amount: minor } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) } }));
  }
  async function allocate(invoiceId: string, open: number) {
    if (!p) return;
    setActionError(null);
    setBusy(true);
    done(await api.POST('/api/isp/{isp_id}/payments/{payment_id}/allocate', { params: { path: { isp_id: ispId, payment_id: p.id } }, body: { allocations: [{ invoice_id: invoiceId, amount: Math.min(open, unallocated) }] } }));
    void payable.reload();
  }
  async function review(decision: 'approve' | 'reject') {
    if (!p) return;
    setActionError(null);
    setBusy(true);
    done(await api.POST('/api/isp/{isp_id}/payments/{payment_id}/review', { params: { path: { isp_id: ispId, payment_id: p.id } }, body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } }));
  }

  const refundable = p && (p.status === 'succeeded' || p.status === 'partially_refunded') ? p.amount - p.amount_refunded : 0;
  const row = (label: string, value: React.ReactNode) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Typography variant="caption" color="text.secondary" component="p">{label}</Typography>
      <Typography variant="body2" component="div" sx={{ wordBreak: 'break-word' }}>{value || '—'}</Typography>
    </Grid>
  );
  return (
    <Dialog open={paymentId !== null} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="md" aria-labelledby="payment-title">
      <DialogTitle id="payment-title">{t('pay.detail.title')} {p?.number ?? ''}</DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={error} onRetry={reload} />
        {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
        {!p ? (error ? null : <Loading />) : (
          <Stack spacing={2}>
            <Grid container spacing={2}>
              {row(t('pay.subscriber'), `${p.subscriber_name ?? ''} · ${p.account_number ?? ''}`)}
              {row(t('pay.amount'), <strong>{fmt.money(p.amount, p.currency)}</strong>)}
              {row(t('pay.statusLabel'), <PaymentStatusChip status={p.status} />)}
              {row(t('pay.method.label'), methodLabel(t, p))}
              {row(t('pay.received'), fmt.dateTime(p.received_at))}
              {row(t('pay.reference'), p.reference ?? p.gateway_reference)}
              {row(t('pay.refunded'), p.amount_refunded ? fmt.money(p.amount_refunded, p.currency) : null)}
              {row(t('pay.walletCredit'), p.wallet_credit ? fmt.money(p.wallet_credit, p.currency) : null)}
            </Grid>
            <Box>
              <Typography variant="subtitle2" component="h3">{t('pay.detail.risk')} <RiskChip payment={p} /></Typography>
              {p.risk_reasons.length ? (
                <List dense disablePadding>
                  {p.risk_reasons.map((r) => <ListItem key={r.code} disableGutters><ListItemText primary={`${t(`pay.reason.${r.code}`)} (+${r.points})`} secondary={r.detail} /></ListItem>)}
                </List>
              ) : <Typography variant="body2" color="text.secondary">{t('pay.detail.noReasons')}</Typography>}
              {p.review_note ? <Typography variant="body2">{t('pay.detail.reviewNote')}: {p.review_note}</Typography> : null}
            </Box>
            <Box>
              <Typography variant="subtitle2" component="h3">{t('pay.detail.allocations')}</Typography>
              {p.allocations?.length ? (
                <List dense disablePadding>
                  {p.allocations.map((a) => (
                    <ListItem key={`${a.invoice_id}-${a.exchange_rate}-${a.rate_date ?? ''}`} disableGutters>
                      <ListItemText primary={`${t('pay.invoice')} ${a.invoice_number ?? a.invoice_id.slice(0, 8)}`} secondary={<ConvertedAmount a={a} />} slotProps={{ secondary: { component: 'div' } }} />
                    </ListItem>
                  ))}
                </List>
              ) : <Typography variant="body2" color="text.secondary">{t('common.none')}</Typography>}
            </Box>
            {payable.data?.invoices.length ? (
              <Box>
                <Typography variant="subtitle2" component="h3">{t('pay.allocate.title', { amount: fmt.money(unallocated, p.currency) })}</Typography>
                <List dense disablePadding>
                  {payable.data.invoices.map((i) => (
                    <ListItem key={i.id} disableGutters secondaryAction={<Button size="small" disabled={busy} onClick={() => void allocate(i.id, i.currency === p.currency ? i.open : unallocated)}>{t('pay.allocate.apply')}</Button>}>
                      <ListItemText primary={`${t('pay.invoice')} ${i.number ?? i.id.slice(0, 8)}`} slotProps={{ secondary: { component: 'div' } }} secondary={<>
                        {`${t('pay.due')} ${fmt.date(i.due_date)} · ${fmt.money(i.open, i.currency)}`}
                        {/* Another currency: the server converts at the rate of the payment's day and takes only what settles the invoice. */}
                        {i.currency !== p.currency ? <ConversionPreview ispId={ispId} from={p.currency} to={i.currency} amount={unallocated} date={p.received_at.slice(0, 10)} /> : null}
                      </>} />
                    </ListItem>
                  ))}
                </List>
              </Box>
            ) : null}
            {p.refunds?.length ? (
              <Box>
                <Typography variant="subtitle2" component="h3">{t('pay.detail.refunds')}</Typography>
                <List dense disablePadding>
                  {p.refunds.map((r) => <ListItem key={r.id} disableGutters><ListItemText primary={`${fmt.money(r.amount, r.currency)} · ${t(`pay.refundStatus.${r.status}`)}`} secondary={[fmt.dateTime(r.created_at), r.reason].filter(Boolean).join(' · ')} /></ListItem>)}
                </List>
              </Box>
            ) : null}
            {manage && p.status === 'held' ? (
              <Box>
                <Typography variant="subtitle2" component="h3">{t('pay.review.title')}</Typography>
                <TextField fullWidth size="small" label={t('pay.review.note')} name="review_note" value={note} onChange={(e) => setNote(e.target.value)} sx={{ my: 1 }} />
                <Stack direction="row" spacing={1}>
                  <Button variant="contained" color="success" disabled={busy} onClick={() => review('approve')}>{t('pay.review.approve')}</Button>
                  <Button variant="outlined" color="error" disabled={busy} onClick={() => review('reject')}>{t('pay.review.reject')}</Button>
                </Stack>
              </Box>
            ) : null}
            {manage && refundable > 0 ? (
              <Box component="form" onSubmit={refund} noValidate>
                <Typography variant="subtitle2" component="h3">{t('pay.refund.title')}</Typography>
                <Grid container spacing={1} sx={{ mt: 0.5 }}>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <TextField fullWidth size="small" label={`${t('pay.amount')} (${p.currency})`} name="refund_amount" value={refundAmount} onChange={(e) => setRefundAmount(e.target.value)}
                      helperText={t('pay.refund.max', { amount: fmt.money(refundable, p.currency) })} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 5 }}><TextField fullWidth size="small" label={t('pay.refund.reason')} name="refund_reason" value={reason} onChange={(e) => setReason(e.target.value)} /></Grid>
                  <Grid size={{ xs: 12, sm: 3 }}><Button type="submit" fullWidth variant="outlined" color="warning" disabled={busy}>{t('pay.refund.submit')}</Button></Grid>
                </Grid>
              </Box>
            ) : null}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {p?.number ? <Button onClick={() => void openReceipt(ispId, p.id).catch(() => setActionError(t('common.error')))}>{t('pay.receipt')}</Button> : null}
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
