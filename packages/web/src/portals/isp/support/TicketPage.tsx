/** One ticket at the desk: the conversation, a reply box (public reply or internal note), and its status, priority and assignee. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import {
  Alert, Box, Button, Card, CardContent, FormControlLabel, Grid, Link, MenuItem, Stack, Switch, TextField, Typography,
} from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import type { TicketDetail } from '../../../api/types.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../../ui/common.tsx';
import { OverdueChip, PriorityChip, Thread, TicketStatusChip } from '../../../ui/tickets.tsx';
import { useIsp } from '../context.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../api/enums.ts';

const workers = new Set(['isp_admin', 'support_agent', 'branch_manager']);
type Patch = { status?: (typeof TICKET_STATUSES)[number]; priority?: (typeof TICKET_PRIORITIES)[number]; assignee_id?: string | null };

export default function TicketPage() {
  const t = useT();
  const fmt = useFormat();
  const { me } = useAuth();
  const { id = '' } = useParams();
  const { ispId, base, can } = useIsp();
  const manage = can('ticket:manage');
  const { data: tk, error, reload, setData } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/tickets/{ticket_id}', { params: { path: { isp_id: ispId, ticket_id: id } } })), [ispId, id]);
  const staff = useLoad(async () => (manage && can('staff:read')
    ? ok(await api.GET('/api/isp/{isp_id}/users', { params: { path: { isp_id: ispId }, query: { limit: 200, sort: 'name' } } })).items : null), [ispId, manage]);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const done = (r: { data?: TicketDetail; error?: unknown }) => {
    if (r.data) { setData(r.data); setActionError(null); return true; }
    setActionError(problemDetail(r.error) ?? t('common.error'));
    return false;
  };
  async function patch(p: Patch) {
    done(await api.PATCH('/api/isp/{isp_id}/tickets/{ticket_id}', { params: { path: { isp_id: ispId, ticket_id: id } }, body: p }));
  }
  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok2 = done(await api.POST('/api/isp/{isp_id}/tickets/{ticket_id}/messages', { params: { path: { isp_id: ispId, ticket_id: id } }, body: { body, internal } }));
    setBusy(false);
    if (ok2) setBody('');
  }

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!tk) return <Loading />;
  const people = (staff.data ?? []).filter((u) => workers.has(u.role) && u.status === 'active');
  const row = (label: string, value: React.ReactNode, late = false) => (
    <Box>
      <Typography variant="caption" color="text.secondary" component="p">{label}</Typography>
      <Typography variant="body2" color={late ? 'error' : undefined}>{value}</Typography>
    </Box>
  );
  const now = Date.now();
  const responseLate = !tk.first_response_at && new Date(tk.first_response_due_at).getTime() <= now;
  const resolutionLate = !tk.resolved_at && new Date(tk.resolution_due_at).getTime() <= now;

  return (
    <>
      <Button component={RouterLink} to={`${base}/tickets`} sx={{ mb: 1 }}>{t('tickets.backToList')}</Button>
      <PageHeader
        title={`#${tk.number} ${tk.subject}`}
        subtitle={<Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }} component="span">
          <TicketStatusChip status={tk.status} /><PriorityChip priority={tk.priority} />{tk.overdue ? <OverdueChip /> : null}
          <span>{t(`tickets.category.${tk.category}`)}</span>
        </Stack>}
      />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('tickets.conversation')}</Typography>
              <Thread messages={tk.messages} mine="staff" />
              {manage ? (
                <Box component="form" onSubmit={send} sx={{ mt: 2 }} noValidate>
                  <TextField fullWidth multiline minRows={3} name="body" label={internal ? t('tickets.noteLabel') : t('tickets.replyLabel')} value={body}
                    onChange={(e) => setBody(e.target.value)} helperText={internal ? t('tickets.noteHelp') : tk.subscriber_id ? t('tickets.replyHelp') : undefined} />
                  <Stack direction="row" sx={{ mt: 1, justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
                    <FormControlLabel control={<Switch checked={internal} onChange={(e) => setInternal(e.target.checked)} name="internal" />} label={t('tickets.internalNote')} />
                    <Button type="submit" variant="contained" color={internal ? 'warning' : 'primary'} disabled={busy || !body.trim() || (!internal && tk.status === 'closed')} data-testid="send-message">
                      {internal ? t('tickets.addNote') : t('tickets.sendReply')}
                    </Button>
                  </Stack>
                  {!internal && tk.status === 'closed' ? <Typography variant="body2" color="text.secondary">{t('tickets.closedHint')}</Typography> : null}
                </Box>
              ) : null}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Card>
            <CardContent>
              <Stack spacing={2}>
                {manage ? (
                  <>
                    <TextField select size="small" label={t('tickets.statusLabel')} name="status" value={tk.status} onChange={(e) => void patch({ status: e.target.value as Patch['status'] })}>
                      {TICKET_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`tickets.status.${s}`)}</MenuItem>)}
                    </TextField>
                    <TextField select size="small" label={t('tickets.priorityLabel')} name="priority" value={tk.priority} onChange={(e) => void patch({ priority: e.target.value as Patch['priority'] })}>
                      {TICKET_PRIORITIES.map((p) => <MenuItem key={p} value={p}>{t(`tickets.priority.${p}`)}</MenuItem>)}
                    </TextField>
                    {people.length ? (
                      <TextField select size="small" label={t('tickets.assignee')} name="assignee" value={tk.assignee_id ?? ''} onChange={(e) => void patch({ assignee_id: e.target.value || null })}>
                        <MenuItem value="">{t('tickets.unassigned')}</MenuItem>
                        {people.map((u) => <MenuItem key={u.id} value={u.id}>{u.name}</MenuItem>)}
                        {tk.assignee_id && !people.some((u) => u.id === tk.assignee_id) ? <MenuItem value={tk.assignee_id}>{tk.assignee_name ?? '…'}</MenuItem> : null}
                      </TextField>
                    ) : row(t('tickets.assignee'), tk.assignee_name ?? t('tickets.unassigned'))}
                    {me && tk.assignee_id !== me.id ? <Button variant="outlined" onClick={() => void patch({ assignee_id: me.id })}>{t('tickets.assignToMe')}</Button> : null}
                  </>
                ) : (
                  <>
                    {row(t('tickets.assignee'), tk.assignee_name ?? t('tickets.unassigned'))}
                  </>
                )}
                {row(t('tickets.subscriber'), tk.subscriber_id
                  ? <Link component={RouterLink} to={`${base}/subscribers/${tk.subscriber_id}`} underline="hover">{tk.subscriber_name} · {tk.subscriber_account}</Link>
                  : '—')}
                {row(t('tickets.created'), `${fmt.dateTime(tk.created_at)} · ${t(`tickets.openedBy.${tk.opened_by_kind}`)}`)}
                {row(t('tickets.firstResponseDue'), tk.first_response_at
                  ? t('tickets.answeredAt', { at: fmt.dateTime(tk.first_response_at) })
                  : fmt.dateTime(tk.first_response_due_at), responseLate)}
                {row(t('tickets.resolutionDue'), tk.resolved_at
                  ? t('tickets.resolvedAt', { at: fmt.dateTime(tk.resolved_at) })
                  : fmt.dateTime(tk.resolution_due_at), resolutionLate)}
                {tk.closed_at ? row(t('tickets.closedAt'), fmt.dateTime(tk.closed_at)) : null}
              </Stack>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}
