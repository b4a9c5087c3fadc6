/** Tax rules (GST, VAT, sales tax) as data the ISP edits, and the seller's billing settings. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Button, Card, CardContent, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorAlert, ok, useLoad } from '../../../ui/common.tsx';
import { CrudTable } from '../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../ui/crud/useCrud.ts';
import { useIsp } from '../context.ts';
import type { BillingSettings, TaxRule } from './types.ts';
import { TAX_KINDS, TAX_SCOPES } from '../../../api/enums.ts';


export default function TaxRulesPage() {
  const t = useT();
  const { ispId, can } = useIsp();
  const manage = can('billing:configure');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/tax-rules', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<TaxRule>({ reload, remove: (r) => api.DELETE('/api/isp/{isp_id}/tax-rules/{rule_id}', { params: { path: { isp_id: ispId, rule_id: r.id } } }) });
  return (
    <>
      <SettingsCard />
      <Typography variant="h6" component="h2" sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <span style={{ flex: 1 }}>{t('tax.title')}</span>
        {manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-tax-rule">{t('tax.new')}</Button> : null}
      </Typography>
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('tax.title')} rowKey={(r) => r.id} empty={t('tax.empty')}
        rowProps={(r) => ({ sx: { opacity: r.active ? 1 : 0.55 } })} actions={manage ? { name: (r) => r.name, edit: true, remove: true } : null}
        columns={[
          { header: t('tax.name'), cell: (r) => <>{r.name}<small style={{ display: 'block', color: '#555' }}>{t(`tax.kinds.${r.kind}`)}{r.reverse_charge_b2b ? ` · ${t('tax.reverseCharge')}` : ''}{r.compound ? ` · ${t('tax.compound')}` : ''}</small></> },
          { header: t('tax.where'), from: 'sm', cell: (r) => [r.country, r.region].filter(Boolean).join(' / ') || t('tax.anywhere') },
          { header: t('tax.rate'), align: 'right', cell: (r) => `${r.rate}%` },
          { header: t('tax.scope'), from: 'sm', cell: (r) => t(`tax.scopes.${r.scope}`) },
        ]} />
      <RuleDialog open={crud.editing !== null} rule={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('tax.deleteTitle')} body={(r) => t('tax.deleteBody', { name: r.name })} />
    </>
  );
}

const blank = { name: '', kind: 'vat' as (typeof TAX_KINDS)[number], country: '', region: '', scope: 'any' as (typeof TAX_SCOPES)[number], rate: '', compound: false, reverse_charge_b2b: false, category: '*', active: true };

function RuleDialog({ open, rule, onClose, onSaved }: { open: boolean; rule: TaxRule | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { ispId } = useIsp();
  const [f, setF] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setErrors({}); setErr(null);
    setF(rule ? { name: rule.name, kind: rule.kind as (typeof TAX_KINDS)[number], country: rule.country ?? '', region: rule.region ?? '', scope: rule.scope as (typeof TAX_SCOPES)[number], rate: rule.rate, compound: rule.compound, reverse_charge_b2b: rule.reverse_charge_b2b, category: rule.category, active: rule.active } : blank);
  }, [open, rule]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...f, country: f.country.trim().toUpperCase() || null, region: f.region.trim() || null };
    const r = rule
      ? await api.PATCH('/api/isp/{isp_id}/tax-rules/{rule_id}', { params: { path: { isp_id: ispId, rule_id: rule.id } }, body })
      : await api.POST('/api/isp/{isp_id}/tax-rules', { params: { path: { isp_id: ispId } }, body });
    if (r.response.ok) onSaved(); else { setErrors(fieldErrors(r.error)); setErr(problemDetail(r.error) ?? t('common.error')); }
  }
  const err1 = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" component="form" onSubmit={submit}>
      <DialogTitle>{rule ? t('tax.edit') : t('tax.new')}</DialogTitle>
      <DialogContent>
        {err ? <Alert severity="error" sx={{ mb: 2 }}>{err}</Alert> : null}
        <Grid container spacing={2} sx={{ mt: 0 }}>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required label={t('tax.name')} value={f.name} onChange={set('name')} {...err1('name')} /></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth select label={t('tax.kind')} value={f.kind} onChange={set('kind')}>{TAX_KINDS.map((k) => <MenuItem key={k} value={k}>{t(`tax.kinds.${k}`)}</MenuItem>)}</TextField></Grid>
          <Grid size={{ xs: 6, sm: 4 }}><TextField fullWidth label={t('tax.country')} value={f.country} onChange={set('country')} slotProps={{ htmlInput: { maxLength: 2 } }} {...err1('country')} /></Grid>
          <Grid size={{ xs: 6, sm: 4 }}><TextField fullWidth label={t('tax.region')} value={f.region} onChange={set('region')} {...err1('region')} /></Grid>
          <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth required label={t('tax.ratePercent')} value={f.rate} onChange={set('rate')} {...err1('rate')} /></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth select label={t('tax.scope')} value={f.scope} onChange={set('scope')} helperText={t('tax.scopeHelp')}>{TAX_SCOPES.map((s) => <MenuItem key={s} value={s}>{t(`tax.scopes.${s}`)}</MenuItem>)}</TextField></Grid>
          <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth label={t('tax.category')} value={f.category} onChange={set('category')} helperText={t('tax.categoryHelp')} /></Grid>
          <Grid size={12}>
            <FormControlLabel control={<Checkbox checked={f.reverse_charge_b2b} onChange={(e) => setF({ ...f, reverse_charge_b2b: e.target.checked })} />} label={t('tax.reverseChargeHelp')} />
            <FormControlLabel control={<Checkbox checked={f.compound} onChange={(e) => setF({ ...f, compound: e.target.checked })} />} label={t('tax.compoundHelp')} />
            <FormControlLabel control={<Checkbox checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} />} label={t('tax.active')} />
          </Grid>
        </Grid>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="submit" variant="contained">{t('common.save')}</Button></DialogActions>
    </Dialog>
  );
}

function SettingsCard() {
  const t = useT();
  const { ispId, can } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/billing/settings', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [f, setF] = useState<BillingSettings | null>(null);
  const [msg, setMsg] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => { if (data) setF(data); }, [data]);
  if (!f) return <ErrorAlert error={error} onRetry={reload} />;
  const set = (k: keyof BillingSettings) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await api.PATCH('/api/isp/{isp_id}/billing/settings', { params: { path: { isp_id: ispId } }, body: {
      legal_name: f!.legal_name || null, address: f!.address || null, country: f!.country?.toUpperCase() || null, region: f!.region || null, tax_id: f!.tax_id || null,
      prices_include_tax: f!.prices_include_tax, invoice_series: f!.invoice_series, credit_note_series: f!.credit_note_series,
      payment_terms_days: Number(f!.payment_terms_days), overage_per_gb_minor: Number(f!.overage_per_gb_minor), invoice_footer: f!.invoice_footer || null,
    } });
    setMsg(r.response.ok ? { severity: 'success', text: t('billing.saved') } : { severity: 'error', text: problemDetail(r.error) ?? t('common.error') });
  }
  const disabled = !can('billing:configure');
  return (
    <Card sx={{ mb: 3 }} component="form" onSubmit={save}><CardContent>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>{t('tax.settings')}</Typography>
      {msg ? <Alert severity={msg.severity} sx={{ mb: 2 }} onClose={() => setMsg(null)}>{msg.text}</Alert> : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth disabled={disabled} label={t('tax.legalName')} value={f.legal_name ?? ''} onChange={set('legal_name')} /></Grid>
        <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth disabled={disabled} label={t('tax.sellerTaxId')} value={f.tax_id ?? ''} onChange={set('tax_id')} /></Grid>
        <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth disabled={disabled} label={t('tax.country')} value={f.country ?? ''} onChange={set('country')} slotProps={{ htmlInput: { maxLength: 2 } }} /></Grid>
        <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth disabled={disabled} label={t('tax.region')} value={f.region ?? ''} onChange={set('region')} /></Grid>
        <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth disabled={disabled} label={t('tax.series')} value={f.invoice_series} onChange={set('invoice_series')} /></Grid>
        <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth disabled={disabled} type="number" label={t('tax.terms')} value={f.payment_terms_days} onChange={set('payment_terms_days')} /></Grid>
        <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth disabled={disabled} type="number" label={t('tax.overage')} value={f.overage_per_gb_minor} onChange={set('overage_per_gb_minor')} /></Grid>
        <Grid size={{ xs: 12, sm: 6 }}><FormControlLabel control={<Checkbox disabled={disabled} checked={f.prices_include_tax} onChange={(e) => setF({ ...f, prices_include_tax: e.target.checked })} />} label={t('tax.pricesInclude')} /></Grid>
      </Grid>
      {disabled ? null : <Button type="submit" variant="contained" sx={{ mt: 2 }}>{t('common.save')}</Button>}
    </CardContent></Card>
  );
}
