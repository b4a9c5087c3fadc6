import type { Redis } from 'ioredis';

/** Counts events per key in a fixed window; shared through Redis when several processes run. */
export interface RateLimiter {
  hit(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  /** Whole seconds until the key's window ends (0 when it has none): a 429's Retry-After. */
  secondsLeft(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly counters = new Map<string, { n: number; until: number }>();

  async hit(key: string, windowSeconds: number): Promise<number> {
    const now = Date.now();
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
    return c && c.until > Date.now() ? c.n : 0;
  }

  async secondsLeft(key: string): Promise<number> {
    const c = this.counters.get(key);
    return c ? Math.max(0, Math.ceil((c.until - Date.now()) / 1000)) : 0;
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, c] of this.counters) if (c.until <= now) this.counters.delete(k);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix = 'anx:rl:') {}

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
}
