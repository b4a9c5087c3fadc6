import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { Database } from './db/database.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import type { TokenSigner } from './auth/tokens.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { Mailer } from './mail/mailer.ts';
import type { SmsSenders } from './sms/sms.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Clock } from './clock/clock.ts';
import type { BranchDirectory } from './auth/branch-directory.ts';
import type { AccountStates } from './auth/account-states.ts';
import type { OutboundHttp } from './net/outbound-http.ts';

/** The adapters a module may use; built once by the composition root. */
export type AppContext = {
  config: Config;
  db: Database;
  redis: Redis | null;
  secrets: SecretBox;
  signer: TokenSigner;
  limiter: RateLimiter;
  metrics: Metrics;
  mailer: Mailer;
  /** Each ISP's SMS provider (its settings are kept by the billing module, plugged in by the composition root). */
  sms: SmsSenders;
  bus: EventBus;
  /** Current status and role of token holders, checked on every request. */
  accounts: AccountStates;
  log: Logger;
  /** Business time (today for billing, simulated days of the history generator, a test's pinned date); unset, the wall clock and SQL's now(). */
  clock?: Clock;
  /** The branch tree, as the tenancy module keeps it (plugged in by the composition root). */
  branches: BranchDirectory;
  /** Every request to a URL a user gave (gateway servers, webhooks) goes through this. */
  outbound: OutboundHttp;
};
