/** A page of payments as a table; a row opens the payment. Secondary columns hide on phones. */
import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { useFormat, useT } from '../../../../i18n/index.tsx';
import { PaymentStatusChip, RiskChip, methodLabel } from './common.tsx';
import type { PaymentPage } from './types.ts';

export function PaymentsTable({ data, page, rowsPerPage, onPage, onRowsPerPage, onOpen, showSubscriber = true, label }: {
  data: PaymentPage; page: number; rowsPerPage: number; onPage: (p: number) => void; onRowsPerPage: (n: number) => void; onOpen: (id: string) => void;
  showSubscriber?: boolean; label: string;
}) {
  const t = useT();
  const fmt = useFormat();
  const hide = { display: { xs: 'none', sm: 'table-cell' } };
  return (
    <Paper>
      <TableContainer>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>{t('pay.received')}</TableCell>
              {showSubscriber ? <TableCell>{t('pay.subscriber')}</TableCell> : null}
              <TableCell align="right">{t('pay.amount')}</TableCell>
              <TableCell sx={hide}>{t('pay.method.label')}</TableCell>
              <TableCell sx={hide}>{t('pay.statusLabel')}</TableCell>
              <TableCell sx={hide}>{t('pay.detail.risk')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map((p) => (
              <TableRow key={p.id} hover onClick={() => onOpen(p.id)} sx={{ cursor: 'pointer' }} tabIndex={0} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(p.id); }}
                aria-label={`${p.number ?? ''} ${fmt.money(p.amount, p.currency)}`}>
                <TableCell>{fmt.dateTime(p.received_at)}<br /><small>{p.number ?? ''}</small></TableCell>
                {showSubscriber ? <TableCell sx={{ wordBreak: 'break-word' }}>{p.subscriber_name}<br /><small>{p.account_number}</small></TableCell> : null}
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(p.amount, p.currency)}</TableCell>
                <TableCell sx={hide}>{methodLabel(t, p)}</TableCell>
                <TableCell sx={hide}><PaymentStatusChip status={p.status} /></TableCell>
                <TableCell sx={hide}><RiskChip payment={p} /></TableCell>
              </TableRow>
            ))}
            {!data.items.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('pay.empty')}</TableCell></TableRow> : null}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div" count={data.total} page={page} rowsPerPage={rowsPerPage} rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_e, p) => onPage(p)} onRowsPerPageChange={(e) => onRowsPerPage(Number(e.target.value))}
        labelRowsPerPage={t('common.rowsPerPage')}
        labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
        getItemAriaLabel={(type) => t(`common.page_${type}`)}
      />
    </Paper>
  );
}
