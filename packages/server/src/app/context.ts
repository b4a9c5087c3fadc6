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
  log: Logger;
  /** Simulated time for the services (the history generator); unset, they read the wall clock. */
  clock?: Clock;
};
