/** The support desk: tickets by status, priority, assignee and words, overdue ones flagged. */
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import {
  Button, Chip, Link, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TextField,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api } from '../../../api/client.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { OverdueChip, PriorityChip, TicketStatusChip } from '../../../ui/tickets.tsx';
import { useIsp } from '../context.ts';
import { NewTicketDialog } from './NewTicketDialog.tsx';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../api/enums.ts';

// 'active' (not resolved or closed) and 'all' are the list's own filters around the statuses.
const statusFilters = ['active', ...TICKET_STATUSES, 'all'] as const;
type StatusFilter = (typeof statusFilters)[number];

export default function TicketsPage() {
  const t = useT();
  const fmt = useFormat();
  const { me } = useAuth();
  const { ispId, base, can } = useIsp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'active') as StatusFilter;
  const priority = params.get('priority') ?? '';
  const assignee = params.get('assignee') ?? '';
  const overdue = params.get('overdue') === 'true';
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [creating, setCreating] = useState(false);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
    setPage(0);
  };
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/tickets', {
    params: { path: { isp_id: ispId }, query: {
      limit: rowsPerPage, offset: page * rowsPerPage, sort: '-last_message_at',
      ...(status !== 'all' ? { status } : {}), ...(priority ? { priority: priority as (typeof TICKET_PRIORITIES)[number] } : {}),
      ...(assignee === 'me' && me?.id ? { assignee_id: me.id } : assignee === 'none' ? { assignee_id: 'none' } : {}),
      ...(overdue ? { overdue: 'true' as const } : {}), ...(q.trim() ? { q: q.trim() } : {}),
    } },
  })), [ispId, status, priority, assignee, overdue, q, page, rowsPerPage, me?.id]);

  return (
    <>
      <PageHeader title={t('tickets.title')} subtitle={t('tickets.subtitle')}
        actions={can('ticket:manage') ? <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="new-ticket">{t('tickets.new')}</Button> : undefined} />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }} role="group" aria-label={t('tickets.statusFilter')}>
          {statusFilters.map((s) => (
            <Chip key={s} label={t(`tickets.filter.${s}`)} clickable color={status === s ? 'primary' : 'default'} variant={status === s ? 'filled' : 'outlined'}
              aria-pressed={status === s} onClick={() => set('status', s === 'active' ? '' : s)} />
          ))}
          <Chip label={t('tickets.overdue')} clickable color={overdue ? 'error' : 'default'} variant={overdue ? 'filled' : 'outlined'} aria-pressed={overdue}
            onClick={() => set('overdue', overdue ? '' : 'true')} />
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField size="small" label={t('tickets.search')} name="q" value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: 2 }} />
          <TextField size="small" select label={t('tickets.priorityLabel')} name="priority" value={priority} onChange={(e) => set('priority', e.target.value)} sx={{ flex: 1, minWidth: 140 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {TICKET_PRIORITIES.map((p) => <MenuItem key={p} value={p}>{t(`tickets.priority.${p}`)}</MenuItem>)}
          </TextField>
          <TextField size="small" select label={t('tickets.assignee')} name="assignee" value={assignee} onChange={(e) => set('assignee', e.target.value)} sx={{ flex: 1, minWidth: 160 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            <MenuItem value="me">{t('tickets.assignedToMe')}</MenuItem>
            <MenuItem value="none">{t('tickets.unassigned')}</MenuItem>
          </TextField>
        </Stack>
      </Paper>
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (error ? null : <Loading />) : (
        <Paper>
          <TableContainer>
            <Table size="small" aria-label={t('tickets.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('tickets.subject')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('tickets.subscriber')}</TableCell>
                  <TableCell>{t('tickets.statusLabel')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>{t('tickets.priorityLabel')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{t('tickets.assignee')}</TableCell>
                  <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{t('tickets.lastActivity')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((tk) => (
                  <TableRow key={tk.id} hover>
                    <TableCell sx={{ wordBreak: 'break-word' }}>
                      <Link component={RouterLink} to={`${base}/tickets/${tk.id}`} underline="hover">#{tk.number} {tk.subject}</Link>
                      <br /><small>{t(`tickets.category.${tk.category}`)} · {fmt.dateTime(tk.created_at)}</small>
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>
                      {tk.subscriber_id ? <Link component={RouterLink} to={`${base}/subscribers/${tk.subscriber_id}`} underline="hover">{tk.subscriber_name}</Link> : '—'}
                    </TableCell>
                    <TableCell>
                      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}><TicketStatusChip status={tk.status} />{tk.overdue ? <OverdueChip /> : null}</Stack>
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}><PriorityChip priority={tk.priority} /></TableCell>
                    <TableCell sx={{ display: { xs: 'none', md: 'table-cell' } }}>{tk.assignee_name ?? (tk.assignee_id ? '…' : t('tickets.unassigned'))}</TableCell>
                    <TableCell sx={{ display: { xs: 'none', lg: 'table-cell' } }}>{fmt.dateTime(tk.last_message_at)}</TableCell>
                  </TableRow>
                ))}
                {!data.items.length ? <TableRow><TableCell colSpan={6} align="center" sx={{ py: 4, color: 'text.secondary' }}>{t('tickets.empty')}</TableCell></TableRow> : null}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div" count={data.total} page={page} rowsPerPage={rowsPerPage} rowsPerPageOptions={[10, 25, 50]}
            onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setRowsPerPage(Number(e.target.value)); setPage(0); }}
            labelRowsPerPage={t('common.rowsPerPage')}
            labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
            getItemAriaLabel={(type) => t(`common.page_${type}`)}
          />
        </Paper>
      )}
      <NewTicketDialog open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); void reload(); }} />
    </>
  );
}
