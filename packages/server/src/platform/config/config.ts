import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowedCidrs } from '../net/address-policy.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  // Loopback by default; set HOST=0.0.0.0 (or an interface address) to serve a network.
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // 32 bytes, base64 or hex: the key that encrypts secrets at rest (AES-256-GCM).
  SECRET_KEY: z.string().optional(),
  // Signs access tokens; derived from SECRET_KEY when not set.
  JWT_SECRET: z.string().min(32).optional(),
  PLATFORM_DOMAIN: z.string().default('localhost'),
  PUBLIC_URL: z.string().url().optional(),
  ROLES: z.string().default('api,aaa,collector,worker'),
  RADIUS_HOST: z.string().optional(),
  RADIUS_AUTH_PORT: z.coerce.number().int().min(0).max(65535).default(1812),
  RADIUS_ACCT_PORT: z.coerce.number().int().min(0).max(65535).default(1813),
  // Accounting batches committed at once per AAA process (PostgreSQL); PGlite always uses one.
  RADIUS_ACCT_LANES: z.coerce.number().int().min(1).max(16).default(2),
  // Set: accounting is acknowledged once in this process's journal on disk, and reaches the
  // database right after (accounting-journal.ts). Unset: acknowledged after the database commit.
  RADIUS_ACCT_JOURNAL_DIR: z.string().min(1).optional(),
  // NOC collector: polls at once, SNMP/TCP timeouts, and how long each resolution of metrics is kept.
  NOC_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  NOC_SNMP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  NOC_SNMP_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  NOC_TCP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  NOC_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  NOC_5M_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  NOC_1H_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  // Private ranges that requests to user-given URLs (a BTCPay server, a webhook) may reach,
  // comma-separated CIDRs, e.g. 10.20.0.0/16; empty: none (the founder can add more in the app).
  OUTBOUND_ALLOW_CIDRS: z.string().default(''),
  // The past the first `npm start` writes for the demo: "MONTHS:SUBSCRIBERS", or "off".
  DEMO_HISTORY: z.string().regex(/^(off|\d{1,2}:\d{1,7})$/, 'must be "off" or MONTHS:SUBSCRIBERS, e.g. 12:300').default('12:300'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  env: z.infer<typeof envSchema>['NODE_ENV'];
  secretKey: Buffer;
  jwtSecret: Buffer;
  platformDomain: string;
  publicUrl: string;
  roles: Set<string>;
  radius: { host: string; authPort: number; acctPort: number; acctLanes: number; acctJournalDir: string | null };
  noc: {
    pollConcurrency: number; snmpTimeoutMs: number; snmpRetries: number; tcpTimeoutMs: number;
    rawRetentionDays: number; fiveMinuteRetentionDays: number; hourlyRetentionDays: number;
  };
  /** Canonical CIDRs of OUTBOUND_ALLOW_CIDRS. */
  outboundAllowCidrs: string[];
  /** The history the first start generates for the demo (seed-history); null: none. */
  demoHistory: { months: number; subscribers: number } | null;
};

export class ConfigError extends Error {}

/** Reads `.env` (when present) without overriding variables already set. */
function loadDotEnv(cwd: string): void {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = m as unknown as [string, string, string];
    if (process.env[key] === undefined) process.env[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
}

function decodeKey(value: string, name: string): Buffer {
  const buf = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (buf.length !== 32) throw new ConfigError(`${name}: must be 32 bytes, as 64 hex digits or base64`);
  return buf;
}

/** In embedded mode the key is generated once into DATA_DIR; production must supply it. */
function resolveSecretKey(given: string | undefined, dataDir: string, production: boolean, external: boolean): Buffer {
  if (given) return decodeKey(given, 'SECRET_KEY');
  if (production) throw new ConfigError('SECRET_KEY: required when NODE_ENV=production');
  if (external) throw new ConfigError('SECRET_KEY: required with DATABASE_URL (every process must share it)');
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim(), `SECRET_KEY (${file})`);
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}

// npm runs workspace scripts inside the package; INIT_CWD is where the user typed `npm start`.
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = env.INIT_CWD ?? process.cwd()): Config {
  if (env === process.env) loadDotEnv(cwd);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${issues.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const production = e.NODE_ENV === 'production';
  const secretKey = resolveSecretKey(e.SECRET_KEY, dataDir, production, Boolean(e.DATABASE_URL));
  const allow = parseAllowedCidrs(e.OUTBOUND_ALLOW_CIDRS.split(',').map((c) => c.trim()).filter(Boolean));
  if ('error' in allow) throw new ConfigError(`OUTBOUND_ALLOW_CIDRS: ${allow.error}`);
  const jwtSecret = e.JWT_SECRET ? Buffer.from(e.JWT_SECRET) : Buffer.from(`jwt:${secretKey.toString('hex')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    secretKey,
    jwtSecret,
    platformDomain: e.PLATFORM_DOMAIN,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    roles: new Set(e.ROLES.split(',').map((r) => r.trim()).filter(Boolean)),
    radius: { host: e.RADIUS_HOST ?? e.HOST, authPort: e.RADIUS_AUTH_PORT, acctPort: e.RADIUS_ACCT_PORT, acctLanes: e.RADIUS_ACCT_LANES,
      acctJournalDir: e.RADIUS_ACCT_JOURNAL_DIR ? path.resolve(cwd, e.RADIUS_ACCT_JOURNAL_DIR) : null },
    noc: {
      pollConcurrency: e.NOC_POLL_CONCURRENCY, snmpTimeoutMs: e.NOC_SNMP_TIMEOUT_MS, snmpRetries: e.NOC_SNMP_RETRIES, tcpTimeoutMs: e.NOC_TCP_TIMEOUT_MS,
      rawRetentionDays: e.NOC_RAW_RETENTION_DAYS, fiveMinuteRetentionDays: e.NOC_5M_RETENTION_DAYS, hourlyRetentionDays: e.NOC_1H_RETENTION_DAYS,
    },
    outboundAllowCidrs: allow.ok.map((c) => c.text),
    demoHistory: e.DEMO_HISTORY === 'off' ? null : { months: Number(e.DEMO_HISTORY.split(':')[0]), subscribers: Number(e.DEMO_HISTORY.split(':')[1]) },
  };
}
