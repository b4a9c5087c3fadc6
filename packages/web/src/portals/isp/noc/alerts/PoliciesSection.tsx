/** Escalation policies: steps by time (e-mail and webhook) for incidents at or above a severity, until someone acknowledges. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, MenuItem, Stack, TextField, Typography, useMediaQuery,
  useTheme,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, fieldErrors, problemDetail } from '../../../../api/client.ts';
import { useT } from '../../../../i18n/index.tsx';
import { ok, useLoad } from '../../../../ui/common.tsx';
import { CrudTable } from '../../../../ui/crud/CrudTable.tsx';
import { DeleteConfirm } from '../../../../ui/crud/DeleteConfirm.tsx';
import { useCrud } from '../../../../ui/crud/useCrud.ts';
import { useIsp } from '../../context.ts';
import { SeverityChip } from './shared.tsx';
import { SEVERITIES } from '../../../../api/enums.ts';
import type { Policy, PolicyBody } from './types.ts';

export function PoliciesSection() {
  const t = useT();
  const { ispId, can } = useIsp();
  const manage = can('noc:manage');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/noc/{isp_id}/escalation-policies', { params: { path: { isp_id: ispId } } })), [ispId]);
  const crud = useCrud<Policy>({ reload, remove: (p) => api.DELETE('/api/noc/{isp_id}/escalation-policies/{id}', { params: { path: { isp_id: ispId, id: p.id } } }) });
  return (
    <>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">{t('noca.policies.title')}</Typography>
        {manage ? <Button startIcon={<AddIcon />} onClick={crud.create}>{t('noca.policies.new')}</Button> : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('noca.policies.help')}</Typography>
      <CrudTable crud={crud} rows={data} loadError={error} onRetry={reload} label={t('noca.policies.title')} rowKey={(p) => p.id} empty={t('noca.policies.empty')}
        actions={manage ? { name: (p) => p.name, edit: true, remove: true } : null}
        columns={[
          { header: t('noca.rules.name'), cell: (p) => p.name },
          { header: t('noca.policies.minSeverity'), cell: (p) => <SeverityChip severity={p.min_severity} /> },
          { header: t('noca.policies.steps'), from: 'sm', sx: { wordBreak: 'break-word' }, cell: (p) => p.steps.map((s, i) => (
            <div key={i}>{t('noca.policies.stepLine', { min: s.after_minutes, to: [...s.emails, ...s.phones, ...(s.webhook_url ? [s.webhook_url] : [])].join(', ') || '—' })}</div>
          )) },
        ]} />
      <PolicyDialog open={crud.editing !== null} policy={crud.subject} onClose={crud.closeEditor} onSaved={crud.saved} />
      <DeleteConfirm crud={crud} title={() => t('noca.policies.deleteTitle')} body={(p) => p.name} />
    </>
  );
}

type Step = { after: string; emails: string; phones: string; webhook: string };
function PolicyDialog({ open, policy, onClose, onSaved }: { open: boolean; policy: Policy | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const { ispId } = useIsp();
  const [name, setName] = useState('');
  const [minSeverity, setMinSeverity] = useState<PolicyBody['min_severity']>('major');
  const [secret, setSecret] = useState('');
  const [steps, setSteps] = useState<Step[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setName(policy?.name ?? '');
      setMinSeverity(policy?.min_severity ?? 'major');
      setSecret('');
      setSteps(policy ? policy.steps.map((s) => ({ after: String(s.after_minutes), emails: s.emails.join(', '), phones: s.phones.join(', '), webhook: s.webhook_url ?? '' })) : [{ after: '0', emails: '', phones: '', webhook: '' }]);
    }
  }
  const setStep = (i: number, k: keyof Step, v: string) => setSteps((list) => list.map((s, j) => (j === i ? { ...s, [k]: v } : s)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name: name.trim(), min_severity: minSeverity,
      steps: steps.map((s) => ({ after_minutes: Number(s.after) || 0, emails: s.emails.split(/[,\s]+/).filter(Boolean), phones: s.phones.split(/[,\s]+/).filter(Boolean), webhook_url: s.webhook.trim() || null })),
      ...(secret ? { webhook_secret: secret } : {}),
    };
    const r = policy
      ? await api.PATCH('/api/noc/{isp_id}/escalation-policies/{id}', { params: { path: { isp_id: ispId, id: policy.id } }, body })
      : await api.POST('/api/noc/{isp_id}/escalation-policies', { params: { path: { isp_id: ispId } }, body });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="policy-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="policy-title">{policy ? t('noca.policies.edit') : t('noca.policies.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}{Object.keys(errors).length ? `: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; ')}` : ''}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required autoFocus label={t('noca.rules.name')} value={name} onChange={(e) => setName(e.target.value)} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('noca.policies.minSeverity')} value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as PolicyBody['min_severity'])}>
                {SEVERITIES.map((s) => <MenuItem key={s} value={s}>{t(`noca.severity.${s}`)}</MenuItem>)}
              </TextField>
            </Grid>
            {steps.map((s, i) => (
              <Grid key={i} size={12} container spacing={1}>
                <Grid size={{ xs: 12, sm: 3 }}><TextField fullWidth type="number" label={t('noca.policies.after')} value={s.after} onChange={(e) => setStep(i, 'after', e.target.value)} /></Grid>
                <Grid size={{ xs: 12, sm: 8 }}><TextField fullWidth label={t('noca.policies.emails')} value={s.emails} onChange={(e) => setStep(i, 'emails', e.target.value)} /></Grid>
                <Grid size={{ xs: 12, sm: 1 }}>
                  <IconButton aria-label={t('noca.policies.removeStep')} disabled={steps.length < 2} onClick={() => setSteps((list) => list.filter((_x, j) => j !== i))}><DeleteIcon /></IconButton>
                </Grid>
                <Grid size={12}><TextField fullWidth label={t('noca.policies.phones')} value={s.phones} onChange={(e) => setStep(i, 'phones', e.target.value)} placeholder="+15551234567" helperText={t('noca.policies.phonesHelp')} /></Grid>
                <Grid size={12}><TextField fullWidth label={t('noca.policies.webhook')} value={s.webhook} onChange={(e) => setStep(i, 'webhook', e.target.value)} placeholder="https://" /></Grid>
              </Grid>
            ))}
            <Grid size={12}><Button startIcon={<AddIcon />} onClick={() => setSteps((list) => [...list, { after: '30', emails: '', phones: '', webhook: '' }])}>{t('noca.policies.addStep')}</Button></Grid>
            <Grid size={12}>
              <TextField fullWidth type="password" autoComplete="new-password" label={t('noca.policies.secret')} value={secret} onChange={(e) => setSecret(e.target.value)}
                helperText={policy?.has_webhook_secret ? t('noca.policies.secretKeep') : t('noca.policies.secretHelp')} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{t('common.save')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
