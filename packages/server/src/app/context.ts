import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../platform/config/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { SecretBox } from '../platform/crypto/secret-box.ts';
import type { TokenSigner } from '../platform/auth/tokens.ts';
import type { RateLimiter } from '../platform/auth/rate-limiter.ts';
import type { Metrics } from '../platform/metrics/metrics.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import type { Clock } from '../platform/clock/clock.ts';
import type { AccountStates } from '../platform/auth/account-states.ts';
import type { OutboundHttp } from '../platform/net/outbound-http.ts';

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
  bus: EventBus;
  /** Current status and role of token holders, checked on every request. */
  accounts: AccountStates;
  log: Logger;
  /** Business time (today for billing, simulated days of the history generator, a test's pinned date); unset, the wall clock and SQL's now(). */
  clock?: Clock;
  /** Every request to a URL a user gave (gateway servers, webhooks) goes through this. */
  outbound: OutboundHttp;
};
