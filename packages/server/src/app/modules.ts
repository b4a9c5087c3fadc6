import type { ModuleDefinition } from '../platform/module.ts';
import { systemModule } from '../modules/system/index.ts';
import { tenancyModule } from '../modules/tenancy/index.ts';
import { identityModule } from '../modules/identity/index.ts';
import { aaaModule, type AaaPlugins } from '../modules/aaa/index.ts';
import { catalogModule } from '../modules/catalog/index.ts';
import { subscribersModule } from '../modules/subscribers/index.ts';
import { billingModule } from '../modules/billing/index.ts';
import { voucherLoginSource, vouchersModule } from '../modules/vouchers/index.ts';
import { nocModule } from '../modules/noc/index.ts';
import { supportModule } from '../modules/support/index.ts';
import { platformBillingModule } from '../modules/platform-billing/index.ts';
import { intelligenceModule } from '../modules/intelligence/index.ts';
import { reportingModule } from '../modules/reporting/index.ts';

/** What the AAA engine gets from the modules above it: hotspot vouchers as logins. */
export const aaaPlugins: AaaPlugins = { loginSource: voucherLoginSource };

/**
 * Every module, in the order they stand (each knows only those before it; docs/architecture.md).
 * The app mounts their routes and subscriptions in this order; the role runners start theirs in
 * this order and stop them in reverse.
 */
export const modules: readonly ModuleDefinition[] = [
  systemModule,
  tenancyModule,
  identityModule,
  aaaModule(aaaPlugins),
  catalogModule,
  subscribersModule,
  billingModule,
  vouchersModule,
  nocModule,
  supportModule,
  platformBillingModule,
  intelligenceModule,
  reportingModule,
];
