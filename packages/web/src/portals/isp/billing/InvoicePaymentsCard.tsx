/** On the invoice page: what paid it (payments and wallet credit), each with its conversion when the money was in another currency. */
import { Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../ui/common.tsx';
import { ConvertedAmount } from './payments/Conversion.tsx';
import { methodLabel } from './payments/common.tsx';

export function InvoicePaymentsCard({ ispId, invoiceId }: { ispId: string; invoiceId: string }) {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/invoices/{invoice_id}/payments', { params: { path: { isp_id: ispId, invoice_id: invoiceId } } })), [ispId, invoiceId]);
  return (
    <Card sx={{ mt: 2 }} data-testid="invoice-payments">
      <CardContent>
        <Typography variant="h6" component="h2">{t('inv.pay.payments')}</Typography>
        <ErrorAlert error={error} onRetry={reload} />
        {data?.length ? (
          <List dense disablePadding>
            {data.map((p, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText
                  primary={[fmt.date(p.received_at), p.payment_number ? t('inv.pay.receipt', { number: p.payment_number }) : t('fx.walletCredit'), p.method ? methodLabel(t, { method: p.method, provider: null }) : null].filter(Boolean).join(' · ')}
                  secondary={<ConvertedAmount a={p} />} slotProps={{ secondary: { component: 'div' } }} />
              </ListItem>
            ))}
          </List>
        ) : data ? <Typography variant="body2" color="text.secondary">{t('inv.pay.noPayments')}</Typography> : null}
      </CardContent>
    </Card>
  );
}
