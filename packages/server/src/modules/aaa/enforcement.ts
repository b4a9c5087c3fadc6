import type { AppContext } from '../../app/context.ts';
import { Enforcer } from './enforcer.ts';
import { NasRegistry } from './nas-registry.ts';
import { SubscriberCache } from './subscriber-cache.ts';

const instances = new WeakMap<AppContext, Promise<Enforcer>>();

/**
 * One enforcer per process, for the API (operator's kick/CoA) and the AAA role (automatic
 * enforcement) alike; its NAS list and subscriber view follow the change events.
 */
export function enforcerFor(ctx: AppContext): Promise<Enforcer> {
  let e = instances.get(ctx);
  if (!e) {
    e = (async () => {
      const registry = new NasRegistry(ctx.db, ctx.secrets);
      const subscribers = new SubscriberCache(ctx.db, ctx.secrets);
      await registry.load();
      ctx.bus.subscribe((m) => {
        if (m.type.startsWith('subscriber.')) subscribers.invalidateSubscriber(m.aggregateId);
        else if (m.type === 'plan.updated' || m.type === 'plan.deleted') subscribers.invalidatePlan(m.aggregateId);
        else if (m.type.startsWith('isp.')) subscribers.clear();
        if (m.type.startsWith('nas.') || m.type.startsWith('isp.')) void registry.load().catch(() => undefined);
      });
      return new Enforcer(ctx.db, registry, subscribers, ctx.log, Number(process.env.COA_STOP_WAIT_MS ?? 10_000));
    })();
    instances.set(ctx, e);
  }
  return e;
}
