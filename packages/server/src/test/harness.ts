import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { AppContext } from '../app/context.ts';
import { buildApp } from '../app/build-app.ts';
import { createContext, closeContext } from '../app/create-context.ts';
import { loadConfig, type Config } from '../platform/config/config.ts';
import { openPglite, openPostgres, type Database } from '../platform/db/database.ts';
import { scratchPostgres } from './scratch-database.ts';
import { MemoryRateLimiter, RedisRateLimiter } from '../platform/auth/rate-limiter.ts';
import { LogMailer } from '../platform/mail/mailer.ts';
import { OutboxRelay } from '../platform/events/outbox-relay.ts';
import { startAaa, type AaaRuntime } from '../modules/aaa/aaa-runtime.ts';
import type { Clock } from '../platform/clock/clock.ts';

/**
 * A whole server on a fresh database: PGlite in memory by default, or a new database on
 * the PostgreSQL of TEST_DATABASE_URL (and Redis of TEST_REDIS_URL) when they are set.
 */
export type TestServer = { app: FastifyInstance; ctx: AppContext; mailer: LogMailer; aaa: AaaRuntime | null; relay: OutboxRelay; dbUrl: string | null; limiterPrefix: string; close(): Promise<void> };

function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-unused' }, '/tmp');
  return { ...config, ...overrides };
}

async function freshDatabase(shareWith?: TestServer): Promise<{ db: Database; url: string | null; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  // A second process on the same PostgreSQL database (and Redis): its own pool, no drop.
  if (shareWith?.dbUrl) return { db: await openPostgres(shareWith.dbUrl, 5), url: shareWith.dbUrl, drop: async () => undefined };
  if (!url) {
    const db = await openPglite(null);
    return { db, url: null, drop: async () => undefined };
  }
  return scratchPostgres(url, 'anx_test');
}

/** `clock`: the business clock (ctx.clock); `now`: the login limiter's, for stepping through its backoff without waiting. */
export async function startTestServer(overrides: Partial<Config> = {}, opts: { aaa?: boolean; shareWith?: TestServer; clock?: Clock; now?: () => number } = {}): Promise<TestServer> {
  const { db, url: dbUrl, drop } = await freshDatabase(opts.shareWith);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Processes of one deployment share its keys.
  const shared = opts.shareWith ? { secretKey: opts.shareWith.ctx.config.secretKey, jwtSecret: opts.shareWith.ctx.config.jwtSecret } : {};
  const config = testConfig({ ...overrides, ...shared, redisUrl: process.env.TEST_REDIS_URL });
  const ctx = await createContext(config, log, db, `anx:test:events:${dbUrl ?? randomBytes(6).toString('hex')}`);
  const limiterPrefix = `anx:test:${randomBytes(4).toString('hex')}:`;
  // Each test server counts its own login failures, even on a shared Redis; a second process
  // of the same test shares the first one's counters, as production processes do.
  if (opts.clock) ctx.clock = opts.clock;
  ctx.limiter = ctx.redis ? new RedisRateLimiter(ctx.redis, opts.shareWith?.limiterPrefix ?? limiterPrefix, opts.now) : new MemoryRateLimiter(opts.now);
  const mailer = new LogMailer(log);
  ctx.mailer = mailer;
  const app = await buildApp(ctx);
  await app.ready();
  const relay = new OutboxRelay(ctx.db, ctx.bus, log, 50);
  relay.start();
  const aaa = opts.aaa ? await startAaa(ctx, ctx.bus, { host: '127.0.0.1', authPort: 0, acctPort: 0 }) : null;
  return {
    app, ctx, mailer, aaa, relay, dbUrl, limiterPrefix: opts.shareWith?.limiterPrefix ?? limiterPrefix,
    async close() {
      await aaa?.stop();
      await relay.stop();
      await app.close();
      await closeContext(ctx);
      await drop();
    },
  };
}

/** `from`: the client's address (the socket's, as fastify sees it without a proxy). */
type InjectOpts = { token?: string | undefined; body?: unknown; headers?: Record<string, string>; from?: string };

/** A small client over app.inject that speaks JSON and bearer tokens. */
export function client(app: FastifyInstance) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, opts: InjectOpts = {}) => {
    const res = await app.inject({
      method, url, ...(opts.from ? { remoteAddress: opts.from } : {}),
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
    });
    const text = res.body;
    let json: any;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.statusCode, json, headers: res.headers, text };
  };
  return {
    get: (url: string, opts?: InjectOpts) => call('GET', url, opts),
    post: (url: string, opts?: InjectOpts) => call('POST', url, opts),
    patch: (url: string, opts?: InjectOpts) => call('PATCH', url, opts),
    del: (url: string, opts?: InjectOpts) => call('DELETE', url, opts),
    async login(email: string, password: string, extra: Record<string, string> = {}): Promise<string> {
      const r = await call('POST', '/api/auth/login', { body: { email, password, ...extra } });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${r.text}`);
      return r.json.access_token as string;
    },
  };
}
export type Client = ReturnType<typeof client>;
