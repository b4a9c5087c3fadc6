import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Config } from '../platform/config/config.ts';
import { openPglite, openPostgres, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { SecretBox } from '../platform/crypto/secret-box.ts';
import { TokenSigner } from '../platform/auth/tokens.ts';
import { MemoryRateLimiter, RedisRateLimiter } from '../platform/auth/rate-limiter.ts';
import { createMetrics } from '../platform/metrics/metrics.ts';
import { LogMailer, SmtpMailer } from '../platform/mail/mailer.ts';
import { connectRedis } from '../platform/cache/redis.ts';
import type { AppContext } from './context.ts';
import { EventBus } from '../platform/events/event-bus.ts';
import { AccountStates, loadAccountState } from '../platform/auth/account-states.ts';
import { loadOperatorDictionaries } from '../modules/aaa/operator-dictionaries.ts';
import { OutboundHttp } from '../platform/net/outbound-http.ts';
import { parseAllowedCidrs } from '../platform/net/address-policy.ts';
import { loadOutboundAllowance, platformSettingsUpdated } from '../modules/system/platform-settings.service.ts';

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): Logger {
  const pretty = config.env !== 'production' && process.stdout.isTTY;
  return pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

/** Builds every adapter from the configuration; migrations are applied before anything runs. */
export async function createContext(config: Config, log = createLogger(config), db?: Database, busChannel?: string): Promise<AppContext> {
  const database = db ?? (await openDatabase(config));
  await migrate(database);
  // PGlite has no autovacuum: refresh the planner's statistics at each start.
  if (database.kind === 'pglite') await database.exec('ANALYZE');
  const dictionaries = loadOperatorDictionaries(process.env.RADIUS_DICTIONARY_DIR);
  if (dictionaries.files.length) log.info({ files: dictionaries.files, warnings: dictionaries.warnings }, 'operator RADIUS dictionaries loaded');
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : null;
  const deployment = createHash('sha256').update(config.databaseUrl ?? config.dataDir).digest('hex').slice(0, 12);
  const bus = new EventBus(redis, busChannel ?? `astranetix:events:${deployment}`);
  await bus.start();
  const accounts = new AccountStates((kind, id) => loadAccountState(database, kind, id));
  bus.subscribe((m) => accounts.onEvent(m));
  const smtpUrl = process.env.SMTP_URL;
  if (config.env === 'production' && !smtpUrl) throw new Error('SMTP_URL: required when NODE_ENV=production (password resets are mailed)');
  const envAllow = parseAllowedCidrs(config.outboundAllowCidrs);
  const outbound = new OutboundHttp({ allow: 'ok' in envAllow ? envAllow.ok : [], loadStored: () => loadOutboundAllowance(database), log });
  await outbound.refresh();
  bus.subscribe((m) => {
    if (m.type === platformSettingsUpdated) void outbound.refresh();
  });
  const metrics = createMetrics();
  database.observe = (seconds, committed) => metrics.dbTransactions.observe({ outcome: committed ? 'committed' : 'rolled_back' }, seconds);
  return {
    config,
    db: database,
    redis,
    secrets: new SecretBox(config.secretKey),
    signer: new TokenSigner(config.jwtSecret),
    limiter: redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter(),
    metrics,
    mailer: smtpUrl ? new SmtpMailer(smtpUrl, process.env.SMTP_FROM ?? 'AstraNetix <no-reply@localhost>') : new LogMailer(log),
    log,
    bus,
    accounts,
    outbound,
  };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.bus.stop();
  await ctx.outbound.close();
  await ctx.redis?.quit().catch(() => undefined);
  await ctx.db.close();
}
