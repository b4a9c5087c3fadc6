/** One voucher batch: its figures, and its cards with who sold and who used each; sell and disable. */
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Alert, Box, Button, Chip, Grid, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField,
} from '@mui/material';
import PrintIcon from '@mui/icons-material/PrintOutlined';
import { api, problemDetail } from '../../../api/client.ts';
import type { VoucherCard } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatCard, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { BatchProgress, BatchValue, SheetLanguageSelect, downloadSheet, type SheetLanguage } from './vouchers.tsx';
import { VOUCHER_STATUSES } from '../../../api/enums.ts';

type CardStatus = (typeof VOUCHER_STATUSES)[number];

export default function VoucherBatchPage() {
  const t = useT();
  const fmt = useFormat();
  const { batchId = '' } = useParams();
  const { ispId, can } = useIsp();
  const manage = can('billing:manage');
  const [serial, setSerial] = useState('');
  const [status, setStatus] = useState<CardStatus | ''>('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [disabling, setDisabling] = useState<VoucherCard | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [sheetLanguage, setSheetLanguage] = useState<SheetLanguage>('');
  const batch = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/voucher-batches/{batch_id}', { params: { path: { isp_id: ispId, batch_id: batchId } } })), [ispId, batchId]);
  const cards = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/vouchers', {
    params: { path: { isp_id: ispId }, query: { batch_id: batchId, limit: rowsPerPage, offset: page * rowsPerPage, ...(serial.trim() ? { serial: serial.trim() } : {}), ...(status ? { status } : {}) } },
  })), [ispId, batchId, page, rowsPerPage, serial, status]);
  const reloadAll = () => { void batch.reload(); void cards.reload(); };

  async function act(card: VoucherCard, action: 'sell' | 'disable') {
    setDisabling(null);
    const path = { params: { path: { isp_id: ispId, card_id: card.id } } };
    const r = action === 'sell'
      ? await api.POST('/api/isp/{isp_id}/vouchers/{card_id}/sell', { ...path, body: {} })
      : await api.POST('/api/isp/{isp_id}/vouchers/{card_id}/disable', path);
    setActionError(r.response.ok ? null : problemDetail(r.error) ?? t('common.error'));
    reloadAll();
  }

  const b = batch.data;
  return (
    <>
      <PageHeader title={b ? b.name : t('vouchers.batch')}
        subtitle={b ? <>#{b.number} · {t(`vouchers.kind.${b.kind}`)} · <BatchValue batch={b} /></> : undefined}
        actions={manage && b ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: { xs: 'wrap', md: 'nowrap' } }}>
            <SheetLanguageSelect value={sheetLanguage} onChange={setSheetLanguage} />
            <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void downloadSheet(ispId, b.id, 'pdf', sheetLanguage).then((e) => { setActionError(e); void batch.reload(); })}>{t('vouchers.print')}</Button>
            <Button onClick={() => void downloadSheet(ispId, b.id, 'csv').then((e) => { setActionError(e); void batch.reload(); })}>{t('vouchers.csv')}</Button>
          </Box>
        ) : undefined} />
      <ErrorAlert error={batch.error ?? cards.error} onRetry={reloadAll} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {b ? (
        <>
          <Grid container spacing={2} sx={{ mb: 2 }}>
            {VOUCHER_STATUSES.map((s) => (
              <Grid key={s} size={{ xs: 6, sm: 4, md: 'grow' }}><StatCard label={t(`vouchers.status.${s}`)} value={fmt.number(b.stats[s])} /></Grid>
            ))}
          </Grid>
          <Paper sx={{ p: 2, mb: 2 }}>
            <BatchProgress stats={b.stats} total={b.card_count} />
            <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
              <StatusChip status={b.status} />
              <Chip size="small" variant="outlined" label={t('vouchers.entropy', { bits: fmt.number(b.entropy_bits) })} />
              {b.expires_at ? <Chip size="small" variant="outlined" label={`${t('vouchers.expiresAt')}: ${fmt.date(b.expires_at)}`} /> : null}
              <Chip size="small" variant="outlined" label={t('vouchers.printed', { n: fmt.number(b.print_count) })} />
              {b.price_minor ? <Chip size="small" variant="outlined" label={`${t('vouchers.price')}: ${fmt.money(b.price_minor, b.currency)}`} /> : null}
            </Stack>
          </Paper>
        </>
      ) : batch.error ? null : <Loading />}
      <Paper>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ p: 2 }}>
          <TextField size="small" label={t('vouchers.serial')} name="serial" value={serial} onChange={(e) => { setSerial(e.target.value); setPage(0); }} />
          <TextField size="small" select label={t('subs.status')} name="status" value={status} onChange={(e) => { setStatus(e.target.value as CardStatus | ''); setPage(0); }} sx={{ minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {VOUCHER_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`vouchers.status.${s}`)}</MenuItem>)}
          </TextField>
        </Stack>
        {!cards.data ? (cards.error ? null : <Loading />) : (
          <TableContainer>
            <Table size="small" aria-label={t('vouchers.cards')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('vouchers.serial')}</TableCell>
                  <TableCell>{t('subs.status')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('vouchers.soldBy')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('vouchers.usedBy')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {cards.data.items.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{c.serial}</TableCell>
                    <TableCell><Chip size="small" variant="outlined" label={t(`vouchers.status.${c.status}`)} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{c.sold_at ? `${c.sold_by_name ?? '—'} · ${fmt.dateTime(c.sold_at)}` : '—'}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>
                      {c.used_at ? `${c.used_by_subscriber_name ?? c.used_mac ?? '—'} · ${fmt.dateTime(c.used_at)}` : '—'}
                      {c.bytes_used !== null ? <Box component="small" sx={{ display: 'block', color: 'text.secondary' }}>{fmt.bytes(c.bytes_used)} · {fmt.duration(c.seconds_used ?? 0)}{c.expires_at ? ` · ${t('vouchers.until', { date: fmt.dateTime(c.expires_at) })}` : ''}</Box> : null}
                    </TableCell>
                    {manage ? (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {c.status === 'unused' ? <Button size="small" onClick={() => void act(c, 'sell')} aria-label={`${t('vouchers.markSold')} ${c.serial}`}>{t('vouchers.markSold')}</Button> : null}
                        {c.status !== 'disabled' ? <Button size="small" color="error" onClick={() => setDisabling(c)} aria-label={`${t('vouchers.disable')} ${c.serial}`}>{t('vouchers.disable')}</Button> : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!cards.data.items.length ? <TableRow><TableCell colSpan={5} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('vouchers.noCards')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        <TablePagination
          component="div" count={cards.data?.total ?? 0} page={cards.data ? page : 0} rowsPerPage={rowsPerPage} rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRowsPerPage(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage={t('common.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
          getItemAriaLabel={(type) => t(`common.page_${type}`)}
        />
      </Paper>
      <ConfirmDialog open={Boolean(disabling)} title={t('vouchers.disableTitle')} body={t('vouchers.disableBody', { serial: disabling?.serial ?? '' })}
        confirmLabel={t('vouchers.disable')} danger onConfirm={() => disabling && void act(disabling, 'disable')} onClose={() => setDisabling(null)} />
    </>
  );
}
