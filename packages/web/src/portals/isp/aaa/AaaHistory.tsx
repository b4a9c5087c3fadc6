/** A subscriber's RADIUS history: recent login attempts (post-auth log) and CoA/Disconnect requests with their outcomes. */
import { Card, CardContent, Chip, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import OkIcon from '@mui/icons-material/CheckCircleOutlined';
import FailIcon from '@mui/icons-material/CancelOutlined';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ok, useLoad } from '../../../ui/common.tsx';

export function PostAuthCard({ ispId, subscriberId }: { ispId: string; subscriberId: string }) {
  const t = useT();
  const fmt = useFormat();
  const { data } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/postauth', { params: { path: { isp_id: ispId }, query: { subscriber_id: subscriberId, limit: 20 } } })), [ispId, subscriberId]);
  if (!data) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="postauth">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('aaa.postauth')}</Typography>
        {data.items.length ? (
          <List dense disablePadding>
            {data.items.map((p, i) => (
              <ListItem key={p.id} disableGutters divider={i < data.items.length - 1}>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  {p.result === 'accept' ? <OkIcon color="success" titleAccess={t('aaa.accept')} /> : <FailIcon color="error" titleAccess={t('aaa.reject')} />}
                </ListItemIcon>
                <ListItemText
                  primary={`${p.result === 'accept' ? t('aaa.accept') : t('aaa.reject')} · ${p.reason}`}
                  secondary={[fmt.dateTime(p.created_at), p.nas_ip, p.calling_station_id, p.auth_method].filter(Boolean).join(' · ')}
                  slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } }, secondary: { sx: { overflowWrap: 'anywhere' } } }} />
              </ListItem>
            ))}
          </List>
        ) : <Typography color="text.secondary">{t('aaa.postauthEmpty')}</Typography>}
      </CardContent>
    </Card>
  );
}

const tone = (s: string) => (s === 'done' ? 'success' : s === 'failed' ? 'error' : s === 'retrying' ? 'warning' : 'default');

export function CoaCard({ ispId, subscriberId }: { ispId: string; subscriberId: string }) {
  const t = useT();
  const fmt = useFormat();
  const { data } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/coa-requests', { params: { path: { isp_id: ispId }, query: { subscriber_id: subscriberId, limit: 20 } } })), [ispId, subscriberId]);
  if (!data) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="coa-requests">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('aaa.coaRequests')}</Typography>
        {data.items.length ? (
          <List dense disablePadding>
            {data.items.map((c, i) => (
              <ListItem key={c.id} disableGutters divider={i < data.items.length - 1} secondaryAction={<Chip size="small" variant="outlined" color={tone(c.status)} label={['pending', 'retrying', 'done', 'failed', 'skipped'].includes(c.status) ? t(`aaa.states.${c.status}`) : c.status} />}>
                <ListItemText
                  primary={`${c.kind === 'coa' || c.kind === 'disconnect' ? t(`aaa.kinds.${c.kind}`) : c.kind}${c.reason ? ` · ${c.reason}` : ''}`}
                  secondary={[fmt.dateTime(c.created_at), c.outcome, `${t('aaa.attempts')}: ${fmt.number(c.attempts)}`,
                    c.next_attempt_at ? t('aaa.nextAttempt', { time: fmt.dateTime(c.next_attempt_at) }) : null].filter(Boolean).join(' · ')}
                  slotProps={{ primary: { sx: { overflowWrap: 'anywhere', pe: 8 } }, secondary: { sx: { overflowWrap: 'anywhere', pe: 8 } } }} />
              </ListItem>
            ))}
          </List>
        ) : <Typography color="text.secondary">{t('aaa.coaEmpty')}</Typography>}
      </CardContent>
    </Card>
  );
}
