/** API keys: list, create with scopes (the secret is shown once), revoke. */
import { useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel,
  IconButton, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import CopyIcon from '@mui/icons-material/ContentCopy';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { ApiKey, ApiKeyScope, NewApiKey } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';

const SCOPES: ApiKeyScope[] = ['isp:read', 'isp:manage', 'branch:read', 'branch:manage', 'staff:read', 'staff:manage', 'subscriber:read', 'subscriber:manage', 'plan:read', 'plan:manage', 'nas:read', 'nas:manage', 'audit:read', 'apikey:manage', 'aaa:test_login', 'billing:read', 'billing:manage', 'billing:configure', 'noc:read', 'noc:manage', 'ticket:read', 'ticket:manage'];

export default function ApiKeysPage() {
  const t = useT();
  const fmt = useFormat();
  const { ispId } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/api-keys', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<ApiKeyScope>>(new Set(['subscriber:read']));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function create() {
    setErrors({});
    setGeneral(null);
    const r = await api.POST('/api/isp/{isp_id}/api-keys', { params: { path: { isp_id: ispId } }, body: { name: name.trim(), scopes: [...scopes] } });
    if (r.data) {
      setCreating(false);
      setCreated(r.data);
      setName('');
      void reload();
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  async function revoke(k: ApiKey) {
    setRevoking(null);
    await api.DELETE('/api/isp/{isp_id}/api-keys/{key_id}', { params: { path: { isp_id: ispId, key_id: k.id } } });
    void reload();
  }

  return (
    <>
      <PageHeader title={t('nav.apiKeys')} subtitle={t('keys.subtitle')} actions={<Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>{t('keys.new')}</Button>} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table aria-label={t('nav.apiKeys')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('keys.name')}</TableCell>
                  <TableCell>{t('keys.prefix')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('keys.scopes')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('keys.lastUsed')}</TableCell>
                  <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell>{k.name}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{k.prefix}…</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{k.scopes.join(', ')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.dateTime(k.last_used_at)}</TableCell>
                    <TableCell align="right">
                      {k.revoked_at ? <Typography variant="body2" color="text.secondary">{t('keys.revoked')}</Typography>
                        : <Button color="error" onClick={() => setRevoking(k)}>{t('keys.revoke')}</Button>}
                    </TableCell>
                  </TableRow>
                ))}
                {!data.length ? <TableRow><TableCell colSpan={5} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('keys.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      <Dialog open={creating} onClose={() => setCreating(false)} fullWidth maxWidth="sm" aria-labelledby="key-title">
        <DialogTitle id="key-title">{t('keys.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <TextField fullWidth autoFocus required label={t('keys.name')} value={name} onChange={(e) => setName(e.target.value)} error={Boolean(errors.name)} helperText={errors.name} sx={{ mb: 2 }} />
          <FormLabel component="legend">{t('keys.scopes')}</FormLabel>
          {errors.scopes ? <Typography color="error" variant="caption">{errors.scopes}</Typography> : null}
          <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            {SCOPES.map((s) => (
              <FormControlLabel key={s} label={<Box component="span" sx={{ fontFamily: 'monospace', fontSize: 14 }}>{s}</Box>}
                control={<Checkbox checked={scopes.has(s)} onChange={() => setScopes((x) => { const n = new Set(x); if (n.has(s)) n.delete(s); else n.add(s); return n; })} />} />
            ))}
          </FormGroup>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={create} disabled={!name.trim() || !scopes.size}>{t('common.create')}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={Boolean(created)} onClose={() => setCreated(null)} fullWidth maxWidth="sm" aria-labelledby="key-created-title">
        <DialogTitle id="key-created-title">{t('keys.createdTitle')}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>{t('keys.showOnce')}</Alert>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1.5, bgcolor: 'grey.100', borderRadius: 1 }}>
            <Box component="code" sx={{ flex: 1, wordBreak: 'break-all', fontSize: 14 }} data-testid="api-key-secret">{created?.key}</Box>
            <Tooltip title={copied ? t('keys.copied') : t('keys.copy')}>
              <IconButton aria-label={t('keys.copy')} onClick={async () => { await navigator.clipboard?.writeText(created?.key ?? '').catch(() => undefined); setCopied(true); }}><CopyIcon /></IconButton>
            </Tooltip>
          </Box>
        </DialogContent>
        <DialogActions><Button variant="contained" onClick={() => { setCreated(null); setCopied(false); }}>{t('keys.done')}</Button></DialogActions>
      </Dialog>
      <ConfirmDialog open={Boolean(revoking)} title={t('keys.revokeTitle')} body={t('keys.revokeBody', { name: revoking?.name ?? '' })}
        confirmLabel={t('keys.revoke')} danger onConfirm={() => revoking && revoke(revoking)} onClose={() => setRevoking(null)} />
    </>
  );
}
