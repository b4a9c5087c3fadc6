/** Subscribers: search, filter by status/branch/plan, sort, page, bulk suspend/activate, create. */
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert, Box, Button, Checkbox, Chip, InputAdornment, Link, MenuItem, Paper, Snackbar, Stack, Table, TableBody, TableCell,
  TableContainer, TableHead, TablePagination, TableRow, TableSortLabel, TextField, Toolbar, Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import AddIcon from '@mui/icons-material/Add';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { SubscriberDialog } from './SubscriberDialog.tsx';
import { useBranchesAndPlans } from '../useRefs.ts';
import { SUBSCRIBER_STATUSES } from '../../../api/enums.ts';
import { AtRiskTable, usePageRisks } from '../intelligence/AtRiskTable.tsx';
import { useChurnFormat } from '../intelligence/churn-format.ts';

type SortKey = 'created_at' | 'last_name' | 'account_number' | 'username' | 'status';
type Sort = SortKey | `-${SortKey}`;
type Status = (typeof SUBSCRIBER_STATUSES)[number];

export default function SubscribersPage() {
  const t = useT();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { ispId, base, can, branchId: scopeBranch } = useIsp();
  const { branches, plans } = useBranchesAndPlans(ispId);
  const [params, setParams] = useSearchParams();
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? '';
  const status = (params.get('status') ?? '') as Status | '';
  const branch = params.get('branch') ?? '';
  const plan = params.get('plan') ?? '';
  // The retention segment: subscribers the churn model puts at risk (its own table, sorted by risk).
  const segment = params.get('segment') === 'at_risk' ? 'at_risk' : '';
  const sort = (params.get('sort') ?? '-created_at') as Sort;
  const page = Number(params.get('page') ?? 0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [bulkError, setBulkError] = useState<string | null>(null);

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  // Search as you type, a moment after the last key.
  useEffect(() => {
    const h = setTimeout(() => { if (qInput !== q) update({ q: qInput || null }); }, 300);
    return () => clearTimeout(h);
  }, [qInput]);

  const { data, error, loading, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers', {
    params: {
      path: { isp_id: ispId },
      query: {
        limit: rowsPerPage, offset: page * rowsPerPage, sort,
        ...(q ? { q } : {}), ...(status ? { status } : {}), ...(branch ? { branch_id: branch } : {}), ...(plan ? { plan_id: plan } : {}),
      },
    },
  })), [ispId, q, status, branch, plan, sort, page, rowsPerPage]);

  useEffect(() => setSelected(new Set()), [data]);

  const items = data?.items ?? [];
  const risks = usePageRisks(items.map((i) => i.id));
  const cf = useChurnFormat();
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const manage = can('subscriber:manage');

  async function bulk(action: 'activate' | 'suspend') {
    setBulkError(null);
    const r = await api.POST('/api/isp/{isp_id}/subscribers/bulk', { params: { path: { isp_id: ispId } }, body: { ids: [...selected], action } });
    if (r.data) {
      setToast(t('subs.bulkDone', { n: r.data.updated }));
      await reload();
    } else setBulkError(problemDetail(r.error) ?? t('common.error'));
  }

  const sortHeader = (key: SortKey, label: string) => {
    const active = sort === key || sort === `-${key}`;
    const dir = sort === `-${key}` ? 'desc' : 'asc';
    return (
      <TableSortLabel active={active} direction={active ? dir : 'asc'} onClick={() => update({ sort: active && dir === 'asc' ? `-${key}` : key })}>
        {label}
      </TableSortLabel>
    );
  };

  return (
    <>
      <PageHeader
        title={t('nav.subscribers')}
        subtitle={data ? t('subs.count', { n: fmt.number(data.total) }) : undefined}
        actions={manage ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog(true)} data-testid="new-subscriber">{t('subs.new')}</Button> : undefined}
      />
      <Paper sx={{ mb: 2, p: 2 }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField
            label={t('common.search')} placeholder={t('subs.searchHint')} value={qInput} onChange={(e) => setQInput(e.target.value)} size="small" sx={{ flex: 2 }}
            slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> }, htmlInput: { 'data-testid': 'subscriber-search' } }}
          />
          <TextField select label={t('subs.status')} value={status} onChange={(e) => update({ status: e.target.value || null })} size="small" sx={{ flex: 1, minWidth: 140 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {SUBSCRIBER_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`status.${s}`)}</MenuItem>)}
          </TextField>
          <TextField select label={t('subs.branch')} value={branch} onChange={(e) => update({ branch: e.target.value || null })} size="small" sx={{ flex: 1, minWidth: 140 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {branches.map((b) => <MenuItem key={b.id} value={b.id}>{b.name}</MenuItem>)}
          </TextField>
          <TextField select label={t('subs.plan')} value={plan} onChange={(e) => update({ plan: e.target.value || null })} size="small" sx={{ flex: 1, minWidth: 140 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {plans.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
          </TextField>
          <TextField select label={t('churn.risk')} value={segment} onChange={(e) => update({ segment: e.target.value || null })} size="small" sx={{ flex: 1, minWidth: 140 }}
            slotProps={{ htmlInput: { 'data-testid': 'segment-filter' } }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            <MenuItem value="at_risk">{t('churn.atRisk')}</MenuItem>
          </TextField>
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {bulkError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setBulkError(null)}>{bulkError}</Alert> : null}
      {segment ? <AtRiskTable /> : null}
      <Paper sx={segment ? { display: 'none' } : undefined}>
        {manage && selected.size > 0 ? (
          <Toolbar sx={{ gap: 1, bgcolor: 'action.selected', borderRadius: '10px 10px 0 0', flexWrap: 'wrap' }}>
            <Typography sx={{ flex: 1 }} role="status">{t('subs.selected', { n: selected.size })}</Typography>
            <Button variant="outlined" color="success" onClick={() => bulk('activate')}>{t('subs.activate')}</Button>
            <Button variant="outlined" color="warning" onClick={() => bulk('suspend')}>{t('subs.suspend')}</Button>
          </Toolbar>
        ) : null}
        <TableContainer>
          <Table size="small" aria-label={t('nav.subscribers')}>
            <TableHead>
              <TableRow>
                {manage ? (
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={allSelected} indeterminate={selected.size > 0 && !allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
                      slotProps={{ input: { 'aria-label': t('subs.selectAll') } }}
                    />
                  </TableCell>
                ) : null}
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{sortHeader('account_number', t('subs.account'))}</TableCell>
                <TableCell>{sortHeader('last_name', t('subs.name'))}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{sortHeader('username', t('subs.username'))}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('subs.plan')}</TableCell>
                <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{t('subs.branch')}</TableCell>
                <TableCell>{sortHeader('status', t('subs.status'))}</TableCell>
                <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{sortHeader('created_at', t('subs.created'))}</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('churn.risk')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((s) => (
                <TableRow key={s.id} hover selected={selected.has(s.id)}>
                  {manage ? (
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(s.id)}
                        onChange={() => setSelected((x) => { const n = new Set(x); if (n.has(s.id)) n.delete(s.id); else n.add(s.id); return n; })}
                        slotProps={{ input: { 'aria-label': t('subs.selectOne', { name: `${s.first_name} ${s.last_name}` }) } }}
                      />
                    </TableCell>
                  ) : null}
                  <TableCell sx={{ fontFamily: 'monospace', display: { xs: 'none', sm: 'table-cell' } }}>{s.account_number}</TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={`${base}/subscribers/${s.id}`} underline="hover">{s.first_name} {s.last_name}</Link>
                    <Box component="span" sx={{ display: { xs: 'block', sm: 'none' }, fontFamily: 'monospace', fontSize: 12, color: 'text.secondary' }}>{s.account_number}</Box>
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{s.username}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{s.plan_name ?? '—'}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{s.branch_name ?? '—'}</TableCell>
                  <TableCell><StatusChip status={s.status} /></TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{fmt.date(s.created_at)}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                    {(() => {
                      const r = risks.data?.get(s.id);
                      return r ? <Chip size="small" variant="outlined" color={r.at_risk ? 'error' : 'default'} label={cf.risk(r.risk)} /> : '—';
                    })()}
                  </TableCell>
                </TableRow>
              ))}
              {!loading && !items.length ? (
                <TableRow><TableCell colSpan={9}><Box sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>{t('subs.empty')}</Box></TableCell></TableRow>
              ) : null}
            </TableBody>
          </Table>
        </TableContainer>
        {loading && !data ? <Loading /> : null}
        <TablePagination
          component="div" count={data?.total ?? 0} page={data ? page : 0} rowsPerPage={rowsPerPage} rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_e, p) => update({ page: String(p) })}
          onRowsPerPageChange={(e) => { setRowsPerPage(Number(e.target.value)); update({ page: null }); }}
          labelRowsPerPage={t('common.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
          getItemAriaLabel={(type) => t(`common.page_${type}`)}
        />
      </Paper>
      <SubscriberDialog
        open={dialog} onClose={() => setDialog(false)} ispId={ispId} branches={branches} plans={plans} defaultBranchId={scopeBranch}
        onSaved={(s) => { setDialog(false); navigate(`${base}/subscribers/${s.id}`); }}
      />
      <Snackbar open={Boolean(toast)} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}
