/** Plans: list with speeds and prices in their currency; create, edit, archive, delete. */
import { useState, type FormEvent } from 'react';
import {
  Accordion, AccordionDetails, AccordionSummary, Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, TextField,
  Typography, useMediaQuery, useTheme,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { Plan, PlanCreateBody } from '../../../api/types.ts';
import { minorDigits, useFormat, useT } from '../../../i18n/index.tsx';
import { PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { useIsp } from '../context.ts';
import {
  cleanRows, RadiusAttributesEditor, rowErrors, toChecks, toReply, type CheckItem, type ReplyAttribute,
} from '../aaa/RadiusAttributesEditor.tsx';
import { PLAN_PERIODS } from '../../../api/enums.ts';

type Period = (typeof PLAN_PERIODS)[number];

/** The AAA fields of a plan: how each is entered (Mbit/s, GB, plain number, text) and sent (kbit/s, bytes, number, text). */
const AAA = [
  ['burst_download_kbps', 'burstDown', 'mbps'], ['burst_upload_kbps', 'burstUp', 'mbps'],
  ['burst_threshold_download_kbps', 'burstThDown', 'mbps'], ['burst_threshold_upload_kbps', 'burstThUp', 'mbps'],
  ['burst_time_s', 'burstTime', 'int'], ['priority', 'priority', 'int'],
  ['session_timeout_s', 'sessionTimeout', 'int'], ['idle_timeout_s', 'idleTimeout', 'int'],
  ['interim_interval_s', 'interim', 'int'], ['simultaneous_use', 'simUse', 'int'],
  ['fup_daily_bytes', 'fupDaily', 'gb'], ['fup_monthly_bytes', 'fupMonthly', 'gb'],
  ['fup_download_kbps', 'fupDown', 'mbps'], ['fup_upload_kbps', 'fupUp', 'mbps'],
  ['framed_pool', 'framedPool', 'text'], ['address_list', 'addressList', 'text'],
  ['allowed_nas_group', 'allowedNasGroup', 'text'], ['login_time', 'loginTime', 'text'],
] as const;
type AaaKey = (typeof AAA)[number][0];
type AaaForm = Record<AaaKey, string>;
const GB = 1e9;
const emptyAaa = (): AaaForm => Object.fromEntries(AAA.map(([k]) => [k, ''])) as AaaForm;

function aaaFromPlan(p: Plan): AaaForm {
  const out = emptyAaa();
  for (const [k, , kind] of AAA) {
    const v = p[k];
    if (v === null || v === undefined || v === '') continue;
    if (kind === 'mbps') out[k] = String(Number(v) / 1000);
    else if (kind === 'gb') out[k] = String(Number(v) / GB);
    else out[k] = String(v);
  }
  return out;
}

function aaaToBody(f: AaaForm): Partial<PlanCreateBody> {
  const body: Record<string, number | string | null> = {};
  for (const [k, , kind] of AAA) {
    const raw = f[k].trim();
    if (kind === 'text') body[k] = raw || null;
    else if (!raw) {
      // interim_interval_s and simultaneous_use are not nullable: leave them to the server's default.
      if (k !== 'interim_interval_s' && k !== 'simultaneous_use') body[k] = null;
    } else if (kind === 'mbps') body[k] = Math.round(Number(raw) * 1000);
    else if (kind === 'gb') body[k] = Math.round(Number(raw) * GB);
    else body[k] = Math.round(Number(raw));
  }
  return body as Partial<PlanCreateBody>;
}

export default function PlansPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId, isp, can } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } } })), [ispId]);
  // Each plan's price with the taxes a customer where the ISP is pays (the ISP's own tax rules).
  const prices = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing/plan-prices', { params: { path: { isp_id: ispId } } })), [ispId, data]);
  const priceOf = (id: string) => prices.data?.find((x) => x.plan_id === id);
  const crud = useCrud<Plan>({ reload, remove: (p) => api.DELETE('/api/isp/{isp_id}/plans/{plan_id}', { params: { path: { isp_id: ispId, plan_id: p.id } } }) });
  const manage = can('plan:manage');

  return (
    <>
      <PageHeader title={t('nav.plans')} actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-plan">{t('plans.new')}</Button> : undefined} />
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('nav.plans')} size="medium" rowKey={(p) => p.id} empty={t('plans.empty')}
        rowProps={() => ({ hover: true })} actions={manage ? { name: (p) => p.name, edit: true, remove: true } : null}
        columns={[
          { header: t('plans.name'), cell: (p) => <>{p.name}{p.description ? <><br /><small style={{ color: '#666' }}>{p.description}</small></> : null}</> },
          { header: t('plans.speed'), sx: { whiteSpace: 'nowrap' }, cell: (p) => `${fmt.speed(p.download_kbps)} / ${fmt.speed(p.upload_kbps)}` },
          { header: t('plans.price'), align: 'right', sx: { whiteSpace: 'nowrap' }, cell: (p) => (
            <>
              {fmt.money(p.price_minor, p.currency)}<br /><small style={{ color: '#666' }}>{t(`period.${p.billing_period}`)}</small>
              {priceOf(p.id)?.tax ? <small style={{ display: 'block', color: '#555' }} title={priceOf(p.id)!.taxes.map((x) => `${x.name} ${x.rate}%`).join(' + ')}>{t('plans.withTax', { amount: fmt.money(priceOf(p.id)!.gross, p.currency) })}</small> : null}
            </>
          ) },
          { header: t('nav.subscribers'), from: 'sm', align: 'right', cell: (p) => fmt.number(p.subscribers ?? 0) },
          { header: t('subs.status'), from: 'sm', cell: (p) => <StatusChip status={p.status} /> },
        ]} />
      <PlanDialog open={crud.editing !== null} plan={crud.subject} ispId={ispId} defaultCurrency={isp.currency} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('plans.deleteTitle')} body={(p) => t('plans.deleteBody', { name: p.name })} />
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
  const [aaa, setAaa] = useState<AaaForm>(emptyAaa);
  const [reply, setReply] = useState<ReplyAttribute[]>([]);
  const [replyErrors, setReplyErrors] = useState<Record<string, string>>({});
  const [checks, setChecks] = useState<CheckItem[]>([]);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  const [pool, setPool] = useState('');
  const pools = useLoad(async () => (open ? ok(await api.GET('/api/isp/{isp_id}/ip-pools', { params: { path: { isp_id: ispId } } })) : []), [open, ispId]);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setAaa(plan ? aaaFromPlan(plan) : emptyAaa());
      setReply(plan ? toReply(plan.radius_reply) : []);
      setReplyErrors({});
      setChecks(plan ? toChecks(plan.radius_check) : []);
      setCheckErrors({});
      setPool(plan?.ip_pool_id ? String(plan.ip_pool_id) : '');
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
      ...aaaToBody(aaa),
      ip_pool_id: pool || null,
      radius_reply: cleanRows(reply),
      radius_check: cleanRows(checks),
    };
    const r = plan
      ? await api.PATCH('/api/isp/{isp_id}/plans/{plan_id}', { params: { path: { isp_id: ispId, plan_id: plan.id } }, body: { ...body, status: f.status as 'active' | 'archived' } })
      : await api.POST('/api/isp/{isp_id}/plans', { params: { path: { isp_id: ispId } }, body: { ...body, currency } });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    setReplyErrors(rowErrors(r.error));
    setCheckErrors(rowErrors(r.error, 'radius_check'));
    if (!Object.keys(fe).length || fe.radius_reply || fe.radius_check) setGeneral(problemDetail(r.error) ?? t('common.error'));
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
                {PLAN_PERIODS.map((p) => <MenuItem key={p} value={p}>{t(`period.${p}`)}</MenuItem>)}
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
          <Accordion disableGutters variant="outlined" sx={{ mt: 2 }} defaultExpanded={AAA.some(([k]) => errors[k])}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls="plan-aaa-content" id="plan-aaa-header" data-testid="plan-aaa">
              <Typography component="span">{t('plans.aaa.section')}</Typography>
            </AccordionSummary>
            <AccordionDetails>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('plans.aaa.help')}</Typography>
              <Grid container spacing={2}>
                {AAA.map(([k, label, kind]) => (
                  <Grid key={k} size={{ xs: 12, sm: 6 }}>
                    <TextField fullWidth size="small" name={k} label={t(`plans.aaa.${label}`)} value={aaa[k]}
                      type={kind === 'text' ? 'text' : 'number'}
                      onChange={(e) => setAaa((x) => ({ ...x, [k]: e.target.value }))}
                      slotProps={kind === 'text' ? undefined : { htmlInput: k === 'priority' ? { min: 1, max: 8, step: 1 } : { min: 0, step: 'any' } }}
                      {...err(k)} />
                  </Grid>
                ))}
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextField select fullWidth size="small" name="ip_pool_id" label={t('pools.planPool')} value={pool} onChange={(e) => setPool(e.target.value)} {...err('ip_pool_id')}>
                    <MenuItem value="">{t('common.none')}</MenuItem>
                    {(pools.data ?? []).map((p) => <MenuItem key={p.id} value={p.id}>{`${p.name} (${p.first_ip}–${p.last_ip})`}</MenuItem>)}
                  </TextField>
                </Grid>
              </Grid>
            </AccordionDetails>
          </Accordion>
          <Accordion disableGutters variant="outlined" defaultExpanded={Boolean(errors.radius_reply)}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls="plan-radius-content" id="plan-radius-header" data-testid="plan-radius">
              <Typography component="span">{t('radius.title')}{reply.length ? ` (${reply.length})` : ''}</Typography>
            </AccordionSummary>
            <AccordionDetails>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('radius.planHelp')}</Typography>
              <RadiusAttributesEditor value={reply} onChange={setReply} errors={replyErrors} />
            </AccordionDetails>
          </Accordion>
          <Accordion disableGutters variant="outlined" defaultExpanded={Boolean(errors.radius_check)}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls="plan-checks-content" id="plan-checks-header" data-testid="plan-checks">
              <Typography component="span">{t('radius.checkTitle')}{checks.length ? ` (${checks.length})` : ''}</Typography>
            </AccordionSummary>
            <AccordionDetails>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('radius.checkPlanHelp')}</Typography>
              <RadiusAttributesEditor kind="check" value={checks} onChange={setChecks} errors={checkErrors} />
            </AccordionDetails>
          </Accordion>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{plan ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
