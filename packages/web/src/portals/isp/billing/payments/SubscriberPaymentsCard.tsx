/** On the subscriber page: their payments, wallet balance and dunning steps; record a payment for them. */
import { useState } from 'react';
import { Box, Button, Card, CardContent, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { api } from '../../../../api/client.ts';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../../ui/common.tsx';
import { useIsp } from '../../context.ts';
import { PaymentDetailDialog } from './PaymentDetailDialog.tsx';
import { PaymentsTable } from './PaymentsTable.tsx';
import { RecordPaymentDialog } from './RecordPaymentDialog.tsx';
import { WalletPayDialog } from './WalletPayDialog.tsx';

export function SubscriberPaymentsCard({ subscriberId, name }: { subscriberId: string; name: string }) {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can } = useIsp();
  const manage = can('billing:manage');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(10);
  const [recording, setRecording] = useState(false);
  const [walletPay, setWalletPay] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const payments = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/payments', { params: { path: { isp_id: ispId }, query: { subscriber_id: subscriberId, limit: rowsPerPage, offset: page * rowsPerPage } } })), [ispId, subscriberId, page, rowsPerPage]);
  const wallet = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/wallet', { params: { path: { isp_id: ispId, subscriber_id: subscriberId } } })), [ispId, subscriberId]);
  const dunning = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/dunning', { params: { path: { isp_id: ispId, subscriber_id: subscriberId } } })), [ispId, subscriberId]);
  const refresh = () => { void payments.reload(); void wallet.reload(); void dunning.reload(); };
  const balances = wallet.data?.balances.filter((b) => b.balance !== 0) ?? [];

  return (
    <Card sx={{ mt: 2 }} data-testid="subscriber-payments">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h6" component="h2">{t('nav.payments')}</Typography>
          {manage ? <Button size="small" variant="outlined" onClick={() => setRecording(true)}>{t('pay.record.title')}</Button> : null}
        </Stack>
        <Box sx={{ mb: 2 }}>
          <Typography variant="caption" color="text.secondary" component="p">{t('pay.wallet')}</Typography>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="body1" data-testid="wallet-balance">{balances.length ? balances.map((b) => fmt.money(b.balance, b.currency)).join(' · ') : fmt.money(0, isp.currency)}</Typography>
            {manage && balances.some((b) => b.balance > 0) ? <Button size="small" onClick={() => setWalletPay(true)}>{t('pay.walletPay.submit')}</Button> : null}
          </Stack>
        </Box>
        <ErrorAlert error={payments.error ?? wallet.error} onRetry={refresh} />
        {payments.data ? (
          <PaymentsTable data={payments.data} page={page} rowsPerPage={rowsPerPage} onPage={setPage} onRowsPerPage={(n) => { setRowsPerPage(n); setPage(0); }}
            onOpen={setOpen} showSubscriber={false} label={t('nav.payments')} />
        ) : null}
        {dunning.data?.length ? (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2" component="h3">{t('nav.dunning')}</Typography>
            <List dense disablePadding>
              {dunning.data.map((d) => (
                <ListItem key={d.id} disableGutters>
                  <ListItemText primary={`${t(`pay.dunning.kind.${d.kind}`)}${d.channel !== 'none' ? ` · ${d.channel}` : ''}${d.outcome === 'failed' ? ` · ${t('pay.status.failed')}` : ''}`} secondary={[fmt.dateTime(d.created_at), d.detail].filter(Boolean).join(' · ')} />
                </ListItem>
              ))}
            </List>
          </Box>
        ) : null}
      </CardContent>
      <RecordPaymentDialog open={recording} ispId={ispId} currency={isp.currency} subscriber={{ id: subscriberId, label: name }} onClose={() => setRecording(false)}
        onSaved={(p) => { setRecording(false); setOpen(p.id); refresh(); }} />
      <WalletPayDialog open={walletPay} ispId={ispId} subscriberId={subscriberId} balances={balances} onClose={() => setWalletPay(false)} onPaid={refresh} />
      <PaymentDetailDialog ispId={ispId} paymentId={open} manage={manage} onClose={() => setOpen(null)} onChanged={refresh} />
    </Card>
  );
}
