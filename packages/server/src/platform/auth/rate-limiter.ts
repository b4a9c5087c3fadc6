import type { Redis } from 'ioredis';

/**
 * Exponential backoff: the first `free` attempts go ahead; after that each one must wait
 * `baseMs`, then twice that, four times… up to `capMs`, counted from the latest attempt.
 * A key left alone for `forgetMs` starts again from nothing.
 */
export type Backoff = { free: number; baseMs: number; capMs: number; forgetMs: number };

/** How long an attempt must still wait after `n` counted attempts, the latest at `last`. */
export function backoffWait(b: Backoff, n: number, last: number, now: number): number {
  if (n < b.free || now - last >= b.forgetMs) return 0;
  return Math.max(0, last + Math.min(b.baseMs * 2 ** (n - b.free), b.capMs) - now);
}

/** Counts events per key; shared through Redis when several processes run. */
export interface RateLimiter {
  /** Fixed window: counts one event and returns the count so far in the window. */
  hit(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  /** Whole seconds until the key's window ends (0 when it has none): a 429's Retry-After. */
  secondsLeft(key: string): Promise<number>;
  /** Forgets a key, whether it counts a window or a backoff. */
  reset(key: string): Promise<void>;
  /**
   * Takes one attempt under `backoff`, atomically across processes: 0 when it may go ahead
   * (it is then counted), else the milliseconds still to wait (nothing is counted). Counting
   * before the work, not after a failure, is what stops a burst of parallel guesses from
   * all passing the check before any of them is counted.
   */
  attempt(key: string, backoff: Backoff): Promise<number>;
  /** Gives back an attempt that turned out to be legitimate. */
  release(key: string): Promise<void>;
}

type Attempts = { n: number; last: number; until: number };

export class MemoryRateLimiter implements RateLimiter {
  private readonly counters = new Map<string, { n: number; until: number }>();
  private readonly attempts = new Map<string, Attempts>();

  /** `now` is injectable so that tests can step through a backoff without waiting for it. */
  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowSeconds: number): Promise<number> {
    const now = this.now();
    const c = this.counters.get(key);
    if (!c || c.until <= now) {
      if (this.counters.size > 100_000) this.sweep(now);
      this.counters.set(key, { n: 1, until: now + windowSeconds * 1000 });
      return 1;
    }
    c.n += 1;
    return c.n;
  }

  async count(key: string): Promise<number> {
    const c = this.counters.get(key);
    return c && c.until > this.now() ? c.n : 0;
  }

  async secondsLeft(key: string): Promise<number> {
    const c = this.counters.get(key);
    return c ? Math.max(0, Math.ceil((c.until - this.now()) / 1000)) : 0;
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
    this.attempts.delete(key);
  }

  async attempt(key: string, backoff: Backoff): Promise<number> {
    const now = this.now();
    const a = this.attempts.get(key);
    const n = a && a.until > now ? a.n : 0;
    const wait = a ? backoffWait(backoff, n, a.last, now) : 0;
    if (wait > 0) return wait;
    if (!a && this.attempts.size > 100_000) this.sweep(now);
    this.attempts.set(key, { n: n + 1, last: now, until: now + backoff.forgetMs });
    return 0;
  }

  async release(key: string): Promise<void> {
    const a = this.attempts.get(key);
    if (!a) return;
    if (a.n <= 1) this.attempts.delete(key);
    else a.n -= 1;
  }

  private sweep(now: number): void {
    for (const [k, c] of this.counters) if (c.until <= now) this.counters.delete(k);
    for (const [k, a] of this.attempts) if (a.until <= now) this.attempts.delete(k);
  }
}

// KEYS[1]: the hash {n, last}; ARGV: now, free, baseMs, capMs, forgetMs. The same rule as
// backoffWait, run inside Redis so that the check and the count are one step for every process.
const attemptScript = `
local now, free, base, cap, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local s = redis.call('HMGET', KEYS[1], 'n', 'last')
local n, last = tonumber(s[1]) or 0, tonumber(s[2]) or 0
if now - last >= forget then n = 0 end
if n >= free then
  local wait = last + math.min(base * 2 ^ (n - free), cap) - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HSET', KEYS[1], 'n', n + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], forget)
return 0`;

const releaseScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HINCRBY', KEYS[1], 'n', -1) <= 0 then redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisRateLimiter implements RateLimiter {
  /**
   * Backoff times come from this process's clock (`now`), not Redis's, so that tests can step
   * through them; Redis's expiry only clears keys nobody uses any more.
   */
  constructor(private readonly redis: Redis, private readonly prefix = 'anx:rl:', private readonly now: () => number = Date.now) {}

  async hit(key: string, windowSeconds: number): Promise<number> {
    const k = this.prefix + key;
    const [[, n]] = (await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[unknown, number]];
    return n;
  }

  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async secondsLeft(key: string): Promise<number> {
    // PTTL answers -2 for a missing key and -1 for one without expiry.
    const ms = await this.redis.pttl(this.prefix + key);
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async attempt(key: string, b: Backoff): Promise<number> {
    return Number(await this.redis.eval(attemptScript, 1, this.prefix + key, this.now(), b.free, b.baseMs, b.capMs, b.forgetMs));
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(releaseScript, 1, this.prefix + key);
  }
}
