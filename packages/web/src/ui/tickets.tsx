/** Pieces both the staff desk and the self-service portal show: status and priority chips, the conversation. */
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { alpha, Box, Chip, Link, List, ListItem, ListItemText, Paper, Stack, TablePagination, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/LockOutlined';
import { useFormat, useT } from '../i18n/index.tsx';

// The theme's primary, warning, success and error meet 4.5:1 on white; MUI's default info does not.
const statusColor: Record<string, 'primary' | 'warning' | 'success' | 'default'> = {
  new: 'primary', open: 'primary', pending: 'warning', resolved: 'success', closed: 'default',
};
const priorityColor: Record<string, 'default' | 'warning' | 'error'> = { low: 'default', normal: 'default', high: 'warning', urgent: 'error' };

export function TicketStatusChip({ status }: { status: string }) {
  const t = useT();
  return <Chip size="small" variant={status === 'new' ? 'filled' : 'outlined'} color={statusColor[status] ?? 'default'} label={t(`tickets.status.${status}`)} />;
}

export function PriorityChip({ priority }: { priority: string }) {
  const t = useT();
  return <Chip size="small" variant={priority === 'urgent' ? 'filled' : 'outlined'} color={priorityColor[priority] ?? 'default'} label={t(`tickets.priority.${priority}`)} />;
}

export function OverdueChip() {
  const t = useT();
  return <Chip size="small" color="error" label={t('tickets.overdue')} data-testid="overdue" />;
}

export type ThreadMessage = { id: string; author_kind: 'staff' | 'subscriber'; author_name: string | null; body: string; created_at: string; internal?: boolean };

/**
 * The conversation, oldest first. `mine` is the side drawn on the inline end (the reader's own
 * messages); internal notes are tinted and labelled, never only by colour.
 */
export function Thread({ messages, mine }: { messages: ThreadMessage[]; mine: 'staff' | 'subscriber' }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <Stack spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('tickets.conversation')}>
      {messages.map((m) => {
        const own = m.author_kind === mine;
        return (
          <Box component="li" key={m.id} sx={{ display: 'flex', justifyContent: own ? 'flex-end' : 'flex-start' }}>
            <Paper variant="outlined" sx={{
              p: 1.5, maxWidth: { xs: '100%', sm: '85%' }, minWidth: 0,
              bgcolor: (th) => (m.internal ? alpha(th.palette.warning.main, 0.08) : own ? th.palette.action.hover : th.palette.background.paper),
              borderColor: m.internal ? 'warning.main' : undefined, borderStyle: m.internal ? 'dashed' : undefined,
            }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
                <Typography variant="subtitle2" component="span">{m.author_name ?? t(`tickets.author.${m.author_kind}`)}</Typography>
                {m.internal ? <Chip size="small" icon={<LockIcon />} label={t('tickets.internalNote')} color="warning" variant="outlined" /> : null}
                <Typography variant="caption" color="text.secondary" component="span">{fmt.dateTime(m.created_at)}</Typography>
              </Stack>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.body}</Typography>
            </Paper>
          </Box>
        );
      })}
    </Stack>
  );
}

export type TicketListItem = { id: string; number: number; subject: string; to: string; secondary: string; chips: ReactNode };

/** A page of tickets, ten at a time: what a subscriber's tab and the self-service list both show. */
export function TicketList({ items, total, page, onPage, empty }: { items: TicketListItem[]; total: number; page: number; onPage: (page: number) => void; empty: string }) {
  const t = useT();
  const fmt = useFormat();
  if (!items.length) return <Typography color="text.secondary">{empty}</Typography>;
  return (
    <>
      <List dense disablePadding>
        {items.map((tk, i) => (
          <ListItem key={tk.id} disableGutters divider={i < items.length - 1} sx={{ flexWrap: 'wrap', gap: 1 }}>
            <ListItemText sx={{ minWidth: 0, flex: '1 1 200px' }}
              primary={<Link component={RouterLink} to={tk.to} underline="hover">#{tk.number} {tk.subject}</Link>}
              secondary={tk.secondary} />
            <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>{tk.chips}</Stack>
          </ListItem>
        ))}
      </List>
      {total > 10 ? (
        <TablePagination component="div" count={total} page={page} rowsPerPage={10} rowsPerPageOptions={[10]} onPageChange={(_e, p) => onPage(p)}
          labelDisplayedRows={({ from, to, count }) => t('common.rangeOf', { from: fmt.number(from), to: fmt.number(to), count: fmt.number(count) })}
          getItemAriaLabel={(type) => t(`common.page_${type}`)} />
      ) : null}
    </>
  );
}
