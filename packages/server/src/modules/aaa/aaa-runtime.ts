import type { AppContext } from '../../app/context.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import { createAaaMetrics } from './aaa-metrics.ts';
import { AaaServer } from './aaa-server.ts';
import { AccountingWriter } from './accounting-writer.ts';
import { NasRegistry } from './nas-registry.ts';
import { PostAuthWriter } from './postauth-writer.ts';
import { SessionTracker } from './session-tracker.ts';
import { SubscriberCache } from './subscriber-cache.ts';

export type AaaRuntime = {
  server: AaaServer;
  registry: NasRegistry;
  subscribers: SubscriberCache;
  sessions: SessionTracker;
  accounting: AccountingWriter;
  postauth: PostAuthWriter;
  ports: { authPort: number; acctPort: number };
  stop(): Promise<void>;
};

/** The `aaa` role: loads NAS and sessions, listens, and keeps its caches current from the event bus. */
export async function startAaa(ctx: AppContext, bus: EventBus, opts: { host: string; authPort: number; acctPort: number }): Promise<AaaRuntime> {
  const metrics = createAaaMetrics(ctx.metrics.registry);
  const registry = new NasRegistry(ctx.db, ctx.secrets);
  const subscribers = new SubscriberCache(ctx.db, ctx.secrets);
  const sessions = new SessionTracker(ctx.db);
  const accounting = new AccountingWriter(ctx.db);
  const postauth = new PostAuthWriter(ctx.db);
  await registry.load();
  await sessions.load();
  const preloaded = await subscribers.preload();
  ctx.log.info({ subscribers: preloaded, nas: registry.size }, 'AAA caches loaded');

  accounting.onApplied = (applied) => {
    for (const { record: r, deltaBytes } of applied) {
      if (r.subscriberId) {
        if (r.statusType === 'Stop') sessions.stopped(r.subscriberId, r.uniqueId);
        else sessions.started(r.subscriberId, r.uniqueId);
      }
      if (deltaBytes > 0) subscribers.addUsage(r.ispId, r.username, deltaBytes, r.at);
    }
    metrics.online.set(sessions.online);
  };

  const unsubscribe = bus.subscribe((m) => {
    if (m.type.startsWith('subscriber.')) subscribers.invalidateSubscriber(m.aggregateId);
    else if (m.type.startsWith('plan.') || m.type.startsWith('isp.')) subscribers.clear();
    if (m.type.startsWith('nas.') || m.type.startsWith('isp.')) void registry.load().catch((err: unknown) => ctx.log.error({ err }, 'NAS reload failed'));
  });

  const server = new AaaServer({ registry, subscribers, sessions, accounting, postauth, metrics, log: ctx.log });
  const ports = await server.start(opts.host, opts.authPort, opts.acctPort);
  return {
    server, registry, subscribers, sessions, accounting, postauth, ports,
    async stop() {
      unsubscribe();
      await server.stop();
      await accounting.idle();
      await postauth.idle();
    },
  };
}
