import { startPeriodic } from '../../../platform/jobs/periodic.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { BusMessage, EventBus } from '../../../platform/events/event-bus.ts';
import type { SessionChange, UsageChange } from '../sessions/live-events.ts';
import { createAaaMetrics } from './aaa-metrics.ts';
import { AaaServer } from './aaa-server.ts';
import { AccountingJournal } from '../accounting/accounting-journal.ts';
import { AccountingWriter } from '../accounting/accounting-writer.ts';
import type { NasRegistry } from './nas-registry.ts';
import { PostAuthWriter } from './postauth-writer.ts';
import { SessionTracker } from '../sessions/session-tracker.ts';
import type { SubscriberCache } from './subscriber-cache.ts';
import { aaaCachesFor } from '../enforcement/enforcement.ts';
import { SpeedScheduler } from '../enforcement/speed-schedule.ts';
import type { Enforcer } from '../enforcement/enforcer.ts';
import type { LoginSource } from '../policy/login-source.ts';

export type AaaRuntime = {
  server: AaaServer;
  registry: NasRegistry;
  subscribers: SubscriberCache;
  sessions: SessionTracker;
  accounting: AccountingWriter;
  postauth: PostAuthWriter;
  ports: { authPort: number; acctPort: number };
  enforcer: Enforcer;
  schedule: SpeedScheduler;
  stop(): Promise<void>;
};

/**
 * The `aaa` role: loads NAS and sessions, listens, and keeps its caches current from the event bus.
 * `logins` answers for User-Names that are no subscriber (the composition root plugs in the vouchers').
 */
export async function startAaa(ctx: AppContext, bus: EventBus, opts: { host: string; authPort: number; acctPort: number }, roles = { enforce: true }, logins: LoginSource | null = null): Promise<AaaRuntime> {
  const metrics = createAaaMetrics(ctx.metrics.registry);
  const { registry, subscribers, enforcer } = await aaaCachesFor(ctx);
  const sessions = new SessionTracker(ctx.db);
  const journalDir = ctx.config.radius.acctJournalDir;
  const accounting = new AccountingWriter(ctx.db, ctx.config.radius.acctLanes, journalDir ? new AccountingJournal(journalDir) : null);
  accounting.onApplyError = (err, count) => ctx.log.error({ err, count }, 'journalled accounting not applied yet: retrying');
  metrics.journalProbe.backlog = () => accounting.backlog;
  const postauth = new PostAuthWriter(ctx.db, (reason, count, err) => {
    metrics.postauthLost.inc({ reason }, count);
    if (err) ctx.log.error({ err, count }, 'post-auth log write failed');
  });
  await sessions.load();
  const preloaded = await subscribers.preload();
  ctx.log.info({ subscribers: preloaded, nas: registry.size }, 'AAA caches loaded');

  const enforce = (ispId: string, subscriberId: string, kind: 'disconnect' | 'coa', reason: string, cause: string | null) =>
    void enforcer.activeSessions(ispId, subscriberId)
      .then((ids) => Promise.all(ids.map((id) => enforcer.act(ispId, id, kind, reason, 'aaa', cause))))
      .catch((err: unknown) => ctx.log.error({ err, subscriberId }, 'enforcement failed'));

  accounting.onSessionsClosed = (closed) => {
    const changes: SessionChange[] = closed.filter((c) => c.subscriberId).map((c) => ({ i: c.ispId, s: c.subscriberId!, u: c.uid, stop: true, st: 'Stop' }));
    for (const c of changes) sessions.stopped(c.s, c.u);
    if (changes.length) void bus.publish([{ id: '', type: 'aaa.sessions', ispId: null, aggregateId: '', payload: changes }]).catch(() => undefined);
  };
  accounting.onApplied = (applied) => {
    // Other AAA processes learn of sessions through the bus, for their Simultaneous-Use counts.
    const changes: SessionChange[] = applied.filter((a) => a.record.subscriberId)
      .map(({ record: r }) => ({ i: r.ispId, s: r.subscriberId!, u: r.uniqueId, stop: r.statusType === 'Stop', st: r.statusType }));
    const usage: UsageChange[] = applied.filter((a) => a.record.subscriberId && a.deltaBytes > 0)
      .map(({ record: r, deltaBytes }) => ({ i: r.ispId, s: r.subscriberId!, b: deltaBytes, at: r.at.toISOString() }));
    const out: BusMessage[] = [];
    if (changes.length) out.push({ id: '', type: 'aaa.sessions', ispId: null, aggregateId: '', payload: changes });
    if (usage.length) out.push({ id: '', type: 'aaa.usage', ispId: null, aggregateId: '', payload: usage });
    if (out.length) void bus.publish(out).catch(() => undefined);
    for (const { record: r, deltaBytes } of applied) {
      if (r.subscriberId) {
        if (r.statusType === 'Stop') sessions.stopped(r.subscriberId, r.uniqueId);
        else sessions.started(r.subscriberId, r.uniqueId);
      }
      if (deltaBytes > 0 && r.subscriberId && r.statusType !== 'Stop') {
        const crossed = subscribers.addUsage(r.ispId, r.username, deltaBytes, r.at);
        // The quota ran out during this session: fair-use speed by CoA, or off when the plan has none.
        if (crossed) enforce(r.ispId, r.subscriberId, crossed.fupRate ? 'coa' : 'disconnect', `${crossed.period} quota exhausted`, null);
      }
    }
    metrics.online.set(sessions.online);
  };

  const unsubscribe = [
    bus.on('aaa.sessions', (m) => {
      for (const c of m.payload) {
        if (c.stop) sessions.stopped(c.s, c.u);
        else sessions.started(c.s, c.u);
      }
    }),
    // The shared caches follow the events on their own (enforcement.ts); here: what to enforce.
    bus.on(['subscription_addon.attached', 'subscription_addon.detached'], (m) => {
      // A data pack bought or removed moves the monthly quota: the CoA sends the speed now due
      // (back to the plan's from the fair-use speed, or down to it).
      if (m.ispId && roles.enforce && m.payload.kind === 'data_pack') enforce(m.ispId, m.aggregateId, 'coa', `data pack ${m.type.split('.')[1]}`, m.id);
    }),
    bus.on(['subscriber.suspended', 'subscriber.terminated', 'subscriber.expired'], (m) => {
      if (m.ispId && roles.enforce) enforce(m.ispId, m.aggregateId, 'disconnect', `subscriber ${m.type.split('.')[1]}`, m.id);
    }),
    bus.on(['subscriber.updated', 'subscriber.activated'], (m) => {
      const after = m.payload;
      if (m.ispId && roles.enforce && after.plan_id && after.previous_plan_id !== undefined && after.previous_plan_id !== after.plan_id)
        enforce(m.ispId, m.aggregateId, 'coa', 'plan changed', m.id);
    }),
  ];

  const schedule = new SpeedScheduler(ctx.db, enforcer, ctx.log);
  const staleTimer = setInterval(() => {
    accounting.closeStaleSessions().then(
      (n) => n && ctx.log.info({ closed: n }, 'closed stale sessions'),
      (err: unknown) => ctx.log.error({ err }, 'stale session sweep failed'),
    );
    if (roles.enforce) schedule.tick().catch((err: unknown) => ctx.log.error({ err }, 'speed schedule failed'));
  }, 60_000);
  staleTimer.unref();
  // Requests a NAS left unanswered, sent again once their backoff is over (enforcer.ts).
  const stopRetries = roles.enforce ? startPeriodic(() => enforcer.retryDue(), 10_000, (err) => ctx.log.error({ err }, 'CoA retry failed')) : () => undefined;

  // What a killed process acknowledged but had not applied goes in before anything new.
  const replayed = await accounting.replay();
  if (replayed) ctx.log.warn({ records: replayed, dir: journalDir }, 'applied accounting left in the journal by an earlier run');

  const server = new AaaServer({ registry, subscribers, sessions, accounting, postauth, metrics, log: ctx.log, db: ctx.db, logins });
  const ports = await server.start(opts.host, opts.authPort, opts.acctPort);
  return {
    server, registry, subscribers, sessions, accounting, postauth, ports, enforcer, schedule,
    async stop() {
      clearInterval(staleTimer);
      stopRetries();
      for (const stop of unsubscribe) stop();
      await server.stop();
      await accounting.close();
      await postauth.idle();
    },
  };
}
