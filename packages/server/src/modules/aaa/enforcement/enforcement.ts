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
      ctx.bus.subscribe((m) => {
        // An attached add-on's event carries the subscriber's id: a data pack changes their quota.
        if (m.type.startsWith('subscriber.') || m.type.startsWith('subscription_addon.')) subscribers.invalidateSubscriber(m.aggregateId);
        else if ((m.type === 'plan.updated' || m.type === 'plan.deleted') && m.ispId) void subscribers.reloadPlan(m.ispId, m.aggregateId).catch(reloadFailed);
        else if (m.type.startsWith('isp.')) void subscribers.reloadIsp(m.aggregateId).catch(reloadFailed);
        if (m.type.startsWith('nas.') || m.type.startsWith('isp.'))
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
