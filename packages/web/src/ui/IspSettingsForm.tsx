/**
 * The ISP settings cards shared by the founder's create-ISP and ISP-detail pages and the ISP's own
 * settings page: branding (name, logo, colours) and regional (language, currency, time zone, contact).
 */
import { useState, type ReactNode } from 'react';
import { Card, CardContent, FormControlLabel, Grid, MenuItem, Switch, TextField, Typography } from '@mui/material';
import { api, fieldErrors, problemDetail } from '../api/client.ts';
import type { Isp, Locale } from '../api/types.ts';
import { LOCALES, useT } from '../i18n/index.tsx';
import { ColorField, CurrencyField, TimezoneField } from './fields.tsx';
import { ok, useLoad } from './common.tsx';

export type IspSettings = {
  display_name: string; logo_url: string; primary_color: string; secondary_color: string;
  default_locale: Locale; currency: string; timezone: string; contact_email: string;
};

export const ispSettingsOf = (isp: Isp): IspSettings => ({
  display_name: isp.display_name, logo_url: isp.logo_url ?? '', primary_color: isp.primary_color, secondary_color: isp.secondary_color,
  default_locale: isp.default_locale as Locale, currency: isp.currency, timezone: isp.timezone, contact_email: isp.contact_email ?? '',
});

/** The API body for these settings: blanks become null. */
export const ispSettingsBody = (f: IspSettings) => ({
  display_name: f.display_name.trim(), logo_url: f.logo_url.trim() || null, primary_color: f.primary_color, secondary_color: f.secondary_color,
  default_locale: f.default_locale, currency: f.currency, timezone: f.timezone, contact_email: f.contact_email.trim() || null,
});

/** The form state of these pages: values, field errors from the server's problem document, busy while saving. */
export function useSettingsForm<F>(initial: () => F) {
  const [f, setF] = useState<F>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof F>(k: K, v: F[K]) => setF((x) => ({ ...x, [k]: v }));
  async function send<R extends { data?: unknown; error?: unknown }>(call: () => Promise<R>): Promise<R> {
    setBusy(true);
    setErrors({});
    const r = await call();
    setBusy(false);
    if (!r.data) setErrors(fieldErrors(r.error));
    return r;
  }
  return { f, setF, set, errors, setErrors, busy, send };
}

type Props<F extends IspSettings> = {
  f: F;
  set: <K extends keyof F>(k: K, v: F[K]) => void;
  errors: Record<string, string>;
  /** Extra fields at the end of the card (the slug on the create form, the custom domain, the SaaS plan). */
  children?: ReactNode;
};

export function BrandingCard<F extends IspSettings>({ f, set, errors, children, title, autoFocus, onNameChange }: Props<F> & { title: string; autoFocus?: boolean; onNameChange?: (v: string) => void }) {
  const t = useT();
  return (
    <Card sx={{ height: '100%' }}><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{title}</Typography>
      <Grid container spacing={2}>
        <Grid size={12}>
          <TextField fullWidth required autoFocus={autoFocus} label={t('fields.displayName')} name="display_name" value={f.display_name} error={Boolean(errors.display_name)} helperText={errors.display_name}
            onChange={(e) => (onNameChange ? onNameChange(e.target.value) : set('display_name', e.target.value))} />
        </Grid>
        {children}
        <Grid size={12}><TextField fullWidth label={t('fields.logoUrl')} name="logo_url" value={f.logo_url} onChange={(e) => set('logo_url', e.target.value)} error={Boolean(errors.logo_url)} helperText={errors.logo_url ?? t('fields.logoHelp')} /></Grid>
        <Grid size={{ xs: 12, sm: 6 }}><ColorField name="primary_color" label={t('fields.primary')} value={f.primary_color} onChange={(v) => set('primary_color', v)} error={errors.primary_color} /></Grid>
        <Grid size={{ xs: 12, sm: 6 }}><ColorField name="secondary_color" label={t('fields.secondary')} value={f.secondary_color} onChange={(v) => set('secondary_color', v)} error={errors.secondary_color} /></Grid>
      </Grid>
    </CardContent></Card>
  );
}

export function RegionalCard<F extends IspSettings>({ f, set, errors, children }: Props<F>) {
  const t = useT();
  return (
    <Card sx={{ height: '100%' }}><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{t('settings.regional')}</Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField select fullWidth label={t('fields.defaultLanguage')} name="default_locale" value={f.default_locale} onChange={(e) => set('default_locale', e.target.value as F['default_locale'])}>
            {LOCALES.map((l) => <MenuItem key={l} value={l}>{t(`lang.${l}`)}</MenuItem>)}
          </TextField>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}><CurrencyField value={f.currency} onChange={(v) => set('currency', v)} error={errors.currency} /></Grid>
        <Grid size={12}><TimezoneField value={f.timezone} onChange={(v) => set('timezone', v)} error={errors.timezone} /></Grid>
        <Grid size={12}><TextField fullWidth type="email" label={t('fields.contactEmail')} name="contact_email" value={f.contact_email} onChange={(e) => set('contact_email', e.target.value)} error={Boolean(errors.contact_email)} helperText={errors.contact_email} /></Grid>
        {children}
      </Grid>
    </CardContent></Card>
  );
}

/**
 * The platform (SaaS) plan an ISP is billed on, chosen in the ISP forms and assigned through the
 * platform billing API (the same assignment as on the SaaS billing page).
 */
export function useSaasPlanChoice(ispId: string | null) {
  const { data } = useLoad(async () => {
    const [plans, assignments] = await Promise.all([api.GET('/api/founder/saas-plans'), ispId ? api.GET('/api/founder/saas-assignments') : null]);
    const current = assignments ? ok(assignments).find((a) => a.isp_id === ispId)?.plan_id ?? '' : '';
    return { plans: ok(plans).filter((p) => p.status === 'active' || p.id === current), current };
  }, [ispId]);
  const [choice, setChoice] = useState<string | null>(null);
  const planId = choice ?? data?.current ?? '';
  /** Assigns the chosen plan when it changed; the problem's text when the API refused. */
  async function assign(id: string): Promise<string | null> {
    if (!planId || planId === data?.current) return null;
    const r = await api.PUT('/api/founder/isp/{isp_id}/saas-assignment', { params: { path: { isp_id: id } }, body: { plan_id: planId } });
    return r.data ? null : (problemDetail(r.error) ?? 'error');
  }
  return { plans: data?.plans ?? [], planId, setPlanId: setChoice, assign };
}

/** Founder-only fields: the ISP's SaaS plan and its MFA policy for staff. */
export function SaasFields<F extends { require_mfa: boolean }>({ f, set, saas }: { f: F; set: <K extends keyof F>(k: K, v: F[K]) => void; saas: ReturnType<typeof useSaasPlanChoice> }) {
  const t = useT();
  return (
    <>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField select fullWidth label={t('founder.plan')} name="saas_plan_id" value={saas.planId} onChange={(e) => saas.setPlanId(e.target.value)}
          helperText={saas.plans.length ? undefined : t('sb.noPlans')}>
          {saas.planId ? null : <MenuItem value="" disabled>{t('sb.noPlan')}</MenuItem>}
          {saas.plans.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormControlLabel control={<Switch checked={f.require_mfa} onChange={(e) => set('require_mfa', e.target.checked as F['require_mfa'])} />} label={t('fields.requireMfa')} />
      </Grid>
    </>
  );
}
