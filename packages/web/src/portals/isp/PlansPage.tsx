/** Plans: list with speeds and prices in their currency; create, edit, archive, delete. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, MenuItem, Paper, Table, TableBody,
  TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, useMediaQuery, useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/EditOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, fieldErrors, problemDetail } from '../../api/client.ts';
import type { Plan, PlanCreateBody } from '../../api/types.ts';
import { minorDigits, useFormat, useT } from '../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../ui/common.tsx';
import { useIsp } from './context.ts';

const PERIODS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
type Period = (typeof PERIODS)[number];

export default function PlansPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const manage = can('plan:manage');

  async function remove(p: Plan) {
    setDeleting(null);
    const r = await api.DELETE('/api/isp/{isp_id}/plans/{plan_id}', { params: { path: { isp_id: ispId, plan_id: p.id } } });
    if (r.response.ok) await reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.plans')} actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="new-plan">{t('plans.new')}</Button> : undefined} />
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table aria-label={t('nav.plans')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('plans.name')}</TableCell>
                  <TableCell>{t('plans.speed')}</TableCell>
                  <TableCell align="right">{t('plans.price')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }} align="right">{t('nav.subscribers')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('subs.status')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((p) => (
                  <TableRow key={p.id} hover>
                    <TableCell>{p.name}{p.description ? <><br /><small style={{ color: '#666' }}>{p.description}</small></> : null}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.speed(p.download_kbps)} / {fmt.speed(p.upload_kbps)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fmt.money(p.price_minor, p.currency)}<br /><small style={{ color: '#666' }}>{t(`period.${p.billing_period}`)}</small></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }} align="right">{fmt.number(p.subscribers ?? 0)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><StatusChip status={p.status} /></TableCell>
                    {manage ? (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title={t('common.edit')}><IconButton onClick={() => setEditing(p)} aria-label={`${t('common.edit')} ${p.name}`}><EditIcon /></IconButton></Tooltip>
                        <Tooltip title={t('common.delete')}><IconButton onClick={() => setDeleting(p)} aria-label={`${t('common.delete')} ${p.name}`}><DeleteIcon /></IconButton></Tooltip>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!data.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('plans.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      <PlanDialog open={editing !== null} plan={editing === 'new' ? null : editing} ispId={ispId} defaultCurrency={isp.currency}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void reload(); }} />
      <ConfirmDialog open={Boolean(deleting)} title={t('plans.deleteTitle')} body={t('plans.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')} danger onConfirm={() => deleting && remove(deleting)} onClose={() => setDeleting(null)} />
    </>
  );
}

function PlanDialog({ open, plan, ispId, defaultCurrency, onClose, onSaved }: {
  open: boolean; plan: Plan | null; ispId: string; defaultCurrency: string; onClose: () => void; onSaved: () => void;
}) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [f, setF] = useState({ name: '', description: '', down: '', up: '', price: '', currency: defaultCurrency, period: 'monthly' as Period, status: 'active' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setF(plan
        ? { name: plan.name, description: plan.description ?? '', down: String(plan.download_kbps / 1000), up: String(plan.upload_kbps / 1000), price: String(plan.price_minor / 10 ** minorDigits(plan.currency)), currency: plan.currency, period: plan.billing_period as Period, status: plan.status }
        : { name: '', description: '', down: '', up: '', price: '', currency: defaultCurrency, period: 'monthly', status: 'active' });
    }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const currency = f.currency.trim().toUpperCase();
    const body: PlanCreateBody = {
      name: f.name.trim(), description: f.description.trim() || null,
      download_kbps: Math.round(Number(f.down) * 1000), upload_kbps: Math.round(Number(f.up) * 1000),
      price_minor: Math.round(Number(f.price) * 10 ** minorDigits(currency)), billing_period: f.period,
    };
    const r = plan
      ? await api.PATCH('/api/isp/{isp_id}/plans/{plan_id}', { params: { path: { isp_id: ispId, plan_id: plan.id } }, body: { ...body, status: f.status as 'active' | 'archived' } })
      : await api.POST('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } }, body: { ...body, currency } });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="plan-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="plan-title">{plan ? t('plans.editTitle') : t('plans.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={12}><TextField fullWidth required autoFocus label={t('plans.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={12}><TextField fullWidth label={t('plans.description')} name="description" value={f.description} onChange={set('description')} {...err('description')} /></Grid>
            <Grid size={6}><TextField fullWidth required type="number" label={t('plans.downMbps')} name="down" value={f.down} onChange={set('down')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('download_kbps')} /></Grid>
            <Grid size={6}><TextField fullWidth required type="number" label={t('plans.upMbps')} name="up" value={f.up} onChange={set('up')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('upload_kbps')} /></Grid>
            <Grid size={{ xs: 6, sm: 4 }}><TextField fullWidth required type="number" label={t('plans.price')} name="price" value={f.price} onChange={set('price')} slotProps={{ htmlInput: { min: 0, step: 'any' } }} {...err('price_minor')} /></Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth label={t('plans.currency')} name="currency" value={f.currency} onChange={set('currency')} disabled={Boolean(plan)} slotProps={{ htmlInput: { maxLength: 3 } }} {...err('currency')} /></Grid>
            <Grid size={{ xs: 12, sm: 5 }}>
              <TextField select fullWidth label={t('plans.period')} name="period" value={f.period} onChange={set('period')} {...err('billing_period')}>
                {PERIODS.map((p) => <MenuItem key={p} value={p}>{t(`period.${p}`)}</MenuItem>)}
              </TextField>
            </Grid>
            {plan ? (
              <Grid size={12}>
                <TextField select fullWidth label={t('subs.status')} value={f.status} onChange={set('status')}>
                  <MenuItem value="active">{t('status.active')}</MenuItem>
                  <MenuItem value="archived">{t('status.archived')}</MenuItem>
                </TextField>
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{plan ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
