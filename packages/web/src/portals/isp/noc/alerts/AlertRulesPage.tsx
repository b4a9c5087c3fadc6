/** Alert rules (metric thresholds and rates with hysteresis, device down, log and trap patterns) and escalation policies. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, Switch, TextField, Typography,
  useMediaQuery, useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { PageHeader, ok, useLoad } from '../../../../ui/common.tsx';
import { CrudTable } from '../../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../../ui/crud/useCrud.ts';
import { useIsp } from '../../context.ts';
import { SeverityChip, useDevices } from './shared.tsx';
import { SEVERITIES } from '../../../../api/enums.ts';
import type { AlertRule, AlertRuleBody } from './types.ts';
import { PoliciesSection } from './PoliciesSection.tsx';
import { ALERT_RULE_KINDS, ALERT_RULE_MODES } from '../../../../api/enums.ts';

const METRICS = ['if_utilisation', 'if_in_bps', 'if_out_bps', 'if_in_errors', 'if_out_errors', 'if_in_discards', 'if_out_discards', 'if_oper_up', 'reachable',
  'snmp_rtt_ms', 'snmp_loss_percent', 'tcp_rtt_ms', 'tcp_loss_percent', 'cpu_percent', 'memory_percent', 'temperature_c', 'uptime_s', 'nas_sessions'];

export default function AlertRulesPage() {
  const t = useT();
  const { ispId, can } = useIsp();
  const manage = can('noc:manage');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/alert-rules', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<AlertRule>({ reload, remove: (r) => api.DELETE('/api/noc/{isp_id}/alert-rules/{id}', { params: { path: { isp_id: ispId, id: r.id } } }) });
  const describe = (r: AlertRule) => r.kind === 'metric'
    ? t('noca.rules.describeMetric', { metric: r.metric ?? '', mode: t(`noca.rules.mode.${r.mode ?? 'threshold'}`), cmp: t(`noca.rules.cmp.${r.comparator ?? 'above'}`), raise: r.raise_value ?? 0, clear: r.clear_value ?? 0, min: Math.round(r.duration_s / 60) })
    : r.kind === 'device_down' ? t('noca.rules.describeDown', { min: Math.round(r.duration_s / 60) })
      : [r.trap_oid ? `OID ${r.trap_oid}` : null, r.pattern ? `“${r.pattern}”` : null].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader title={t('noca.nav.rules')} subtitle={t('noca.rules.subtitle')}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={crud.create} data-testid="new-rule">{t('noca.rules.new')}</Button> : undefined} />
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('noca.nav.rules')} rowKey={(r) => r.id} empty={t('noca.rules.empty')} paperSx={{ mb: 3 }}
        actions={manage ? { name: (r) => r.name, edit: true, remove: true } : null}
        columns={[
          { header: t('noca.rules.name'), sx: { wordBreak: 'break-word' }, cell: (r) => (
            <>
              {r.name} {!r.enabled ? <Chip size="small" label={t('noca.rules.disabled')} /> : null}
              <Box component="small" sx={{ display: 'block', color: '#555' }}>{t(`noca.rules.kind.${r.kind}`)}</Box>
            </>
          ) },
          { header: t('noca.rules.condition'), from: 'sm', sx: { wordBreak: 'break-word' }, cell: describe },
          { header: t('noca.severity.label'), cell: (r) => <SeverityChip severity={r.severity} /> },
        ]} />
      <PoliciesSection />
      <RuleDialog open={crud.editing !== null} rule={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('noca.rules.deleteTitle')} body={(r) => r.name} />
    </>
  );
}

type Form = Record<'name' | 'severity' | 'kind' | 'device_id' | 'metric' | 'mode' | 'comparator' | 'raise_value' | 'clear_value' | 'window_s' | 'duration_min' | 'log_source' | 'trap_oid' | 'pattern' | 'clear_trap_oid' | 'clear_pattern' | 'max_severity' | 'auto_clear_min' | 'flap_count' | 'flap_window_min', string> & { enabled: boolean };
const empty: Form = {
  name: '', severity: 'major', kind: 'metric', device_id: '', metric: 'if_utilisation', mode: 'threshold', comparator: 'above', raise_value: '90', clear_value: '80', window_s: '300',
  duration_min: '10', log_source: 'trap', trap_oid: '', pattern: '', clear_trap_oid: '', clear_pattern: '', max_severity: '', auto_clear_min: '', flap_count: '5', flap_window_min: '10', enabled: true,
};
const num = (s: string) => (s.trim() === '' ? null : Number(s));

function RuleDialog({ open, rule, onClose, onSaved }: { open: boolean; rule: AlertRule | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId } = useIsp();
  const devices = useDevices(ispId);
  const [f, setF] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      const s = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
      setF(rule ? {
        name: rule.name, severity: rule.severity, kind: rule.kind, device_id: rule.device_id ?? '', metric: rule.metric ?? 'if_utilisation', mode: rule.mode ?? 'threshold',
        comparator: rule.comparator ?? 'above', raise_value: s(rule.raise_value), clear_value: s(rule.clear_value), window_s: s(rule.window_s ?? 300), duration_min: s(rule.duration_s / 60),
        log_source: rule.log_source ?? 'trap', trap_oid: rule.trap_oid ?? '', pattern: rule.pattern ?? '', clear_trap_oid: rule.clear_trap_oid ?? '', clear_pattern: rule.clear_pattern ?? '',
        max_severity: s(rule.max_severity), auto_clear_min: rule.auto_clear_s ? s(rule.auto_clear_s / 60) : '', flap_count: s(rule.flap_count), flap_window_min: s(rule.flap_window_s / 60), enabled: rule.enabled,
      } : empty);
    }
  }
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setGeneral(null);
    const metric = f.kind === 'metric';
    const log = f.kind === 'log';
    const body = {
      name: f.name.trim(), severity: f.severity as AlertRuleBody['severity'], kind: f.kind as AlertRuleBody['kind'], enabled: f.enabled, device_id: f.device_id || null,
      metric: metric ? f.metric : null, mode: metric ? f.mode as 'threshold' : null, comparator: metric ? f.comparator as 'above' : null,
      raise_value: metric ? num(f.raise_value) : null, clear_value: metric ? num(f.clear_value) : null, window_s: metric && f.mode === 'change_percent' ? num(f.window_s) : null,
      duration_s: Math.round((num(f.duration_min) ?? 0) * 60), log_source: log ? f.log_source as 'trap' : null, trap_oid: log ? f.trap_oid.trim() || null : null,
      pattern: log ? f.pattern.trim() || null : null, clear_trap_oid: log ? f.clear_trap_oid.trim() || null : null, clear_pattern: log ? f.clear_pattern.trim() || null : null,
      max_severity: log ? num(f.max_severity) : null, auto_clear_s: log && num(f.auto_clear_min) ? Math.round(num(f.auto_clear_min)! * 60) : null,
      flap_count: num(f.flap_count) ?? 5, flap_window_s: Math.round((num(f.flap_window_min) ?? 10) * 60),
    };
    const r = rule
      ? await api.PATCH('/api/noc/{isp_id}/alert-rules/{id}', { params: { path: { isp_id: ispId, id: rule.id } }, body })
      : await api.POST('/api/noc/{isp_id}/alert-rules', { params: { path: { isp_id: ispId } }, body });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string, help?: string) => ({ error: Boolean(errors[k]), helperText: errors[k] ?? help });
  const field = (k: keyof Form, label: string, extra: object = {}, sm = 6) => (
    <Grid size={{ xs: 12, sm }}><TextField fullWidth label={label} name={k} value={f[k] as string} onChange={set(k)} {...err(k)} {...extra} /></Grid>
  );

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="rule-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="rule-title">{rule ? t('noca.rules.edit') : t('noca.rules.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            {field('name', t('noca.rules.name'), { required: true, autoFocus: true }, 12)}
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('noca.rules.kindLabel')} value={f.kind} onChange={set('kind')}>
                {ALERT_RULE_KINDS.map((k) => <MenuItem key={k} value={k}>{t(`noca.rules.kind.${k}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('noca.severity.label')} value={f.severity} onChange={set('severity')}>
                {SEVERITIES.map((s) => <MenuItem key={s} value={s}>{t(`noca.severity.${s}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={12}>
              <TextField select fullWidth label={t('noca.rules.device')} value={f.device_id} onChange={set('device_id')} {...err('device_id')}>
                <MenuItem value="">{t('noca.rules.allDevices')}</MenuItem>
                {devices.map((d) => <MenuItem key={d.id} value={d.id}>{d.name}</MenuItem>)}
              </TextField>
            </Grid>
            {f.kind === 'metric' ? (
              <>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextField select fullWidth label={t('noca.rules.metric')} value={f.metric} onChange={set('metric')}>
                    {METRICS.map((m) => <MenuItem key={m} value={m}>{m}</MenuItem>)}
                  </TextField>
                </Grid>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextField select fullWidth label={t('noca.rules.modeLabel')} value={f.mode} onChange={set('mode')}>
                    {ALERT_RULE_MODES.map((m) => <MenuItem key={m} value={m}>{t(`noca.rules.mode.${m}`)}</MenuItem>)}
                  </TextField>
                </Grid>
                <Grid size={{ xs: 12, sm: 4 }}>
                  <TextField select fullWidth label={t('noca.rules.cmpLabel')} value={f.comparator} onChange={set('comparator')}>
                    {(['above', 'below'] as const).map((c) => <MenuItem key={c} value={c}>{t(`noca.rules.cmp.${c}`)}</MenuItem>)}
                  </TextField>
                </Grid>
                {field('raise_value', t('noca.rules.raise'), { type: 'number' }, 4)}
                {field('clear_value', t('noca.rules.clear'), { type: 'number', helperText: errors.clear_value ?? t('noca.rules.clearHelp') }, 4)}
                {f.mode === 'change_percent' ? field('window_s', t('noca.rules.window'), { type: 'number' }) : null}
              </>
            ) : null}
            {f.kind === 'log' ? (
              <>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextField select fullWidth label={t('noca.rules.source')} value={f.log_source} onChange={set('log_source')}>
                    {(['trap', 'syslog', 'any'] as const).map((s) => <MenuItem key={s} value={s}>{t(`noca.rules.sources.${s}`)}</MenuItem>)}
                  </TextField>
                </Grid>
                {field('trap_oid', t('noca.rules.trapOid'), { placeholder: '1.3.6.1.6.3.1.1.5.3' })}
                {field('pattern', t('noca.rules.pattern'))}
                {field('max_severity', t('noca.rules.maxSeverity'), { type: 'number' })}
                {field('clear_trap_oid', t('noca.rules.clearTrapOid'), { placeholder: '1.3.6.1.6.3.1.1.5.4' })}
                {field('clear_pattern', t('noca.rules.clearPattern'))}
                {field('auto_clear_min', t('noca.rules.autoClear'), { type: 'number' })}
              </>
            ) : null}
            {f.kind !== 'log' ? field('duration_min', t('noca.rules.duration'), { type: 'number', helperText: t('noca.rules.durationHelp') }) : null}
            {field('flap_count', t('noca.rules.flapCount'), { type: 'number' })}
            {field('flap_window_min', t('noca.rules.flapWindow'), { type: 'number' })}
            <Grid size={12}><FormControlLabel control={<Switch checked={f.enabled} onChange={(e) => setF((x) => ({ ...x, enabled: e.target.checked }))} />} label={t('noca.rules.enabled')} /></Grid>
          </Grid>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>{t('noca.rules.flapHelp')}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="save-rule">{t('common.save')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
