/** Prepaid voucher batches: progress of each (used / sold / on the shelf), generation, printing. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Grid, IconButton, Link, MenuItem, Paper, Table, TableBody, TableCell,
  TableContainer, TableHead, TablePagination, TableRow, TextField, Tooltip, useMediaQuery, useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import PrintIcon from '@mui/icons-material/PrintOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { CreatedVoucherBatch, VoucherBatchCreateBody } from '../../../api/types.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { BatchProgress, BatchValue, SheetLanguageSelect, downloadSheet, type SheetLanguage } from './vouchers.tsx';

export default function VouchersPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, base, can } = useIsp();
  const manage = can('billing:manage');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/voucher-batches', {
    params: { path: { isp_id: ispId }, query: { limit: rowsPerPage, offset: page * rowsPerPage, sort: '-created_at' } },
  })), [ispId, page, rowsPerPage]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedVoucherBatch | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [sheetLanguage, setSheetLanguage] = useState<SheetLanguage>('');

  async function print(batchId: string) {
    setActionError(await downloadSheet(ispId, batchId, 'pdf', sheetLanguage));
    void reload();
  }

  return (
    <>
      <PageHeader title={t('nav.vouchers')} subtitle={t('vouchers.subtitle')}
        actions={manage ? (
          // One row: the language belongs with the print buttons below, generation next to it.
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: { xs: 'wrap', md: 'nowrap' } }}>
            <SheetLanguageSelect value={sheetLanguage} onChange={setSheetLanguage} />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="new-batch">{t('vouchers.generate')}</Button>
          </Box>
        ) : undefined} />
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      <CardSearch />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('nav.vouchers')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('vouchers.batch')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('vouchers.value')}</TableCell>
                  <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('vouchers.cards')}</TableCell>
                  <TableCell sx={{ width: { sm: 260 } }}>{t('vouchers.progress')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('subs.status')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((b) => (
                  <TableRow key={b.id}>
                    <TableCell sx={{ wordBreak: 'break-word' }}>
                      <Link component={RouterLink} to={`${base}/vouchers/${b.id}`} underline="hover">{b.name}</Link>
                      <br /><small>#{b.number} · {t(`vouchers.kind.${b.kind}`)} · {fmt.date(b.created_at)}</small>
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}><BatchValue batch={b} /></TableCell>
                    <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.number(b.card_count)}</TableCell>
                    <TableCell><BatchProgress stats={b.stats} total={b.card_count} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><StatusChip status={b.status} /></TableCell>
                    {manage ? (
                      <TableCell align="right">
                        <Tooltip title={t('vouchers.print')}><IconButton size="small" onClick={() => void print(b.id)} aria-label={`${t('vouchers.print')} ${b.name}`}><PrintIcon /></IconButton></Tooltip>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!data.items.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('vouchers.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div" count={data.total} page={page} rowsPerPage={rowsPerPage} rowsPerPageOptions={[10, 25, 50]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRowsPerPage(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')}
            labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
            getItemAriaLabel={(type) => t(`common.page_${type}`)}
          />
        </Paper>
      )}
      <GenerateDialog open={creating} onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); setCreated(c); void reload(); }} />
      <Dialog open={Boolean(created)} onClose={() => setCreated(null)} aria-labelledby="created-title">
        <DialogTitle id="created-title">{t('vouchers.createdTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('vouchers.createdBody', { n: fmt.number(created?.cards.length ?? 0), number: created?.batch.number ?? '' })}</DialogContentText>
          <Box sx={{ mt: 2 }}><SheetLanguageSelect value={sheetLanguage} onChange={setSheetLanguage} /></Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCreated(null)}>{t('common.close')}</Button>
          <Button variant="contained" startIcon={<PrintIcon />} onClick={() => created && void print(created.batch.id).then(() => setCreated(null))}>{t('vouchers.print')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** A customer calls with the serial on their card: find it across all batches. */
function CardSearch() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, base } = useIsp();
  const [serial, setSerial] = useState('');
  const q = serial.trim();
  const { data } = useLoad(async () => (q.length >= 4
    ? ok(await api.GET('/api/isp/{isp_id}/vouchers', { params: { path: { isp_id: ispId }, query: { serial: q, limit: 10 } } }))
    : null), [ispId, q]);
  return (
    <Paper sx={{ p: 2, mb: 2 }}>
      <TextField size="small" fullWidth label={t('vouchers.findSerial')} name="find-serial" value={serial} onChange={(e) => setSerial(e.target.value)}
        helperText={t('vouchers.findSerialHelp')} />
      {data && q.length >= 4 ? (
        <Table size="small" aria-label={t('vouchers.findSerial')} sx={{ mt: 1 }}>
          <TableBody>
            {data.items.map((c) => (
              <TableRow key={c.id}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{c.serial}</TableCell>
                <TableCell><Link component={RouterLink} to={`${base}/vouchers/${c.batch_id}`} underline="hover">{c.batch_name}</Link></TableCell>
                <TableCell>{t(`vouchers.status.${c.status}`)}{c.used_at ? ` · ${fmt.dateTime(c.used_at)}` : c.sold_at ? ` · ${fmt.dateTime(c.sold_at)}` : ''}</TableCell>
              </TableRow>
            ))}
            {!data.items.length ? <TableRow><TableCell colSpan={3} sx={{ color: 'text.secondary' }}>{t('vouchers.noCards')}</TableCell></TableRow> : null}
          </TableBody>
        </Table>
      ) : null}
    </Paper>
  );
}

type Form = {
  name: string; kind: 'recharge' | 'hotspot'; count: string; pin_length: string; plan_id: string; value: string; price: string;
  validity_days: string; expires_at: string; data_gb: string; time_h: string; branch_id: string;
};
const empty: Form = { name: '', kind: 'recharge', count: '100', pin_length: '12', plan_id: '', value: '', price: '', validity_days: '30', expires_at: '', data_gb: '', time_h: '', branch_id: '' };

function GenerateDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CreatedVoucherBatch) => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId, isp } = useIsp();
  const [f, setF] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: plans } = useLoad(async () => (open ? ok(await api.GET('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } } })) : []), [open, ispId]);
  const { data: branches } = useLoad(async () => (open ? ok(await api.GET('/api/isp/{isp_id}/branches', { params: { path: { isp_id: ispId } } })) : []), [open, ispId]);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const currency = isp.currency;
  const minor = (v: string) => Math.round(Number(v) * 10 ** minorDigits(currency));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const body: VoucherBatchCreateBody = {
      name: f.name.trim(), kind: f.kind, count: Number(f.count), pin_length: Number(f.pin_length), price_minor: f.price ? minor(f.price) : 0,
      plan_id: f.plan_id || null, value_minor: f.value ? minor(f.value) : null, validity_days: f.validity_days ? Number(f.validity_days) : null,
      expires_at: f.expires_at ? new Date(`${f.expires_at}T23:59:59`).toISOString() : null, branch_id: f.branch_id || null,
      data_limit_bytes: f.kind === 'hotspot' && f.data_gb ? Math.round(Number(f.data_gb) * 1e9) : null,
      time_limit_s: f.kind === 'hotspot' && f.time_h ? Math.round(Number(f.time_h) * 3600) : null,
    };
    const r = await api.POST('/api/isp/{isp_id}/voucher-batches', { params: { path: { isp_id: ispId } }, body });
    setBusy(false);
    if (r.data) {
      setF(empty);
      return onCreated(r.data);
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const err = (k: string, help?: string) => ({ error: Boolean(errors[k]), helperText: errors[k] ?? help });
  const hotspot = f.kind === 'hotspot';
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="batch-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="batch-title">{t('vouchers.generate')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}><TextField fullWidth required autoFocus label={t('vouchers.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('vouchers.kindLabel')} name="kind" value={f.kind} onChange={set('kind')} {...err('kind', t(`vouchers.kindHelp.${f.kind}`))}>
                <MenuItem value="recharge">{t('vouchers.kind.recharge')}</MenuItem>
                <MenuItem value="hotspot">{t('vouchers.kind.hotspot')}</MenuItem>
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth required type="number" label={t('vouchers.count')} name="count" value={f.count} onChange={set('count')} slotProps={{ htmlInput: { min: 1, max: 10000 } }} {...err('count')} /></Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={t('vouchers.pinLength')} name="pin_length" value={f.pin_length} onChange={set('pin_length')} slotProps={{ htmlInput: { min: 11, max: 20 } }} {...err('pin_length')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('vouchers.plan')} name="plan_id" value={f.plan_id} onChange={set('plan_id')} {...err('plan_id')}>
                <MenuItem value="">{t('common.none')}</MenuItem>
                {(plans ?? []).map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={`${t('vouchers.value')} (${currency})`} name="value" value={f.value} onChange={set('value')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('value_minor')} /></Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={`${t('vouchers.price')} (${currency})`} name="price" value={f.price} onChange={set('price')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('price_minor')} /></Grid>
            <Grid size={{ xs: 6 }}><TextField fullWidth type="number" label={t('vouchers.validityDays')} name="validity_days" value={f.validity_days} onChange={set('validity_days')} slotProps={{ htmlInput: { min: 1 } }} {...err('validity_days', t(`vouchers.validityHelp.${f.kind}`))} /></Grid>
            <Grid size={{ xs: 6 }}><TextField fullWidth type="date" label={t('vouchers.expiresAt')} name="expires_at" value={f.expires_at} onChange={set('expires_at')} slotProps={{ inputLabel: { shrink: true } }} {...err('expires_at')} /></Grid>
            {hotspot ? <Grid size={{ xs: 6 }}><TextField fullWidth type="number" label={t('vouchers.dataGb')} name="data_gb" value={f.data_gb} onChange={set('data_gb')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('data_limit_bytes')} /></Grid> : null}
            {hotspot ? <Grid size={{ xs: 6 }}><TextField fullWidth type="number" label={t('vouchers.timeH')} name="time_h" value={f.time_h} onChange={set('time_h')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('time_limit_s')} /></Grid> : null}
            <Grid size={12}>
              <TextField select fullWidth label={t('vouchers.branch')} name="branch_id" value={f.branch_id} onChange={set('branch_id')} {...err('branch_id')}>
                <MenuItem value="">{t('vouchers.allBranches')}</MenuItem>
                {(branches ?? []).map((b) => <MenuItem key={b.id} value={b.id}>{b.name}</MenuItem>)}
              </TextField>
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>{t('vouchers.generate')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
