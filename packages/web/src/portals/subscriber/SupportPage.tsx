/** Self-service support: the subscriber's tickets, a form to open one, and each ticket's conversation with a reply box. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import {
  Alert, Box, Button, Card, CardContent, Grid, MenuItem, Stack, TextField, Typography,
} from '@mui/material';
import { api, fieldErrors, problemDetail } from '../../api/client.ts';
import type { OwnTicketDetail } from '../../api/types.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading, PageHeader, ok, useLoad } from '../../ui/common.tsx';
import { Thread, TicketList, TicketStatusChip } from '../../ui/tickets.tsx';
import { SELF_TICKET_PRIORITIES, TICKET_CATEGORIES } from '../../api/enums.ts';


export default function SupportPage() {
  const { ticketId } = useParams();
  return ticketId ? <TicketView id={ticketId} /> : <OwnTickets />;
}

function OwnTickets() {
  const t = useT();
  const fmt = useFormat();
  const [page, setPage] = useState(0);
  const { data, error, reload } = useLoad(async () => ok(await api.GET('/api/me/tickets', { params: { query: { limit: 10, offset: page * 10 } } })), [page]);
  return (
    <>
      <PageHeader title={t('tickets.self.title')} subtitle={t('tickets.self.subtitle')} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('tickets.self.mine')}</Typography>
              <ErrorAlert error={error} onRetry={reload} />
              {!data ? (error ? null : <Loading />) : (
                <TicketList page={page} onPage={setPage} total={data.total} empty={t('tickets.self.empty')}
                  items={data.items.map((tk) => ({
                    id: tk.id, number: tk.number, subject: tk.subject, to: tk.id, chips: <TicketStatusChip status={tk.status} />,
                    secondary: `${t(`tickets.category.${tk.category}`)} · ${t('tickets.self.lastActivity', { at: fmt.dateTime(tk.last_message_at) })}`,
                  }))} />
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}><NewTicketForm /></Grid>
      </Grid>
    </>
  );
}

function NewTicketForm() {
  const t = useT();
  const navigate = useNavigate();
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState<(typeof TICKET_CATEGORIES)[number]>('connectivity');
  const [priority, setPriority] = useState<(typeof SELF_TICKET_PRIORITIES)[number]>('normal');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const r = await api.POST('/api/me/tickets', { body: { subject, category, priority, body } });
    setBusy(false);
    if (r.data) navigate(r.data.id);
    else { setErrors(fieldErrors(r.error)); setGeneral(problemDetail(r.error) ?? t('common.error')); }
  }

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('tickets.new')}</Typography>
        <Box component="form" onSubmit={submit} noValidate>
          {general ? <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert> : null}
          <Stack spacing={2}>
            <TextField required label={t('tickets.subject')} name="subject" value={subject} onChange={(e) => setSubject(e.target.value)}
              error={Boolean(errors.subject)} helperText={errors.subject} slotProps={{ htmlInput: { maxLength: 200 } }} />
            <TextField select label={t('tickets.categoryLabel')} name="category" value={category} onChange={(e) => setCategory(e.target.value as typeof category)}>
              {TICKET_CATEGORIES.map((c) => <MenuItem key={c} value={c}>{t(`tickets.category.${c}`)}</MenuItem>)}
            </TextField>
            <TextField select label={t('tickets.priorityLabel')} name="priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
              {SELF_TICKET_PRIORITIES.map((p) => <MenuItem key={p} value={p}>{t(`tickets.priority.${p}`)}</MenuItem>)}
            </TextField>
            <TextField required multiline minRows={4} label={t('tickets.self.describe')} name="body" value={body} onChange={(e) => setBody(e.target.value)}
              error={Boolean(errors.body)} helperText={errors.body} />
            <Button type="submit" variant="contained" disabled={busy || !subject.trim() || !body.trim()} data-testid="open-ticket">{t('tickets.self.send')}</Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}

function TicketView({ id }: { id: string }) {
  const t = useT();
  const fmt = useFormat();
  const { data: tk, error, reload, setData } = useLoad(async () => ok(await api.GET('/api/me/tickets/{ticket_id}', { params: { path: { ticket_id: id } } })), [id]);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const done = (r: { data?: OwnTicketDetail; error?: unknown }) => {
    if (r.data) { setData(r.data); setActionError(null); return true; }
    setActionError(problemDetail(r.error) ?? t('common.error'));
    return false;
  };
  async function reply(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const sent = done(await api.POST('/api/me/tickets/{ticket_id}/messages', { params: { path: { ticket_id: id } }, body: { body } }));
    setBusy(false);
    if (sent) setBody('');
  }
  async function close() {
    done(await api.POST('/api/me/tickets/{ticket_id}/close', { params: { path: { ticket_id: id } } }));
  }

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!tk) return <Loading />;
  return (
    <>
      <Button component={RouterLink} to=".." relative="path" sx={{ mb: 1 }}>{t('tickets.self.back')}</Button>
      <PageHeader title={`#${tk.number} ${tk.subject}`}
        subtitle={<Stack direction="row" component="span" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <TicketStatusChip status={tk.status} /><span>{t(`tickets.category.${tk.category}`)} · {fmt.dateTime(tk.created_at)}</span>
        </Stack>}
        actions={tk.status !== 'closed' ? <Button variant="outlined" onClick={() => void close()} data-testid="close-ticket">{t('tickets.self.close')}</Button> : undefined} />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }} onClose={() => setActionError(null)}>{actionError}</Alert> : null}
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('tickets.conversation')}</Typography>
          <Thread messages={tk.messages} mine="subscriber" />
          {tk.status === 'closed' ? (
            <Typography color="text.secondary" sx={{ mt: 2 }}>{t('tickets.self.closedNote')}</Typography>
          ) : (
            <Box component="form" onSubmit={reply} sx={{ mt: 2 }} noValidate>
              <TextField fullWidth multiline minRows={3} name="body" label={t('tickets.replyLabel')} value={body} onChange={(e) => setBody(e.target.value)} />
              <Stack direction="row" sx={{ mt: 1, justifyContent: 'flex-end' }}>
                <Button type="submit" variant="contained" disabled={busy || !body.trim()} data-testid="send-reply">{t('tickets.sendReply')}</Button>
              </Stack>
            </Box>
          )}
        </CardContent>
      </Card>
    </>
  );
}
