/**
 * The aaa module: the RADIUS engine (authentication, accounting, live enforcement by CoA and
 * Disconnect-Message), its NAS list and IP pools, and the operator's view of sessions.
 *
 * Parts: policy/ (pure decisions, public: what plans and subscribers store and what other
 * login sources answer with), server/ (the UDP server, its caches and writers), accounting/,
 * enforcement/, nas/, sessions/. Below it: tenancy only; it reads subscribers and plans by
 * SQL into its own cache, and higher modules plug into it (LoginSource).
 */
import type { AppContext } from '../../platform/context.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { LoginSource } from './policy/login-source.ts';
import { startAaa } from './server/aaa-runtime.ts';
import { registerNasRoutes } from './nas/nas.routes.ts';
import { registerIpPoolRoutes } from './nas/ip-pools.routes.ts';
import { registerSessionRoutes } from './sessions/sessions.routes.ts';
import { registerLiveRoutes } from './sessions/live.routes.ts';
import { registerTestLoginRoutes } from './sessions/test-login.routes.ts';
import { registerCoaRoutes } from './enforcement/coa.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

/** What the composition root plugs into the engine from the modules above it. */
export type AaaPlugins = {
  /** Answers Access-Requests whose User-Name is no subscriber (hotspot vouchers). */
  loginSource?: (ctx: AppContext) => LoginSource;
};

export function aaaModule(plugins: AaaPlugins = {}): ModuleDefinition {
  return {
    name: 'aaa',
    roles: ['api', 'aaa'],
    routes: [registerNasRoutes, registerSessionRoutes, registerCoaRoutes, registerTestLoginRoutes, registerLiveRoutes, registerIpPoolRoutes],
    runners: {
      async aaa(ctx) {
        const aaa = await startAaa(ctx, ctx.bus, ctx.config.radius, { enforce: true }, plugins.loginSource?.(ctx) ?? null);
        return { stop: () => aaa.stop(), banner: [`  RADIUS:   auth ${ctx.config.radius.host}:${aaa.ports.authPort}, accounting ${ctx.config.radius.host}:${aaa.ports.acctPort}`] };
      },
    },
  };
}

// The policy part: what plans and subscribers store, and what a login source decides with.
export { authorize, type Check, type Decision } from './policy/authorize.ts';
export type { AaaNas, AaaPlan, AaaSubscriber } from './policy/policy.ts';
export { checkItemsSchema, type CheckItem } from './policy/check-items.ts';
export { customAttributesSchema, type CustomAttribute } from './policy/custom-attributes.ts';
export { LoginTimeError, parseLoginTime } from './policy/login-time.ts';
export { currentRate } from './policy/rate.ts';
export { bandwidthAttributes } from './policy/reply-attributes.ts';
export { normaliseMac } from './policy/mac.ts';
export { toPlan } from './policy/plan-row.ts';
export type { LoginSource, SourcedDecision } from './policy/login-source.ts';

export { nasDevices, radiusSessions, usageDaily } from './schema.ts';
export { createNas, nasGroup } from './nas/nas.service.ts';
export { startAaa, type AaaRuntime } from './server/aaa-runtime.ts';
export { loadOperatorDictionaries } from './server/operator-dictionaries.ts';
export { seedDemoUsage } from './accounting/demo-usage.ts';
export { AccountingWriter } from './accounting/accounting-writer.ts';
export type { AcctRecord } from './accounting/acct-record.ts';
export { updateNas } from './nas/nas.service.ts';
