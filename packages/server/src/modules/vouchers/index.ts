/**
 * The vouchers module: prepaid cards in batches, printed sheets, recharge in the self-service
 * portal, and hotspot cards as RADIUS logins (a LoginSource the composition root plugs into
 * aaa). Below it: tenancy, catalog, subscribers, aaa, billing.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { LoginSource } from '../aaa/index.ts';
import { registerVoucherRoutes } from './vouchers.routes.ts';
import { VoucherLogins } from './voucher-login.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const vouchersModule: ModuleDefinition = {
  name: 'vouchers',
  roles: ['api'],
  routes: [registerVoucherRoutes],
};

/** Hotspot PINs as logins, for the AAA engine. */
export const voucherLoginSource = (ctx: AppContext): LoginSource => new VoucherLogins(ctx.db, ctx.config.secretKey);

export { VoucherLogins } from './voucher-login.ts';
export { createBatch } from './batches.service.ts';
export { sellCard } from './cards.service.ts';
