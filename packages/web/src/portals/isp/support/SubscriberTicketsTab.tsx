/** The tickets tab of a subscriber's page: their tickets, newest activity first, and a new one for them. */
import { useState } from 'react';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { api } from '../../../api/client.ts';
import type { Ticket } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ErrorAlert, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { OverdueChip, PriorityChip, TicketList, TicketStatusChip } from '../../../ui/tickets.tsx';
import { useIsp } from '../context.ts';
import { NewTicketDialog } from './NewTicketDialog.tsx';

export function useSubscriberTickets(subscriberId: string, page = 0, limit = 10) {
  const { ispId, can } = useIsp();
  const allowed = can('ticket:read');
  return useLoad(async () => (allowed
    ? ok(await api.GET('/api/isp/{isp_id}/tickets', { params: { path: { isp_id: ispId }, query: { subscriber_id: subscriberId, sort: '-created_at', limit, offset: page * limit } } }))
    : null), [ispId, subscriberId, allowed, page, limit]);
}

/** Ticket events for the subscriber's timeline: opened, resolved, closed. */
export function ticketTimeline(items: Ticket[]): { key: string; at: string; label: string; ticket: Ticket }[] {
  return items.flatMap((tk) => [
    { key: `${tk.id}-created`, at: tk.created_at, label: 'opened', ticket: tk },
    ...(tk.resolved_at ? [{ key: `${tk.id}-resolved`, at: tk.resolved_at, label: 'resolved', ticket: tk }] : []),
    ...(tk.closed_at ? [{ key: `${tk.id}-closed`, at: tk.closed_at, label: 'closed', ticket: tk }] : []),
  ]);
}

export function SubscriberTicketsTab({ subscriberId, name }: { subscriberId: string; name: string }) {
  const t = useT();
  const fmt = useFormat();
  const { base, can } = useIsp();
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const { data, error, reload } = useSubscriberTickets(subscriberId, page, 10);
  return (
    <Card>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h6" component="h2">{t('tickets.title')}</Typography>
          {can('ticket:manage') ? <Button size="small" variant="outlined" startIcon={<AddIcon />} onClick={() => setCreating(true)}>{t('tickets.new')}</Button> : null}
        </Stack>
        <ErrorAlert error={error} onRetry={reload} />
        {!data ? (error ? null : <Loading />) : (
          <TicketList page={page} onPage={setPage} total={data.total} empty={t('tickets.noneForSubscriber')}
            items={data.items.map((tk) => ({
              id: tk.id, number: tk.number, subject: tk.subject, to: `${base}/tickets/${tk.id}`,
              secondary: `${t(`tickets.category.${tk.category}`)} · ${fmt.dateTime(tk.created_at)}`,
              chips: <><TicketStatusChip status={tk.status} /><PriorityChip priority={tk.priority} />{tk.overdue ? <OverdueChip /> : null}</>,
            }))} />
        )}
      </CardContent>
      <NewTicketDialog open={creating} subscriber={{ id: subscriberId, label: name }} onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />
    </Card>
  );
}
