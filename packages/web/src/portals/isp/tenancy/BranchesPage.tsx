/** Branches as a tree (parent_branch_id); create a root or child branch, edit or move one (the server refuses cycles), delete an empty one. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, Link, MenuItem, Paper, Stack,
  TextField, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import SubdirIcon from '@mui/icons-material/SubdirectoryArrowRight';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import { api, fieldErrors, problemDetail } from '../../../api/client.ts';
import type { Branch } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';

export default function BranchesPage() {
  const t = useT();
  const { ispId, base, can, branchId: own } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/branches', { params: { path: { isp_id: ispId } } })), [ispId]);
  const [creating, setCreating] = useState<{ parent: string | null; branch?: Branch } | null>(null);
  const [deleting, setDeleting] = useState<Branch | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const manage = can('branch:manage');

  const list = data ?? [];
  const ids = new Set(list.map((b) => b.id));
  const children = (pid: string | null) => list.filter((b) => (pid === null ? !b.parent_branch_id || !ids.has(b.parent_branch_id) : b.parent_branch_id === pid)).sort((a, b) => a.name.localeCompare(b.name));

  async function remove(b: Branch) {
    setDeleting(null);
    const r = await api.DELETE('/api/branch/{branch_id}', { params: { path: { branch_id: b.id } } });
    if (r.response.ok) await reload();
    else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  const node = (b: Branch, depth: number): React.ReactNode => {
    const kids = children(b.id);
    return (
      <Box component="li" key={b.id} sx={{ listStyle: 'none' }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 1, px: 1.5, ml: depth * 3, borderRadius: 2, '&:hover': { bgcolor: 'action.hover' } }}>
          {depth ? <SubdirIcon fontSize="small" color="disabled" aria-hidden /> : null}
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Link component={RouterLink} to={`${base}/branches/${b.id}`} underline="hover" sx={{ fontWeight: 600 }}>{b.name}</Link>
            <Typography variant="caption" color="text.secondary" component="span" sx={{ ml: 1 }}>{b.code}</Typography>
          </Box>
          <StatusChip status={b.status} />
          {manage ? (
            <>
              <Tooltip title={t('common.edit')}><IconButton size="small" onClick={() => setCreating({ parent: b.parent_branch_id, branch: b })} data-testid={`edit-branch-${b.code}`} aria-label={`${t('common.edit')} ${b.name}`}><EditIcon /></IconButton></Tooltip>
              <Tooltip title={t('branches.addChild')}><IconButton size="small" onClick={() => setCreating({ parent: b.id })} data-testid={`add-child-${b.code}`} aria-label={t('branches.addChildOf', { name: b.name })}><AddIcon /></IconButton></Tooltip>
              {b.id !== own ? <Tooltip title={t('common.delete')}><IconButton size="small" onClick={() => setDeleting(b)} aria-label={`${t('common.delete')} ${b.name}`}><DeleteIcon /></IconButton></Tooltip> : null}
            </>
          ) : null}
        </Stack>
        {kids.length ? <Box component="ul" sx={{ p: 0, m: 0 }}>{kids.map((k) => node(k, depth + 1))}</Box> : null}
      </Box>
    );
  };

  return (
    <>
      <PageHeader title={t('nav.branches')} subtitle={t('branches.subtitle')}
        actions={manage && !own ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating({ parent: null })} data-testid="new-branch">{t('branches.new')}</Button> : undefined} />
      <ErrorAlert error={error} onRetry={reload} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      {!data ? (error ? null : <Loading />) : (
        <Paper sx={{ p: 1 }}>
          {list.length ? <Box component="ul" sx={{ p: 0, m: 0 }} aria-label={t('nav.branches')}>{children(null).map((b) => node(b, 0))}</Box>
            : <Typography sx={{ p: 3, textAlign: 'center' }} color="text.secondary">{t('branches.empty')}</Typography>}
        </Paper>
      )}
      <BranchDialog open={Boolean(creating)} parent={creating?.parent ?? null} branch={creating?.branch ?? null} branches={list} ispId={ispId} topLevelAllowed={!own}
        onClose={() => setCreating(null)} onSaved={() => { setCreating(null); void reload(); }} />
      <ConfirmDialog open={Boolean(deleting)} title={t('branches.deleteTitle')} body={t('branches.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')} danger onConfirm={() => deleting && remove(deleting)} onClose={() => setDeleting(null)} />
    </>
  );
}

/** The branch and everything beneath it: not a valid new parent (the server checks too). */
function subtree(branches: Branch[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const b of branches) if (b.parent_branch_id && out.has(b.parent_branch_id) && !out.has(b.id)) { out.add(b.id); grew = true; }
  }
  return out;
}

function BranchDialog({ open, parent, branch, branches, ispId, topLevelAllowed, onClose, onSaved }: {
  open: boolean; parent: string | null; branch: Branch | null; branches: Branch[]; ispId: string; topLevelAllowed: boolean; onClose: () => void; onSaved: () => void;
}) {
  const t = useT();
  const [f, setF] = useState({ name: '', code: '', parent: '', address: '', phone: '', status: 'active' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [lastOpen, setLastOpen] = useState(false);
  if (open !== lastOpen) {
    setLastOpen(open);
    if (open) {
      setF(branch
        ? { name: branch.name, code: branch.code, parent: branch.parent_branch_id ?? '', address: branch.address ?? '', phone: branch.phone ?? '', status: branch.status }
        : { name: '', code: '', parent: parent ?? '', address: '', phone: '', status: 'active' });
      setErrors({});
      setGeneral(null);
    }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = { name: f.name.trim(), code: f.code.trim(), parent_branch_id: f.parent || null, address: f.address.trim() || null, phone: f.phone.trim() || null };
    const r = branch
      ? await api.PATCH('/api/branch/{branch_id}', {
        params: { path: { branch_id: branch.id } },
        // A branch manager's own branch keeps its parent (they cannot see it); only its details change.
        body: { ...fields, ...(f.parent === (branch.parent_branch_id ?? '') ? { parent_branch_id: undefined } : {}), status: f.status as 'active' | 'inactive' },
      })
      : await api.POST('/api/isp/{isp_id}/branches', { params: { path: { isp_id: ispId } }, body: fields });
    if (r.data) return onSaved();
    const fe = fieldErrors(r.error);
    setErrors(fe);
    if (!Object.keys(fe).length) setGeneral(problemDetail(r.error) ?? t('common.error'));
  }
  const err = (k: string) => ({ error: Boolean(errors[k]), helperText: errors[k] });
  const excluded = branch ? subtree(branches, branch.id) : new Set<string>();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="branch-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="branch-title">{branch ? t('branches.editTitle') : t('branches.new')}</DialogTitle>
        <DialogContent dividers>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}><TextField fullWidth required autoFocus label={t('branches.name')} name="name" value={f.name} onChange={set('name')} {...err('name')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth required label={t('branches.code')} name="code" value={f.code} onChange={set('code')} {...err('code')} /></Grid>
            <Grid size={12}>
              <TextField select fullWidth label={t('branches.parent')} name="parent" value={f.parent} onChange={set('parent')} {...err('parent_branch_id')}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'select-parent' } as object } }}>
                {topLevelAllowed || (branch && !branch.parent_branch_id) ? <MenuItem value="">{t('branches.noParent')}</MenuItem> : null}
                {branches.filter((b) => !branch || !excluded.has(b.id)).map((b) => <MenuItem key={b.id} value={b.id}>{b.name}</MenuItem>)}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}><TextField fullWidth label={t('subs.address')} name="address" value={f.address} onChange={set('address')} {...err('address')} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><TextField fullWidth label={t('subs.phone')} name="phone" value={f.phone} onChange={set('phone')} {...err('phone')} /></Grid>
            {branch ? (
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField select fullWidth label={t('subs.status')} name="status" value={f.status} onChange={set('status')}>
                  <MenuItem value="active">{t('status.active')}</MenuItem>
                  <MenuItem value="inactive">{t('status.inactive')}</MenuItem>
                </TextField>
              </Grid>
            ) : null}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained">{branch ? t('common.save') : t('common.create')}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
