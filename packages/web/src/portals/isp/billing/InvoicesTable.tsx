/** A page of invoices: number, customer, dates, total, balance, status; a row opens the invoice. */
import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { InvoiceStatusChip } from './common.tsx';
import type { InvoicePage } from './types.ts';

export function InvoicesTable({ page, base, onPage, hideCustomer }: { page: InvoicePage; base: string; onPage: (offset: number) => void; hideCustomer?: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const go = useNavigate();
  const hide = { display: { xs: 'none', sm: 'table-cell' } };
  return (
    <Paper>
      <TableContainer>
        <Table size="small" aria-label={t('inv.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('inv.number')}</TableCell>
              {hideCustomer ? null : <TableCell sx={hide}>{t('inv.customer')}</TableCell>}
              <TableCell sx={hide}>{t('inv.issueDate')}</TableCell>
              <TableCell sx={hide}>{t('inv.dueDate')}</TableCell>
              <TableCell align="right">{t('inv.total')}</TableCell>
              <TableCell align="right" sx={hide}>{t('inv.balance')}</TableCell>
              <TableCell>{t('inv.statusLabel')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.items.map((i) => (
              <TableRow key={i.id} hover sx={{ cursor: 'pointer' }} onClick={() => go(`${base}/billing/invoices/${i.id}`)}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <a href={`${base}/billing/invoices/${i.id}`} onClick={(e) => { e.preventDefault(); go(`${base}/billing/invoices/${i.id}`); }}>{i.number ?? t('inv.status.draft')}</a>
                  {i.kind === 'credit_note' ? <small style={{ display: 'block', color: '#555' }}>{t('inv.creditNote')}</small> : null}
                </TableCell>
                {hideCustomer ? null : <TableCell sx={hide}>{i.subscriber_name}</TableCell>}
                <TableCell sx={hide}>{i.issue_date ?? '—'}</TableCell>
                <TableCell sx={hide}>{i.kind === 'invoice' ? (i.due_date ?? '—') : '—'}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(i.total, i.currency)}</TableCell>
                <TableCell align="right" sx={{ ...hide, whiteSpace: 'nowrap' }}>{fmt.money(i.balance, i.currency)}</TableCell>
                <TableCell><InvoiceStatusChip status={i.status} /></TableCell>
              </TableRow>
            ))}
            {!page.items.length ? <TableRow><TableCell colSpan={7} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('inv.empty')}</TableCell></TableRow> : null}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination component="div" count={page.total} page={Math.floor(page.offset / page.limit)} rowsPerPage={page.limit} rowsPerPageOptions={[page.limit]}
        onPageChange={(_, p) => onPage(p * page.limit)} labelDisplayedRows={({ from, to, count }) => `${from}–${to} / ${count}`} />
    </Paper>
  );
}
