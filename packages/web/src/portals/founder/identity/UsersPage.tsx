/** Platform users (founders): list and add. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField,
} from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAddOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';

export default function UsersPage() {
  const t = useT();
  const fmt = useFormat();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/founder/founders')), []);
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await api.POST('/api/founder/founders', { body: { name: f.name.trim(), email: f.email.trim(), password: f.password } });
    if (r.data) {
      setOpen(false);
      setF({ name: '', email: '', password: '' });
      void reload();
      return;
    }
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }

  return (
    <>
      <PageHeader title={t('nav.platformUsers')} actions={<Button variant="contained" startIcon={<AddIcon />} onClick={() => { setOpen(true); setErrors({}); setGeneral(null); }}>{t('founder.addUser')}</Button>} />
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table aria-label={t('nav.platformUsers')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('staff.name')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('staff.mfa')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('subs.created')}</TableCell>
                  <TableCell>{t('subs.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell>{u.name}<br /><small style={{ color: '#555' }}>{u.email}</small></TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{u.mfa_enabled ? t('common.yes') : t('common.no')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{fmt.date(u.created_at)}</TableCell>
                    <TableCell><StatusChip status={u.status} /></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs" aria-labelledby="founder-title">
        <form onSubmit={submit} noValidate>
          <DialogTitle id="founder-title">{t('founder.addUser')}</DialogTitle>
          <DialogContent dividers>
            {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
            <Stack spacing={2}>
              <TextField required autoFocus label={t('staff.name')} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={Boolean(errors.name)} helperText={errors.name} />
              <TextField required type="email" label={t('login.email')} value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} error={Boolean(errors.email)} helperText={errors.email} />
              <TextField required type="password" autoComplete="new-password" label={t('login.password')} value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} error={Boolean(errors.password)} helperText={errors.password} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="submit" variant="contained">{t('common.create')}</Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
