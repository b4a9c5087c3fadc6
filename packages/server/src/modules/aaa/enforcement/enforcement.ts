import type { AppContext } from '../../../platform/context.ts';
import { Enforcer } from './enforcer.ts';
import { NasRegistry } from '../server/nas-registry.ts';
import { SubscriberCache } from '../server/subscriber-cache.ts';

export type AaaCaches = { registry: NasRegistry; subscribers: SubscriberCache; enforcer: Enforcer };

const instances = new WeakMap<AppContext, Promise<AaaCaches>>();

/**
 * One NAS list, one subscriber cache and one enforcer per process, shared by the API
 * (operator's kick/CoA, test login) and the AAA role, kept current by one subscription to
 * the change events.
 */
export function aaaCachesFor(ctx: AppContext): Promise<AaaCaches> {
  let c = instances.get(ctx);
  if (!c) {
    c = (async () => {
      const registry = new NasRegistry(ctx.db, ctx.secrets);
      const subscribers = new SubscriberCache(ctx.db, ctx.secrets);
      await registry.load();
      const reloadFailed = (err: unknown) => ctx.log.error({ err }, 'subscriber cache reload failed');
      // An attached add-on's event carries the subscriber's id: a data pack changes their quota.
      ctx.bus.on([
        'subscriber.created', 'subscriber.updated', 'subscriber.activated', 'subscriber.suspended', 'subscriber.expired', 'subscriber.terminated',
        'subscription_addon.attached', 'subscription_addon.detached',
      ], (m) => subscribers.invalidateSubscriber(m.aggregateId));
      ctx.bus.on(['plan.updated', 'plan.deleted'], (m) => {
        if (m.ispId) void subscribers.reloadPlan(m.ispId, m.aggregateId).catch(reloadFailed);
      });
      ctx.bus.on(['isp.created', 'isp.updated', 'isp.resumed', 'isp.suspended', 'isp.terminated'], (m) => {
        void subscribers.reloadIsp(m.aggregateId).catch(reloadFailed);
        void registry.load().catch((err: unknown) => ctx.log.error({ err }, 'NAS reload failed'));
      });
      ctx.bus.on(['nas.created', 'nas.updated', 'nas.deleted'], () => {
        void registry.load().catch((err: unknown) => ctx.log.error({ err }, 'NAS reload failed'));
      });
      const enforcer = new Enforcer(ctx.db, registry, subscribers, ctx.log, Number(process.env.COA_STOP_WAIT_MS ?? 10_000));
      return { registry, subscribers, enforcer };
    })();
    instances.set(ctx, c);
  }
  return c;
}

export async function enforcerFor(ctx: AppContext): Promise<Enforcer> {
  return (await aaaCachesFor(ctx)).enforcer;
}
