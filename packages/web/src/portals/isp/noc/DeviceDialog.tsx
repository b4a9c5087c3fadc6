/** Add or change a monitored device. Secrets (community, v3 keys, API password) are write-only: left empty, they are kept. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, MenuItem, TextField, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';
import type { Device, DeviceCreateBody } from './types.ts';
import { DEVICE_KINDS, DEVICE_VENDORS, SNMP_AUTH_PROTOCOLS, SNMP_LEVELS, SNMP_PRIV_PROTOCOLS } from '../../../api/enums.ts';


type Form = {
  name: string; kind: string; vendor: string; model: string; site: string; mgmt_ip: string; parent_id: string; nas_id: string; latitude: string; longitude: string;
  poll_interval_s: string; snmp_version: string; snmp_port: string; snmp_community: string; snmp_v3_user: string; snmp_v3_level: string;
  snmp_v3_auth_protocol: string; snmp_v3_auth_key: string; snmp_v3_priv_protocol: string; snmp_v3_priv_key: string; tcp_probe_port: string;
  api_port: string; api_user: string; api_password: string; api_tls: boolean; enabled: boolean;
};
const empty: Form = {
  name: '', kind: 'router', vendor: 'mikrotik', model: '', site: '', mgmt_ip: '', parent_id: '', nas_id: '', latitude: '', longitude: '', poll_interval_s: '60',
  snmp_version: 'v2c', snmp_port: '161', snmp_community: '', snmp_v3_user: '', snmp_v3_level: 'authPriv', snmp_v3_auth_protocol: 'sha', snmp_v3_auth_key: '',
  snmp_v3_priv_protocol: 'aes', snmp_v3_priv_key: '', tcp_probe_port: '', api_port: '', api_user: '', api_password: '', api_tls: false, enabled: true,
};
const fromDevice = (d: Device): Form => ({
  name: d.name, kind: d.kind, vendor: d.vendor, model: d.model ?? '', site: d.site ?? '', mgmt_ip: d.mgmt_ip, parent_id: d.parent_id ?? '', nas_id: d.nas_id ?? '',
  latitude: d.latitude === null ? '' : String(d.latitude), longitude: d.longitude === null ? '' : String(d.longitude), poll_interval_s: String(d.poll_interval_s),
  snmp_version: d.snmp_version, snmp_port: String(d.snmp_port), snmp_community: '', snmp_v3_user: d.snmp_v3_user ?? '', snmp_v3_level: d.snmp_v3_level ?? 'authPriv',
  snmp_v3_auth_protocol: d.snmp_v3_auth_protocol ?? 'sha', snmp_v3_auth_key: '', snmp_v3_priv_protocol: d.snmp_v3_priv_protocol ?? 'aes', snmp_v3_priv_key: '',
  tcp_probe_port: d.tcp_probe_port === null ? '' : String(d.tcp_probe_port), api_port: d.api_port === null ? '' : String(d.api_port), api_user: d.api_user ?? '',
  api_password: '', api_tls: d.api_tls, enabled: d.enabled,
});

export default function DeviceDialog({ open, device, ispId, onClose, onSaved }: { open: boolean; device: Device | null; ispId: string; onClose: () => void; onSaved: (d: Device) => void }) {
  const t = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [f, setF] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastOpen, setLastOpen] = useState(false);
  const refs = useLoad(async () => (open ? {
    devices: ok(await api.GET('/api/noc/{isp_id}/devices', { params: { path: { isp_id: ispId }, query: { limit: 200, sort: 'name' } } })).items,
    nas: ok(await api.GET('/api/isp/{isp_id}/nas', { params: { path: { isp_id: ispId } } })),
  } : null), [open, ispId]);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setF(device ? fromDevice(device) : empty);
    }
  }
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const num = (v: string) => (v.trim() === '' ? null : Number(v));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const v3 = f.snmp_version === 'v3';
    const body = {
      name: f.name.trim(), kind: f.kind, vendor: f.vendor, model: f.model.trim() || null, site: f.site.trim() || null, mgmt_ip: f.mgmt_ip.trim(),
      parent_id: f.parent_id || null, nas_id: f.nas_id || null, latitude: num(f.latitude), longitude: num(f.longitude), poll_interval_s: Number(f.poll_interval_s),
      snmp_version: f.snmp_version, snmp_port: Number(f.snmp_port), snmp_v3_user: v3 ? f.snmp_v3_user.trim() || null : null,
      snmp_v3_level: v3 ? f.snmp_v3_level : null, snmp_v3_auth_protocol: v3 && f.snmp_v3_level !== 'noAuthNoPriv' ? f.snmp_v3_auth_protocol : null,
      snmp_v3_priv_protocol: v3 && f.snmp_v3_level === 'authPriv' ? f.snmp_v3_priv_protocol : null, tcp_probe_port: num(f.tcp_probe_port),
      api_port: num(f.api_port), api_user: f.api_user.trim() || null, api_tls: f.api_tls, enabled: f.enabled,
      // Write-only: sent only when typed, so an edit keeps the stored secret.
      ...(f.snmp_community ? { snmp_community: f.snmp_community } : {}),
      ...(f.snmp_v3_auth_key ? { snmp_v3_auth_key: f.snmp_v3_auth_key } : {}),
      ...(f.snmp_v3_priv_key ? { snmp_v3_priv_key: f.snmp_v3_priv_key } : {}),
      ...(f.api_password ? { api_password: f.api_password } : {}),
    } as DeviceCreateBody;
    const r = device
      ? await api.PATCH('/api/noc/{isp_id}/devices/{device_id}', { params: { path: { isp_id: ispId, device_id: device.id } }, body })
      : await api.POST('/api/noc/{isp_id}/devices', { params: { path: { isp_id: ispId } }, body });
    setBusy(false);
    if (r.data) return onSaved(r.data);
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const err = (k: string, help?: string) => ({ error: Boolean(errors[k]), helperText: errors[k] ?? help });
  const keep = (has: boolean | undefined) => (device && has ? t('noc.device.secretKeep') : undefined);
  const half = { xs: 12, sm: 6 } as const;
  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="md" aria-labelledby="device-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="device-title">{device ? t('noc.devices.editTitle') : t('noc.devices.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={half}><TextField fullWidth required autoFocus label={t('noc.device.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={half}><TextField fullWidth required label={t('noc.device.mgmtIp')} name="mgmt_ip" value={f.mgmt_ip} onChange={set('mgmt_ip')} {...err('mgmt_ip')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField select fullWidth label={t('noc.device.kind')} name="kind" value={f.kind} onChange={set('kind')} {...err('kind')}>
                {DEVICE_KINDS.map((k) => <MenuItem key={k} value={k}>{t(`noc.kinds.${k}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField select fullWidth label={t('noc.device.vendor')} name="vendor" value={f.vendor} onChange={set('vendor')} {...err('vendor')}>
                {DEVICE_VENDORS.map((v) => <MenuItem key={v} value={v}>{t(`noc.vendors.${v}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth label={t('noc.device.model')} name="model" value={f.model} onChange={set('model')} {...err('model')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth label={t('noc.device.site')} name="site" value={f.site} onChange={set('site')} {...err('site')} /></Grid>
            <Grid size={{ xs: 6, sm: 4 }}><TextField fullWidth type="number" label={t('noc.device.latitude')} name="latitude" value={f.latitude} onChange={set('latitude')} {...err('latitude')} /></Grid>
            <Grid size={{ xs: 6, sm: 4 }}><TextField fullWidth type="number" label={t('noc.device.longitude')} name="longitude" value={f.longitude} onChange={set('longitude')} {...err('longitude')} /></Grid>
            <Grid size={half}>
              <TextField select fullWidth label={t('noc.device.parent')} name="parent_id" value={f.parent_id} onChange={set('parent_id')} {...err('parent_id')}>
                <MenuItem value="">{t('common.none')}</MenuItem>
                {(refs.data?.devices ?? []).filter((d) => d.id !== device?.id).map((d) => <MenuItem key={d.id} value={d.id}>{d.name}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={half}>
              <TextField select fullWidth label={t('noc.device.nas')} name="nas_id" value={f.nas_id} onChange={set('nas_id')} {...err('nas_id')}>
                <MenuItem value="">{t('common.none')}</MenuItem>
                {(refs.data?.nas ?? []).map((n) => <MenuItem key={n.id} value={n.id}>{n.name}</MenuItem>)}
              </TextField>
            </Grid>

            <Grid size={12}><Typography variant="subtitle1" component="h3">{t('noc.device.snmp')}</Typography></Grid>
            <Grid size={{ xs: 6, sm: 3 }}>
              <TextField select fullWidth label={t('noc.device.snmpVersion')} name="snmp_version" value={f.snmp_version} onChange={set('snmp_version')} {...err('snmp_version')}>
                <MenuItem value="v2c">v2c</MenuItem><MenuItem value="v3">v3</MenuItem><MenuItem value="none">{t('noc.device.noSnmp')}</MenuItem>
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={t('noc.device.snmpPort')} name="snmp_port" value={f.snmp_port} onChange={set('snmp_port')} {...err('snmp_port')} /></Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={t('noc.device.pollInterval')} name="poll_interval_s" value={f.poll_interval_s} onChange={set('poll_interval_s')} {...err('poll_interval_s')} /></Grid>
            <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={t('noc.device.tcpPort')} name="tcp_probe_port" value={f.tcp_probe_port} onChange={set('tcp_probe_port')} {...err('tcp_probe_port', t('noc.device.tcpPortHelp'))} /></Grid>
            {f.snmp_version === 'v2c' ? (
              <Grid size={12}>
                <TextField fullWidth type="password" autoComplete="new-password" label={t('noc.device.community')} name="snmp_community" value={f.snmp_community}
                  onChange={set('snmp_community')} {...err('snmp_community', keep(device?.has_snmp_community))} />
              </Grid>
            ) : null}
            {f.snmp_version === 'v3' ? (
              <>
                <Grid size={half}><TextField fullWidth label={t('noc.device.v3User')} name="snmp_v3_user" value={f.snmp_v3_user} onChange={set('snmp_v3_user')} {...err('snmp_v3_user')} /></Grid>
                <Grid size={half}>
                  <TextField select fullWidth label={t('noc.device.v3Level')} name="snmp_v3_level" value={f.snmp_v3_level} onChange={set('snmp_v3_level')} {...err('snmp_v3_level')}>
                    {SNMP_LEVELS.map((l) => <MenuItem key={l} value={l}>{l}</MenuItem>)}
                  </TextField>
                </Grid>
                {f.snmp_v3_level !== 'noAuthNoPriv' ? (
                  <>
                    <Grid size={{ xs: 12, sm: 4 }}>
                      <TextField select fullWidth label={t('noc.device.authProtocol')} name="snmp_v3_auth_protocol" value={f.snmp_v3_auth_protocol} onChange={set('snmp_v3_auth_protocol')}>
                        {SNMP_AUTH_PROTOCOLS.map((a) => <MenuItem key={a} value={a}>{a.toUpperCase()}</MenuItem>)}
                      </TextField>
                    </Grid>
                    <Grid size={{ xs: 12, sm: 8 }}>
                      <TextField fullWidth type="password" autoComplete="new-password" label={t('noc.device.authKey')} name="snmp_v3_auth_key" value={f.snmp_v3_auth_key}
                        onChange={set('snmp_v3_auth_key')} {...err('snmp_v3_auth_key', keep(device?.has_snmp_v3_auth_key))} />
                    </Grid>
                  </>
                ) : null}
                {f.snmp_v3_level === 'authPriv' ? (
                  <>
                    <Grid size={{ xs: 12, sm: 4 }}>
                      <TextField select fullWidth label={t('noc.device.privProtocol')} name="snmp_v3_priv_protocol" value={f.snmp_v3_priv_protocol} onChange={set('snmp_v3_priv_protocol')}>
                        {SNMP_PRIV_PROTOCOLS.map((p) => <MenuItem key={p} value={p}>{p.toUpperCase()}</MenuItem>)}
                      </TextField>
                    </Grid>
                    <Grid size={{ xs: 12, sm: 8 }}>
                      <TextField fullWidth type="password" autoComplete="new-password" label={t('noc.device.privKey')} name="snmp_v3_priv_key" value={f.snmp_v3_priv_key}
                        onChange={set('snmp_v3_priv_key')} {...err('snmp_v3_priv_key', keep(device?.has_snmp_v3_priv_key))} />
                    </Grid>
                  </>
                ) : null}
              </>
            ) : null}

            {f.vendor === 'mikrotik' ? (
              <>
                <Grid size={12}><Typography variant="subtitle1" component="h3">{t('noc.device.routerosApi')}</Typography></Grid>
                <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth type="number" label={t('noc.device.apiPort')} name="api_port" value={f.api_port} onChange={set('api_port')} {...err('api_port', '8728 / 8729')} /></Grid>
                <Grid size={{ xs: 6, sm: 3 }}><TextField fullWidth label={t('noc.device.apiUser')} name="api_user" value={f.api_user} onChange={set('api_user')} {...err('api_user')} /></Grid>
                <Grid size={{ xs: 12, sm: 4 }}>
                  <TextField fullWidth type="password" autoComplete="new-password" label={t('noc.device.apiPassword')} name="api_password" value={f.api_password}
                    onChange={set('api_password')} {...err('api_password', keep(device?.has_api_password))} />
                </Grid>
                <Grid size={{ xs: 12, sm: 2 }}>
                  <FormControlLabel control={<Checkbox name="api_tls" checked={f.api_tls} onChange={(e) => setF((x) => ({ ...x, api_tls: e.target.checked }))} />} label="TLS" />
                </Grid>
              </>
            ) : null}
            <Grid size={12}>
              <FormControlLabel control={<Checkbox name="enabled" checked={f.enabled} onChange={(e) => setF((x) => ({ ...x, enabled: e.target.checked }))} />} label={t('noc.device.enabled')} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>{device ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
