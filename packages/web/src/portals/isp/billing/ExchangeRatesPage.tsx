/** Exchange rates: entered by hand or imported from an ECB reference-rate file (eurofxref-daily.xml). */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, TablePagination, TextField } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { useIsp } from '../context.ts';
import type { Rate } from './types.ts';

export default function ExchangeRatesPage() {
  const t = useT();
  const { ispId, can } = useIsp();
  const manage = can('billing:configure');
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/exchange-rates', { params: { path: { isp_id: ispId }, query: { limit: 50, offset } } })), [ispId, offset]);
  const crud = useCrud<Rate>({ reload, remove: (r) => api.DELETE('/api/isp/{isp_id}/exchange-rates/{rate_id}', { params: { path: { isp_id: ispId, rate_id: r.id } } }) });
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  async function importFile(file: File) {
    const r = await api.POST('/api/isp/{isp_id}/exchange-rates/ecb-import', { params: { path: { isp_id: ispId } }, body: { xml: await file.text() } });
    if (r.data) { setMsg({ severity: 'success', text: t('rates.imported', { count: r.data.imported, dates: r.data.dates.join(', ') }) }); setOffset(0); await reload(); }
    else setMsg({ severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  return (
    <>
      {manage ? (
        <Box sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }}>
          <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create}>{t('rates.new')}</Button>
          <Button variant="outlined" component="label" startIcon={<UploadIcon />} data-testid="ecb-import">
            {t('rates.importEcb')}
            <input hidden type="file" accept=".xml,application/xml,text/xml" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }} />
          </Button>
        </Box>
      ) : null}
      {msg ? <Alert severity={msg.severity} sx={{ mb: 2 }} onClose={() => setMsg(null)}>{msg.text}</Alert> : null}
      <CrudTable crud={crud} rows={data?.items} loadError={error} onRetry={reload} label={t('rates.title')} rowKey={(r) => r.id} empty={t('rates.empty')}
        actions={manage ? { name: (r) => `${r.base}/${r.quote} ${r.rate_date}`, remove: true, removeAtOnce: true } : null}
        columns={[
          { header: t('rates.date'), cell: (r) => r.rate_date },
          { header: t('rates.pair'), cell: (r) => `1 ${r.base} → ${r.quote}` },
          { header: t('rates.rate'), align: 'right', sx: { fontFamily: 'monospace' }, cell: (r) => r.rate },
          { header: t('rates.source'), from: 'sm', cell: (r) => t(`rates.sources.${r.source}`) },
        ]}
        footer={data ? (
          <TablePagination component="div" count={data.total} page={Math.floor(data.offset / data.limit)} rowsPerPage={data.limit} rowsPerPageOptions={[data.limit]}
            onPageChange={(_, p) => setOffset(p * data.limit)} labelDisplayedRows={({ from, to, count }) => `${from}–${to} / ${count}`} />
        ) : null} />
      <RateDialog open={crud.editing !== null} onClose={crud.closeEditor} onSaved={crud.saved} />
    </>
  );
}

function RateDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { ispId, isp } = useIsp();
  const [f, setF] = useState({ base: isp.currency, quote: '', rate: '', rate_date: new Date().toISOString().slice(0, 10) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await api.POST('/api/isp/{isp_id}/exchange-rates', { params: { path: { isp_id: ispId } }, body: { ...f, base: f.base.toUpperCase(), quote: f.quote.toUpperCase() } });
    if (r.response.ok) onSaved(); else setErrors({ ...fieldErrors(r.error), _: problemDetail(r.error) ?? '' });
  }
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" component="form" onSubmit={submit}>
      <DialogTitle>{t('rates.new')}</DialogTitle>
      <DialogContent>
        {errors._ ? <Alert severity="error" sx={{ mb: 2 }}>{errors._}</Alert> : null}
        <Grid container spacing={2} sx={{ mt: 0 }}>
          <Grid size={6}><TextField fullWidth required label={t('rates.base')} value={f.base} onChange={set('base')} slotProps={{ htmlInput: { maxLength: 3 } }} {...err('base')} /></Grid>
          <Grid size={6}><TextField fullWidth required label={t('rates.quote')} value={f.quote} onChange={set('quote')} slotProps={{ htmlInput: { maxLength: 3 } }} {...err('quote')} /></Grid>
          <Grid size={6}><TextField fullWidth required label={t('rates.rate')} value={f.rate} onChange={set('rate')} {...err('rate')} /></Grid>
          <Grid size={6}><TextField fullWidth required type="date" label={t('rates.date')} value={f.rate_date} onChange={set('rate_date')} slotProps={{ inputLabel: { shrink: true } }} {...err('rate_date')} /></Grid>
        </Grid>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="submit" variant="contained">{t('common.save')}</Button></DialogActions>
    </Dialog>
  );
}
