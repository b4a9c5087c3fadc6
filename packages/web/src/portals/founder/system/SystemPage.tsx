/**
 * System monitoring: this server process's metrics (the registry behind /metrics), polled every
 * 5 s; rates are the difference between consecutive snapshots, so they start after the second one.
 * Below them, the platform's settings for outbound requests to private networks.
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import type { Monitoring } from '../../../api/types.ts';
import { useFormat, useI18n } from '../../../i18n/index.tsx';
import { TimeBars } from '../../../ui/charts.tsx';
import { ErrorAlert, Loading, PageHeader, StatCard, ok } from '../../../ui/common.tsx';
import { OutboundCard } from './OutboundCard.tsx';

const POLL_MS = 5000;
const KEEP = 60;

type Rates = { at: string; http: number; errors5xx: number; errors4xx: number; dbTx: number; dbRollback: number; auth: number; acct: number; dropped: number };

const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Per-second rates between two snapshots; a counter that went down (process restart) counts from zero. */
export function ratesBetween(a: Monitoring, b: Monitoring): Rates {
  const dt = Math.max(0.001, (Date.parse(b.sampled_at) - Date.parse(a.sampled_at)) / 1000);
  const r = (x: number, y: number) => Math.max(0, y >= x ? y - x : y) / dt;
  return {
    at: b.sampled_at,
    http: r(a.http.requests, b.http.requests),
    errors5xx: r(a.http.by_status['5xx'] ?? 0, b.http.by_status['5xx'] ?? 0),
    errors4xx: r(a.http.by_status['4xx'] ?? 0, b.http.by_status['4xx'] ?? 0),
    dbTx: r(a.db.committed + a.db.rolled_back, b.db.committed + b.db.rolled_back),
    dbRollback: r(a.db.rolled_back, b.db.rolled_back),
    auth: r(total(a.aaa.auth_by_result), total(b.aaa.auth_by_result)),
    acct: r(total(a.aaa.acct_by_status), total(b.aaa.acct_by_status)),
    dropped: r(a.aaa.dropped, b.aaa.dropped),
  };
}

export default function SystemPage() {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const [last, setLast] = useState<Monitoring | null>(null);
  const [rates, setRates] = useState<Rates[]>([]);
  const [error, setError] = useState<unknown>(null);
  const prev = useRef<Monitoring | null>(null);

  useEffect(() => {
    let live = true;
    const poll = async () => {
      try {
        const m = ok(await api.GET('/api/founder/system/metrics'));
        if (!live) return;
        if (prev.current) {
          const r = ratesBetween(prev.current, m);
          setRates((x) => [...x, r].slice(-KEEP));
        }
        prev.current = m;
        setLast(m);
        setError(null);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const now = rates[rates.length - 1];
  const perSec = (n: number | undefined) => (n === undefined ? '—' : t('system.perSec', { n: fmt.number(n < 10 ? Math.round(n * 100) / 100 : Math.round(n)) }));
  const ms = (n: number | null) => (n === null ? '—' : t('system.ms', { n: fmt.number(n) }));
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const series = (k: keyof Omit<Rates, 'at'>) => rates.map((r) => ({ label: clock.format(new Date(r.at)), value: Math.round(r[k] * 100) / 100 }));
  const chart = (title: string, k: keyof Omit<Rates, 'at'>) => (
    <Card sx={{ height: '100%' }}><CardContent>
      <Typography variant="h6" component="h2" gutterBottom>{title}</Typography>
      {rates.length ? <TimeBars data={series(k)} title={title} height={100} format={(n) => perSec(n)} hideTotal /> : <Typography variant="body2" color="text.secondary">{t('system.warming')}</Typography>}
    </CardContent></Card>
  );
  const state = (ok: boolean, configured = true) => (
    <Chip size="small" variant="outlined" color={!configured ? 'default' : ok ? 'success' : 'error'} label={!configured ? t('system.notConfigured') : ok ? t('system.up') : t('system.down')} />
  );

  return (
    <>
      <PageHeader title={t('system.title')} subtitle={t('system.subtitle')} />
      <ErrorAlert error={error} />
      {!last ? (error ? null : <Loading />) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('system.apiRate')} value={perSec(now?.http)} hint={t('system.requestsTotal', { n: fmt.number(last.http.requests) })} tone="primary" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('system.apiErrors')} value={perSec(now?.errors5xx)} tone={(now?.errors5xx ?? 0) > 0 ? 'error' : 'default'}
            hint={t('system.errorsTotal', { e5: fmt.number(last.http.by_status['5xx'] ?? 0), e4: fmt.number(last.http.by_status['4xx'] ?? 0) })} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('system.dbRate')} value={perSec(now?.dbTx)} hint={t('system.rolledBack', { n: fmt.number(last.db.rolled_back) })} /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><StatCard label={t('system.aaaRate')} value={last.aaa.running ? perSec((now?.auth ?? 0) + (now?.acct ?? 0)) : t('system.notRunning')}
            hint={last.aaa.running ? t('system.aaaHint', { auth: perSec(now?.auth), acct: perSec(now?.acct) }) : undefined} /></Grid>
          <Grid size={{ xs: 12, md: 6 }}>{chart(t('system.apiRate'), 'http')}</Grid>
          <Grid size={{ xs: 12, md: 6 }}>{chart(t('system.apiErrors'), 'errors5xx')}</Grid>
          <Grid size={{ xs: 12, md: 6 }}>{chart(t('system.dbRate'), 'dbTx')}</Grid>
          <Grid size={{ xs: 12, md: 6 }}>{chart(t('system.authRate'), 'auth')}</Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}><Typography variant="h6" component="h2">{t('system.database')}</Typography>{state(last.db.ok)}</Stack>
              <Typography variant="body2">{t('system.engine', { kind: last.db.kind })}</Typography>
              <Typography variant="body2">{t('system.ping', { ms: ms(last.db.ping_ms) })}</Typography>
              <Typography variant="body2">{t('system.latency', { p50: ms(last.db.latency.p50_ms), p95: ms(last.db.latency.p95_ms) })}</Typography>
              <Typography variant="body2">{t('system.transactions', { ok: fmt.number(last.db.committed), rb: fmt.number(last.db.rolled_back) })}</Typography>
            </CardContent></Card>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}><Typography variant="h6" component="h2">Redis</Typography>{state(last.redis.ok, last.redis.configured)}</Stack>
              <Typography variant="body2">{last.redis.configured ? t('system.ping', { ms: ms(last.redis.ping_ms) }) : t('system.redisNone')}</Typography>
              <Typography variant="h6" component="h2" sx={{ mt: 2 }}>{t('system.api')}</Typography>
              <Typography variant="body2">{t('system.latency', { p50: ms(last.http.latency.p50_ms), p95: ms(last.http.latency.p95_ms) })}</Typography>
            </CardContent></Card>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Card sx={{ height: '100%' }}><CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('system.aaa')}</Typography>
              {last.aaa.running ? (
                <>
                  <Typography variant="body2">{t('system.authByResult', { list: Object.entries(last.aaa.auth_by_result).map(([k, v]) => `${k} ${fmt.number(v)}`).join(' · ') || '0' })}</Typography>
                  <Typography variant="body2">{t('system.acctTotal', { n: fmt.number(total(last.aaa.acct_by_status)) })}</Typography>
                  <Typography variant="body2">{t('system.dropped', { n: fmt.number(last.aaa.dropped), e: fmt.number(last.aaa.errors) })}</Typography>
                  <Typography variant="body2">{t('system.latency', { p50: ms(last.aaa.latency.p50_ms), p95: ms(last.aaa.latency.p95_ms) })}</Typography>
                  {last.aaa.sessions_online !== null ? <Typography variant="body2">{t('system.online', { n: fmt.number(last.aaa.sessions_online) })}</Typography> : null}
                  <Typography variant="body2">{last.aaa.acct_journal_backlog === null ? t('system.acctOnCommit') : t('system.acctJournal', { n: fmt.number(last.aaa.acct_journal_backlog) })}</Typography>
                </>
              ) : <Typography variant="body2" color="text.secondary">{t('system.aaaOff')}</Typography>}
              <Typography variant="h6" component="h2" sx={{ mt: 2 }}>{t('system.process')}</Typography>
              <Typography variant="body2">{t('system.memory', { rss: last.process.rss_bytes ? fmt.bytes(last.process.rss_bytes) : '—', heap: last.process.heap_used_bytes ? fmt.bytes(last.process.heap_used_bytes) : '—' })}</Typography>
              <Typography variant="body2">{t('system.lag', { ms: ms(last.process.event_loop_lag_p99_ms) })} · {t('system.uptime', { d: fmt.duration(last.uptime_s) })}</Typography>
            </CardContent></Card>
          </Grid>
        </Grid>
      )}
      <Box sx={{ mt: 2 }}><OutboundCard /></Box>
    </>
  );
}
