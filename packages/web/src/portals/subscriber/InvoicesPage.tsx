/** Self-service: my invoices, each downloadable as PDF. */
import { useState } from 'react';
import { Alert, Button, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { api } from '../../api/client.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../ui/common.tsx';
import { InvoiceStatusChip, openMyInvoicePdf } from '../isp/billing/common.tsx';

export default function MyInvoicesPage() {
  const t = useT();
  const fmt = useFormat();
  const [offset, setOffset] = useState(0);
  const [err, setErr] = useState(false);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/me/invoices', { params: { query: { limit: 20, offset } } })), [offset]);
  return (
    <>
      <PageHeader title={t('self.invoices')} />
      <ErrorAlert error={error} onRetry={reload} />
      {err ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setErr(false)}>{t('common.error')}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('self.invoices')}>
              <TableHead><TableRow>
                <TableCell>{t('inv.number')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('inv.issueDate')}</TableCell>
                <TableCell align="right">{t('inv.total')}</TableCell>
                <TableCell>{t('inv.statusLabel')}</TableCell>
                <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell>
              </TableRow></TableHead>
              <TableBody>
                {data.items.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell>{i.number}{i.kind === 'credit_note' ? <small style={{ display: 'block', color: '#555' }}>{t('inv.creditNote')}</small> : null}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{i.issue_date}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(i.total, i.currency)}{i.balance ? <small style={{ display: 'block', color: '#555' }}>{t('inv.balance')}: {fmt.money(i.balance, i.currency)}</small> : null}</TableCell>
                    <TableCell><InvoiceStatusChip status={i.status} /></TableCell>
                    <TableCell align="right"><Button size="small" onClick={() => void openMyInvoicePdf(i.id).catch(() => setErr(true))} aria-label={`${t('inv.pdf')} ${i.number ?? ''}`}>{t('inv.pdf')}</Button></TableCell>
                  </TableRow>
                ))}
                {!data.items.length ? <TableRow><TableCell colSpan={5} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('inv.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination component="div" count={data.total} page={Math.floor(data.offset / data.limit)} rowsPerPage={data.limit} rowsPerPageOptions={[data.limit]}
            onPageChange={(_, p) => setOffset(p * data.limit)} labelDisplayedRows={({ from, to, count }) => `${from}–${to} / ${count}`} />
        </Paper>
      )}
    </>
  );
}
