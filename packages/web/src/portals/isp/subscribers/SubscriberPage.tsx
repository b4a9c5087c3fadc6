/** One subscriber: profile, plan, status actions, and the audit timeline of changes to it. */
import { useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert, Box, Button, Card, CardContent, Grid, List, ListItem, ListItemText, Stack, Tab, Tabs, Typography,
} from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import { api, problemDetail } from '../../../api/client.ts';
import type { Subscriber } from '../../../api/types.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { TimeBars } from '../../../ui/charts.tsx';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusChip, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { SubscriberDialog } from './SubscriberDialog.tsx';
import { CoaCard, PostAuthCard } from '../aaa/AaaHistory.tsx';
import { SubscriberRadiusCard } from '../aaa/RadiusAttributesEditor.tsx';
import { useBranchesAndPlans } from '../useRefs.ts';
import { SubscriberPaymentsCard } from '../billing/payments/SubscriberPaymentsCard.tsx';
import { SubscriberInvoicesCard } from '../billing/SubscriberInvoicesCard.tsx';
import { SubscriberTicketsTab, ticketTimeline, useSubscriberTickets } from '../support/SubscriberTicketsTab.tsx';
import { SubscriberExtrasCard } from '../billing/SubscriberExtrasCard.tsx';
import { ChurnRiskCard } from '../intelligence/ChurnRiskCard.tsx';

type Target = 'active' | 'suspended' | 'terminated';

export default function SubscriberPage() {
  const t = useT();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const { ispId, base, can } = useIsp();
  const { branches, plans } = useBranchesAndPlans(ispId);
  const { data: sub, error, reload, setData } = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}', { params: { path: { isp_id: ispId, subscriber_id: id } } })), [ispId, id]);
  const audit = useLoad(async () => (can('audit:read')
    ? ok(await api.GET('/api/isp/{isp_id}/audit', { params: { path: { isp_id: ispId }, query: { entity_id: id, limit: 50 } } }))
    : null), [ispId, id]);
  const usage = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/usage', { params: { path: { isp_id: ispId, subscriber_id: id }, query: { granularity: 'day', days: 30 } } })), [ispId, id]);
  const online = useLoad(async () => ok(await api.GET('/api/isp/{isp_id}/sessions', { params: { path: { isp_id: ispId }, query: { state: 'online', subscriber_id: id, limit: 5 } } })), [ispId, id]);
  const [edit, setEdit] = useState(false);
  const [confirm, setConfirm] = useState<Target | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const manage = can('subscriber:manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'tickets' && can('ticket:read') ? 'tickets' : 'overview';
  // Ticket events join the audit timeline, newest first.
  const tickets = useSubscriberTickets(id, 0, 50);
  const timeline = [
    ...(audit.data?.items ?? []).map((a) => ({ key: `a${a.seq}`, at: a.occurred_at,
      primary: t(`audit.${a.action}`) === `audit.${a.action}` ? a.action : t(`audit.${a.action}`), secondary: a.actor_email ?? t(`actor.${a.actor_kind}`) })),
    ...ticketTimeline(tickets.data?.items ?? []).map((e) => ({ key: e.key, at: e.at,
      primary: t(`tickets.timeline.${e.label}`, { number: e.ticket.number, subject: e.ticket.subject }), secondary: t(`tickets.category.${e.ticket.category}`) })),
  ].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));

  async function setStatus(status: Target) {
    setConfirm(null);
    setActionError(null);
    const r = status === 'terminated'
      ? await api.DELETE('/api/isp/{isp_id}/subscribers/{subscriber_id}', { params: { path: { isp_id: ispId, subscriber_id: id } } })
      : await api.PATCH('/api/isp/{isp_id}/subscribers/{subscriber_id}', { params: { path: { isp_id: ispId, subscriber_id: id } }, body: { status } });
    if (r.data) {
      setData(r.data);
      void audit.reload();
    } else setActionError(problemDetail(r.error) ?? t('common.error'));
  }

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!sub) return <Loading />;
  const plan = plans.find((p) => p.id === sub.plan_id);
  const row = (label: string, value: React.ReactNode) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Typography variant="caption" color="text.secondary" component="p">{label}</Typography>
      <Typography variant="body1" sx={{ wordBreak: 'break-word' }}>{value || '—'}</Typography>
    </Grid>
  );

  return (
    <>
      <Button component={RouterLink} to={`${base}/subscribers`} sx={{ mb: 1 }}>{t('subs.backToList')}</Button>
      <PageHeader
        title={`${sub.first_name} ${sub.last_name}`}
        subtitle={<Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}><span>{t('subs.account')} {sub.account_number}</span><StatusChip status={sub.status} /></Stack>}
        actions={manage ? (
          <>
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEdit(true)}>{t('common.edit')}</Button>
            {sub.status !== 'active' && sub.status !== 'terminated' ? <Button variant="contained" color="success" onClick={() => setConfirm('active')}>{t('subs.activate')}</Button> : null}
            {sub.status === 'active' ? <Button variant="outlined" color="warning" onClick={() => setConfirm('suspended')}>{t('subs.suspend')}</Button> : null}
            {sub.status !== 'terminated' ? <Button variant="outlined" color="error" onClick={() => setConfirm('terminated')}>{t('subs.terminate')}</Button> : null}
          </>
        ) : undefined}
      />
      {actionError ? <Alert severity="error" sx={{ mb: 2 }}>{actionError}</Alert> : null}
      {can('ticket:read') ? (
        <Tabs value={tab} onChange={(_e, v: string) => setParams(v === 'tickets' ? { tab: 'tickets' } : {}, { replace: true })} sx={{ mb: 2 }} aria-label={t('tickets.tabs')}>
          <Tab value="overview" label={t('tickets.tabOverview')} />
          <Tab value="tickets" label={tickets.data ? t('tickets.tabTickets', { count: fmt.number(tickets.data.total) }) : t('tickets.title')} data-testid="tickets-tab" />
        </Tabs>
      ) : null}
      {tab === 'tickets' ? <SubscriberTicketsTab subscriberId={id} name={`${sub.first_name} ${sub.last_name} · ${sub.account_number}`} /> : null}
      <Grid container spacing={2} sx={{ display: tab === 'overview' ? undefined : 'none' }}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('subs.profile')}</Typography>
              <Grid container spacing={2}>
                {row(t('subs.email'), sub.email)}
                {row(t('subs.phone'), sub.phone)}
                {row(t('subs.address'), [sub.address, sub.city].filter(Boolean).join(', '))}
                {row(t('subs.username'), sub.username)}
                {row(t('subs.branch'), sub.branch_name)}
                {row(t('common.language'), sub.locale ? t(`lang.${sub.locale}`) : t('subs.ispDefault'))}
                {row(t('subs.portalAccess'), sub.has_portal_access ? t('common.yes') : t('common.no'))}
                {row(t('subs.created'), fmt.dateTime(sub.created_at))}
                {row(t('subs.activated'), fmt.dateTime(sub.activated_at))}
              </Grid>
            </CardContent>
          </Card>
          <Card sx={{ mt: 2 }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('subs.usage')}</Typography>
              {online.data ? (
                <Typography variant="body2" sx={{ mb: 1 }} data-testid="online-now">
                  {online.data.items.length
                    ? t('subs.onlineNow', { ip: online.data.items[0]?.framed_ip ?? '—', since: fmt.dateTime(online.data.items[0]?.start_time) })
                    : t('subs.offline')}
                </Typography>
              ) : null}
              {usage.data ? (
                usage.data.points.length ? (
                  <>
                    <TimeBars data={usage.data.points.map((p) => ({ label: fmt.day(p.t), value: p.input_octets + p.output_octets }))} title={t('subs.usageChart')} height={120} format={fmt.bytes} hideTotal />
                    <Typography variant="body2" color="text.secondary">{t('subs.usageTotal', { total: fmt.bytes(usage.data.total_bytes) })}</Typography>
                  </>
                ) : <Typography variant="body2" color="text.secondary">{t('subs.usageEmpty')}</Typography>
              ) : null}
            </CardContent>
          </Card>
          <PostAuthCard ispId={ispId} subscriberId={id} />
          <Box sx={{ mt: 2 }}>
            <SubscriberRadiusCard ispId={ispId} subscriber={sub} canEdit={manage && sub.status !== 'terminated'} onSaved={setData} />
          </Box>
          {can('billing:read') ? <SubscriberInvoicesCard subscriberId={id} /> : null}
          {can('billing:read') ? <SubscriberExtrasCard subscriberId={id} planId={sub.plan_id} plans={plans} onPlanChanged={() => { void reload(); void audit.reload(); }} /> : null}
          {can('billing:read') ? <SubscriberPaymentsCard subscriberId={id} name={`${sub.first_name} ${sub.last_name} · ${sub.account_number}`} /> : null}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Card sx={{ mb: 2 }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('subs.plan')}</Typography>
              {plan ? (
                <>
                  <Typography variant="h5" component="p">{plan.name}</Typography>
                  <Typography color="text.secondary">{fmt.speed(plan.download_kbps)} ↓ · {fmt.speed(plan.upload_kbps)} ↑</Typography>
                  <Typography sx={{ mt: 1, fontWeight: 600 }}>{fmt.money(plan.price_minor, plan.currency)} / {t(`period.${plan.billing_period}`)}</Typography>
                </>
              ) : <Typography color="text.secondary">{sub.plan_name ?? t('subs.noPlan')}</Typography>}
            </CardContent>
          </Card>
          <ChurnRiskCard subscriberId={id} />
          {audit.data || tickets.data ? (
            <Card>
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>{t('subs.timeline')}</Typography>
                {timeline.length ? (
                  <List dense disablePadding>
                    {timeline.map((a, i) => (
                      <ListItem key={a.key} disableGutters divider={i < timeline.length - 1}>
                        <ListItemText primary={a.primary} secondary={`${fmt.dateTime(a.at)} · ${a.secondary}`} />
                      </ListItem>
                    ))}
                  </List>
                ) : <Typography color="text.secondary">{t('common.none')}</Typography>}
              </CardContent>
            </Card>
          ) : null}
          <CoaCard ispId={ispId} subscriberId={id} />
        </Grid>
      </Grid>
      <SubscriberDialog
        open={edit} onClose={() => setEdit(false)} ispId={ispId} branches={branches} plans={plans} subscriber={sub}
        onSaved={(s: Subscriber) => { setEdit(false); setData(s); void audit.reload(); }}
      />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`subs.confirm_${confirm}`) : ''}
        body={t('subs.confirmBody', { name: `${sub.first_name} ${sub.last_name}` })}
        confirmLabel={t('common.confirm')}
        danger={confirm === 'terminated'}
        onConfirm={() => confirm && setStatus(confirm)}
        onClose={() => setConfirm(null)}
      />
    </>
  );
}
