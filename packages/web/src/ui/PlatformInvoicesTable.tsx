/** Platform (SaaS) invoices to ISPs: the founder's list with actions, and the ISP's read-only list. */
import type { ReactNode } from 'react';
import { Button, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, type ChipProps } from '@mui/material';
import type { PlatformInvoice } from '../api/types.ts';
import { useFormat, useI18n, useT } from '../i18n/index.tsx';
import { monthLabel } from './platform-format.ts';

const colors: Record<string, ChipProps['color']> = { draft: 'default', issued: 'info', paid: 'success', void: 'default' };

export function PlatformInvoicesTable({ invoices, showIsp, onPdf, actions }: {
  invoices: PlatformInvoice[]; showIsp: boolean; onPdf: (inv: PlatformInvoice) => void; actions?: (inv: PlatformInvoice) => ReactNode;
}) {
  const t = useT();
  const fmt = useFormat();
  const { locale } = useI18n();
  if (!invoices.length) return <Typography color="text.secondary">{t('sb.none')}</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-label={t('sb.invoices')}>
        <TableHead><TableRow>
          <TableCell>{t('sb.number')}</TableCell>
          {showIsp ? <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.isp')}</TableCell> : null}
          <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.periodCol')}</TableCell>
          <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('sb.subscribers')}</TableCell>
          <TableCell align="right">{t('sb.total')}</TableCell>
          <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.balance')}</TableCell>
          <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('sb.status')}</TableCell>
          <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell>
        </TableRow></TableHead>
        <TableBody>
          {invoices.map((i) => (
            <TableRow key={i.id} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{i.number ?? '—'}<Typography variant="caption" component="div" color="text.secondary" sx={{ display: { sm: 'none' } }}>{[showIsp ? i.isp_name : null, monthLabel(locale, i.period_start)].filter(Boolean).join(' · ')}</Typography></TableCell>
              {showIsp ? <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{i.isp_name}</TableCell> : null}
              <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{monthLabel(locale, i.period_start)}</TableCell>
              <TableCell align="right" sx={{ display: { xs: 'none', md: 'table-cell' } }}>{fmt.number(i.active_subscribers)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {fmt.money(i.total, i.currency)}
                <Typography variant="caption" component="div" color="text.secondary" sx={{ display: { sm: 'none' } }}>{t(`inv.status.${i.status}`)}</Typography>
              </TableCell>
              <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{fmt.money(i.balance, i.currency)}</TableCell>
              <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><Chip size="small" variant={i.status === 'void' ? 'outlined' : 'filled'} color={colors[i.status] ?? 'default'} label={t(`inv.status.${i.status}`)} /></TableCell>
              <TableCell align="right">
                <Stack direction={{ xs: 'column', md: 'row' }} sx={{ alignItems: 'flex-end', justifyContent: 'flex-end' }}>
                  <Button size="small" onClick={() => onPdf(i)} aria-label={`${t('sb.pdf')} ${i.number ?? ''}`}>{t('sb.pdf')}</Button>
                  {actions?.(i)}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
