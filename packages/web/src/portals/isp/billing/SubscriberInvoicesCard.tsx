/** The subscriber page's billing card: the subscription (start one, recharge a prepaid one) and the subscriber's invoices. */
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { InvoicesTable } from './InvoicesTable.tsx';

export function SubscriberInvoicesCard({ subscriberId }: { subscriberId: string }) {
  const t = useT();
  const { ispId, base, can } = useIsp();
  const manage = can('billing:manage');
  const [offset, setOffset] = useState(0);
  const [kind, setKind] = useState<'postpaid' | 'prepaid'>('postpaid');
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const path = { isp_id: ispId, subscriber_id: subscriberId };
  const subs = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription', { params: { path } })), [ispId, subscriberId]);
  const invoices = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/invoices', { params: { path: { isp_id: ispId }, query: { subscriber_id: subscriberId, limit: 10, offset, sort: '-created_at' } } })), [ispId, subscriberId, offset]);
  const active = subs.data?.subscriptions.find((s) => s.status === 'active');

  async function run(p: Promise<{ response: Response; error?: unknown }>, success: string) {
    const r = await p;
    if (r.response.ok) { setMsg({ severity: 'success', text: success }); await Promise.all([subs.reload(), invoices.reload()]); }
    else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  return (
    <Card sx={{ mt: 2 }} data-testid="subscriber-invoices">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('inv.title')}</Typography>
        {msg ? <Alert severity={msg.severity} sx={{ mb: 2 }} onClose={() => setMsg(null)}>{msg.text}</Alert> : null}
        <ErrorAlert error={subs.error} onRetry={subs.reload} />
        {subs.data ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
            {active ? (
              <>
                <Typography variant="body2" sx={{ flex: 1, minWidth: 200 }}>
                  {t(`sub.kind.${active.kind}`)} · {active.kind === 'postpaid'
                    ? t('sub.nextPeriod', { start: active.next_period_start, end: active.next_period_end })
                    : t('sub.validUntil', { end: active.next_period_end })}
                </Typography>
                {manage && active.kind === 'prepaid' ? <Button variant="contained" size="small" onClick={() => void run(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/recharge', { params: { path } }), t('sub.recharged'))}>{t('sub.recharge')}</Button> : null}
              </>
            ) : manage ? (
              <>
                <Typography variant="body2" sx={{ flex: 1, minWidth: 160 }}>{t('sub.none')}</Typography>
                <TextField select size="small" label={t('sub.kindLabel')} value={kind} onChange={(e) => setKind(e.target.value as 'postpaid' | 'prepaid')} sx={{ minWidth: 140 }}>
                  <MenuItem value="postpaid">{t('sub.kind.postpaid')}</MenuItem>
                  <MenuItem value="prepaid">{t('sub.kind.prepaid')}</MenuItem>
                </TextField>
                <Button variant="outlined" size="small" onClick={() => void run(api.POST('/api/isp/{isp_id}/subscribers/{subscriber_id}/subscription', { params: { path }, body: { kind, anchor: 'calendar', billing_day: 1 } }), t('sub.started'))}>{t('sub.start')}</Button>
              </>
            ) : <Typography variant="body2">{t('sub.none')}</Typography>}
          </Box>
        ) : null}
        <ErrorAlert error={invoices.error} onRetry={invoices.reload} />
        {!invoices.data ? (invoices.error ? null : <Loading />) : <InvoicesTable page={invoices.data} base={base} onPage={setOffset} hideCustomer />}
      </CardContent>
    </Card>
  );
}
