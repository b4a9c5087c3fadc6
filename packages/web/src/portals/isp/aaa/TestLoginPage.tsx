/** Test login: runs the RADIUS authorisation for a username and password (no router needed) and shows each check and the reply. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Grid, List, ListItem, ListItemIcon, ListItemText, MenuItem, Paper, Table, TableBody, TableCell, TableContainer,
  TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import OkIcon from '@mui/icons-material/CheckCircleOutlined';
import FailIcon from '@mui/icons-material/CancelOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { TestLoginResult } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';

export default function TestLoginPage() {
  const t = useT();
  const { ispId, can } = useIsp();
  const { data: nas } = useLoad(async () => (can('nas:read') ? ok(await api.GET('/api/isp/{isp_id}/nas', { params: { path: { isp_id: ispId } } })) : []), [ispId]);
  const [f, setF] = useState({ username: '', password: '', nas_id: '', calling_station_id: '', called_station_id: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestLoginResult | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    setResult(null);
    const r = await api.POST('/api/isp/{isp_id}/aaa/test-login', {
      params: { path: { isp_id: ispId } },
      body: {
        username: f.username.trim(), password: f.password,
        ...(f.nas_id ? { nas_id: f.nas_id } : {}), ...(f.calling_station_id.trim() ? { calling_station_id: f.calling_station_id.trim() } : {}),
        ...(f.called_station_id.trim() ? { called_station_id: f.called_station_id.trim() } : {}),
      },
    });
    setBusy(false);
    if (r.data) {
      setResult(r.data);
      return;
    }
    if (r.response.status === 429) {
      // Throttled per caller and per username; Retry-After says when the window ends.
      setGeneral(t('aaa.throttled', { minutes: Math.max(1, Math.ceil(Number(r.response.headers.get('retry-after') ?? 60) / 60)) }));
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <>
      <PageHeader title={t('aaa.testTitle')} subtitle={t('aaa.testSubtitle')} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <form onSubmit={submit} noValidate>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required label={t('subs.username')} name="username" autoComplete="off" value={f.username} onChange={set('username')} {...err('username')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required type="password" label={t('aaa.password')} name="password" autoComplete="off" value={f.password} onChange={set('password')} {...err('password')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('aaa.nas')} name="nas_id" value={f.nas_id} onChange={set('nas_id')} {...err('nas_id')}
                slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'select-nas' } as object } }}>
                <MenuItem value="">{t('aaa.nasDefault')}</MenuItem>
                {(nas ?? []).map((n) => <MenuItem key={n.id} value={n.id}>{n.name} ({n.address})</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth label={t('aaa.callingStation')} name="calling_station_id" value={f.calling_station_id} onChange={set('calling_station_id')} {...err('calling_station_id')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth label={t('aaa.calledStation')} name="called_station_id" value={f.called_station_id} onChange={set('called_station_id')} {...err('called_station_id')} /></Grid>
          </Grid>
          <Box sx={{ mt: 2 }}><Button type="submit" variant="contained" disabled={busy} data-testid="run-test-login">{t('aaa.run')}</Button></Box>
        </form>
      </Paper>
      {result ? (
        <Box aria-live="polite" data-testid="test-login-result">
          <Alert severity={result.result === 'accept' ? 'success' : 'error'} sx={{ mb: 2 }}>
            <strong>{result.result === 'accept' ? t('aaa.accept') : t('aaa.reject')}</strong> — {t('aaa.reason')}: {result.reason}
          </Alert>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <Paper sx={{ p: 2 }}>
                <Typography variant="h6" component="h2">{t('aaa.checks')}</Typography>
                <List dense>
                  {result.checks.map((c, i) => (
                    <ListItem key={`${c.check}-${i}`} disableGutters>
                      <ListItemIcon sx={{ minWidth: 36 }}>
                        {c.ok ? <OkIcon color="success" titleAccess={t('aaa.passed')} /> : <FailIcon color="error" titleAccess={t('aaa.failed')} />}
                      </ListItemIcon>
                      <ListItemText primary={c.check} secondary={c.detail} slotProps={{ secondary: { sx: { overflowWrap: 'anywhere' } } }} />
                    </ListItem>
                  ))}
                </List>
              </Paper>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Paper>
                <Typography variant="h6" component="h2" sx={{ p: 2, pb: 0 }}>{t('aaa.reply')}</Typography>
                <TableContainer>
                  <Table size="small" aria-label={t('aaa.reply')}>
                    <TableHead><TableRow><TableCell>{t('aaa.attribute')}</TableCell><TableCell>{t('aaa.value')}</TableCell></TableRow></TableHead>
                    <TableBody>
                      {result.reply.map((a, i) => (
                        <TableRow key={`${a.name}-${i}`}><TableCell sx={{ overflowWrap: 'anywhere' }}>{a.name}</TableCell><TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{a.value}</TableCell></TableRow>
                      ))}
                      {!result.reply.length ? <TableRow><TableCell colSpan={2} align="center" sx={{ color: 'text.secondary' }}>{t('aaa.noReply')}</TableCell></TableRow> : null}
                    </TableBody>
                  </Table>
                </TableContainer>
              </Paper>
            </Grid>
          </Grid>
        </Box>
      ) : null}
    </>
  );
}
