/** Staff and roles: list (search, role filter), add with a role, change role/status, remove. */
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, MenuItem, Paper, Stack, Table,
  TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip,
} from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAddOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import BlockIcon from '@mui/icons-material/BlockOutlined';
import ActivateIcon from '@mui/icons-material/CheckCircleOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import { STAFF_ROLES } from '../../../api/enums.ts';
import type { StaffRole, StaffUser } from '../../../api/types.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { LOCALES, useFormat, useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { useBranchesAndPlans } from '../useRefs.ts';

export default function StaffPage() {
  const t = useT();
  const fmt = useFormat();
  const { me } = useAuth();
  const { ispId, can, grantableRoles, branchId } = useIsp();
  const { branches } = useBranchesAndPlans(ispId);
  const [q, setQ] = useState('');
  const [roleFilter, setRoleFilter] = useState<StaffRole | ''>('');
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/users', {
    params: { path: { isp_id: ispId }, query: { limit: 100, sort: 'name', ...(q ? { q } : {}), ...(roleFilter ? { role: roleFilter } : {}) } },
  })), [ispId, q, roleFilter]);
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const manage = can('staff:manage');
  const [acting, setActing] = useState<{ user: StaffUser; action: 'disable' | 'activate' | 'delete' } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  async function act() {
    if (!acting) return;
    const { user, action } = acting;
    setActing(null);
    const path = { params: { path: { isp_id: ispId, user_id: user.id } } };
    const r = action === 'delete'
      ? await api.DELETE('/api/isp/{isp_id}/users/{user_id}', path)
      : await api.PATCH('/api/isp/{isp_id}/users/{user_id}', { ...path, body: { status: action === 'disable' ? 'disabled' : 'active' } });
    if (r.response.ok) void reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }
  const branchName = (id: string | null) => branches.find((b) => b.id === id)?.name ?? '—';

  return (
    <>
      <PageHeader title={t('nav.staff')} subtitle={data ? t('staff.count', { n: fmt.number(data.total) }) : undefined}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>{t('staff.new')}</Button> : undefined} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField size="small" label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ flex: 2 }} />
          <TextField size="small" select label={t('staff.role')} value={roleFilter} onChange={(e) => setRoleFilter(e.target.value as StaffRole | '')} sx={{ flex: 1, minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {STAFF_ROLES.map((r) => <MenuItem key={r} value={r}>{t(`role.${r}`)}</MenuItem>)}
          </TextField>
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table aria-label={t('nav.staff')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('staff.name')}</TableCell>
                  <TableCell>{t('staff.role')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('subs.branch')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('staff.mfa')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('staff.lastLogin')}</TableCell>
                  <TableCell>{t('subs.status')}</TableCell>
                  {manage ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((u) => (
                  <TableRow key={u.id} hover>
                    <TableCell>{u.name}<br /><small style={{ color: '#555' }}>{u.email}</small></TableCell>
                    <TableCell>{t(`role.${u.role}`)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{branchName(u.branch_id)}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{u.mfa_enabled ? t('common.yes') : t('common.no')}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{fmt.dateTime(u.last_login_at)}</TableCell>
                    <TableCell><StatusChip status={u.status} /></TableCell>
                    {manage ? (
                      <TableCell align="right">
                        {u.id !== me?.id && grantableRoles.includes(u.role as StaffRole) ? (
                          <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
                            <Tooltip title={t('common.edit')}><IconButton onClick={() => setEditing(u)} aria-label={`${t('common.edit')} ${u.name}`}><EditIcon /></IconButton></Tooltip>
                            {u.status === 'active'
                              ? <Tooltip title={t('staff.disable')}><IconButton onClick={() => setActing({ user: u, action: 'disable' })} aria-label={`${t('staff.disable')} ${u.name}`}><BlockIcon /></IconButton></Tooltip>
                              : <Tooltip title={t('staff.activate')}><IconButton onClick={() => setActing({ user: u, action: 'activate' })} aria-label={`${t('staff.activate')} ${u.name}`}><ActivateIcon /></IconButton></Tooltip>}
                            <Tooltip title={t('common.delete')}><IconButton onClick={() => setActing({ user: u, action: 'delete' })} aria-label={`${t('common.delete')} ${u.name}`} data-testid={`delete-staff-${u.email}`}><DeleteIcon /></IconButton></Tooltip>
                          </Stack>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
      <ConfirmDialog open={Boolean(acting)} title={acting ? t(`staff.${acting.action}Title`, { name: acting.user.name }) : ''}
        body={acting ? t(`staff.${acting.action}Body`, { name: acting.user.name }) : ''} confirmLabel={acting ? t(acting.action === 'delete' ? 'common.delete' : `staff.${acting.action}`) : ''}
        danger={acting?.action !== 'activate'} onConfirm={() => void act()} onClose={() => setActing(null)} />
      <StaffDialog open={editing !== null} user={editing === 'new' ? null : editing} ispId={ispId} roles={grantableRoles}
        branches={branches} defaultBranch={branchId} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void reload(); }} />
    </>
  );
}

function StaffDialog({ open, user, ispId, roles, branches, defaultBranch, onClose, onSaved }: {
  open: boolean; user: StaffUser | null; ispId: string; roles: readonly StaffRole[]; branches: { id: string; name: string }[]; defaultBranch: string | null;
  onClose: () => void; onSaved: () => void;
}) {
  const t = useT();
  const [f, setF] = useState({ name: '', email: '', phone: '', role: 'support_agent' as StaffRole, branch: '', password: '', locale: '', status: 'active' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setErrors({});
      setGeneral(null);
      setF(user
        ? { name: user.name, email: user.email, phone: user.phone ?? '', role: user.role as StaffRole, branch: user.branch_id ?? '', password: '', locale: user.locale ?? '', status: user.status }
        : { name: '', email: '', phone: '', role: roles.includes('support_agent') ? 'support_agent' : (roles[0] ?? 'support_agent'), branch: defaultBranch ?? '', password: '', locale: '', status: 'active' });
    }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const locale = (f.locale || null) as (typeof LOCALES)[number] | null;
    const r = user
      ? await api.PATCH('/api/isp/{isp_id}/users/{user_id}', {
        params: { path: { isp_id: ispId, user_id: user.id } },
        body: { name: f.name.trim(), phone: f.phone.trim() || null, role: f.role, branch_id: f.branch || null, locale, status: f.status as 'active' | 'disabled', ...(f.password ? { password: f.password } : {}) },
      })
      : await api.POST('/api/isp/{isp_id}/users', {
        params: { path: { isp_id: ispId } },
        body: { name: f.name.trim(), email: f.email.trim(), phone: f.phone.trim() || null, role: f.role, branch_id: f.branch || null, password: f.password, locale },
      });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="staff-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="staff-title">{user ? t('staff.editTitle') : t('staff.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required autoFocus label={t('staff.name')} value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth required type="email" label={t('login.email')} value={f.email} onChange={set('email')} disabled={Boolean(user)} {...err('email')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('staff.role')} value={f.role} onChange={set('role')} {...err('role')}>
                {roles.map((r) => <MenuItem key={r} value={r}>{t(`role.${r}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('subs.branch')} value={f.branch} onChange={set('branch')} {...err('branch_id')}>
                <MenuItem value="">{t('common.none')}</MenuItem>
                {branches.map((b) => <MenuItem key={b.id} value={b.id}>{b.name}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}><TextField fullWidth label={t('subs.phone')} value={f.phone} onChange={set('phone')} {...err('phone')} /></Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField select fullWidth label={t('common.language')} value={f.locale} onChange={set('locale')}>
                <MenuItem value="">{t('subs.ispDefault')}</MenuItem>
                {LOCALES.map((l) => <MenuItem key={l} value={l}>{t(`lang.${l}`)}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField fullWidth required={!user} type="password" autoComplete="new-password" label={user ? t('subs.newPassword') : t('login.password')} value={f.password} onChange={set('password')} {...err('password')} />
            </Grid>
            {user ? (
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField select fullWidth label={t('subs.status')} value={f.status} onChange={set('status')}>
                  <MenuItem value="active">{t('status.active')}</MenuItem>
                  <MenuItem value="disabled">{t('status.disabled')}</MenuItem>
                </TextField>
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{user ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
