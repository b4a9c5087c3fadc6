/** Create or edit a subscriber; the server's problem+json field errors land on their fields. */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, TextField, useMediaQuery, useTheme } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { Branch, Plan, Subscriber, SubscriberCreateBody, SubscriberPatchBody } from '../../../api/types.ts';
import { LOCALES, useT } from '../../../i18n/index.tsx';

type Form = {
  first_name: string; last_name: string; email: string; phone: string; address: string; city: string;
  username: string; password: string; portal_password: string; branch_id: string; plan_id: string; locale: string; status: 'active' | 'suspended';
};

const empty: Form = { first_name: '', last_name: '', email: '', phone: '', address: '', city: '', username: '', password: '', portal_password: '', branch_id: '', plan_id: '', locale: '', status: 'active' };

export function SubscriberDialog({ open, onClose, onSaved, ispId, branches, plans, subscriber, defaultBranchId }: {
  open: boolean; onClose: () => void; onSaved: (s: Subscriber) => void; ispId: string; branches: Branch[]; plans: Plan[];
  subscriber?: Subscriber | null; defaultBranchId?: string | null;
}) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [f, setF] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = Boolean(subscriber);

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setGeneral(null);
    setF(subscriber ? {
      ...empty,
      first_name: subscriber.first_name, last_name: subscriber.last_name, email: subscriber.email ?? '', phone: subscriber.phone ?? '',
      address: subscriber.address ?? '', city: subscriber.city ?? '', username: subscriber.username,
      branch_id: subscriber.branch_id ?? '', plan_id: subscriber.plan_id ?? '', locale: subscriber.locale ?? '',
    } : { ...empty, branch_id: defaultBranchId ?? '' });
  }, [open, subscriber, defaultBranchId]);

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const opt = (s: string) => (s.trim() ? s.trim() : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const common = {
      first_name: f.first_name.trim(), last_name: f.last_name.trim(), email: opt(f.email), phone: opt(f.phone), address: opt(f.address), city: opt(f.city),
      username: f.username.trim(), branch_id: opt(f.branch_id), plan_id: opt(f.plan_id), locale: (opt(f.locale) as SubscriberCreateBody['locale']) ?? null,
    };
    const r = subscriber
      ? await api.PATCH('/api/isp/{isp_id}/subscribers/{subscriber_id}', {
        params: { path: { isp_id: ispId, subscriber_id: subscriber.id } },
        body: { ...common, ...(f.password ? { password: f.password } : {}), ...(f.portal_password ? { portal_password: f.portal_password } : {}) } satisfies SubscriberPatchBody,
      })
      : await api.POST('/api/isp/{isp_id}/subscribers', {
        params: { path: { isp_id: ispId } },
        body: { ...common, password: f.password, status: f.status, ...(f.portal_password ? { portal_password: f.portal_password } : {}) } satisfies SubscriberCreateBody,
      });
    setBusy(false);
    if (r.data) {
      onSaved(r.data);
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const field = (k: keyof Form, label: string, props: Record<string, unknown> = {}) => (
    <TextField fullWidth label={label} name={k} slotProps={props.select ? { select: { SelectDisplayProps: { 'data-testid': `select-${k}` } as object } } : undefined} value={f[k]} onChange={set(k)} error={Boolean(errors[k])} helperText={errors[k] ?? (props.helperText as string | undefined)} {...props} />
  );

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} maxWidth="md" fullWidth aria-labelledby="sub-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="sub-dialog-title">{editing ? t('subs.editTitle') : t('subs.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}>{field('first_name', t('subs.firstName'), { required: true, autoFocus: true })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('last_name', t('subs.lastName'), { required: true })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('email', t('subs.email'), { type: 'email', helperText: t('subs.emailHelp') })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('phone', t('subs.phone'), { type: 'tel' })}</Grid>
            <Grid size={{ xs: 12, sm: 8 }}>{field('address', t('subs.address'))}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{field('city', t('subs.city'))}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              {field('plan_id', t('subs.plan'), {
                select: true,
                children: [<MenuItem key="" value="">{t('common.none')}</MenuItem>, ...plans.filter((p) => p.status === 'active' || p.id === f.plan_id).map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)],
              })}
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              {field('branch_id', t('subs.branch'), {
                select: true,
                children: [<MenuItem key="" value="">{t('common.none')}</MenuItem>, ...branches.map((b) => <MenuItem key={b.id} value={b.id}>{b.name}</MenuItem>)],
              })}
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{field('username', t('subs.username'), { required: true, helperText: t('subs.usernameHelp'), autoComplete: 'off' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              {field('password', editing ? t('subs.newPassword') : t('subs.password'), { required: !editing, type: 'password', autoComplete: 'new-password', helperText: t('subs.passwordHelp') })}
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              {field('portal_password', t('subs.portalPassword'), { type: 'password', autoComplete: 'new-password', helperText: t('subs.portalPasswordHelp') })}
            </Grid>
            <Grid size={{ xs: 12, sm: 3 }}>
              {field('locale', t('common.language'), {
                select: true,
                children: [<MenuItem key="" value="">{t('subs.ispDefault')}</MenuItem>, ...LOCALES.map((l) => <MenuItem key={l} value={l}>{t(`lang.${l}`)}</MenuItem>)],
              })}
            </Grid>
            {!editing ? (
              <Grid size={{ xs: 12, sm: 3 }}>
                {field('status', t('subs.status'), {
                  select: true,
                  children: (['active', 'suspended'] as const).map((s) => <MenuItem key={s} value={s}>{t(`status.${s}`)}</MenuItem>),
                })}
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>{editing ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
