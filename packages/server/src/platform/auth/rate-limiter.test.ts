import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../cache/redis.ts';
import { MemoryRateLimiter, RedisRateLimiter, type Backoff, type RateLimiter } from './rate-limiter.ts';

const backoff: Backoff = { free: 3, baseMs: 10_000, capMs: 60_000, forgetMs: 3_600_000 };
const start = Date.UTC(2026, 0, 5, 9, 0, 0);

const redis = process.env.TEST_REDIS_URL ? await connectRedis(process.env.TEST_REDIS_URL) : null;
afterAll(async () => {
  await redis?.quit();
});

type Clock = { t: number };
const limiters: [string, (clock: Clock) => RateLimiter][] = [
  ['memory', (clock) => new MemoryRateLimiter(() => clock.t)],
  ...(redis ? [['redis', (clock: Clock) => new RedisRateLimiter(redis, `anx:test:rl:${randomBytes(4).toString('hex')}:`, () => clock.t)] as [string, (clock: Clock) => RateLimiter]] : []),
];

describe.each(limiters)('%s limiter backoff', (_name, make) => {
  it('lets the free attempts through, then doubles the wait up to the cap', async () => {
    const clock = { t: start };
    const l = make(clock);
    for (let i = 0; i < 3; i++) expect(await l.attempt('k', backoff)).toBe(0);
    expect(await l.attempt('k', backoff)).toBe(10_000);
    clock.t += 4_000;
    // A refused attempt is not counted: the wait runs from the last counted one.
    expect(await l.attempt('k', backoff)).toBe(6_000);
    clock.t += 6_000;
    expect(await l.attempt('k', backoff)).toBe(0);
    expect(await l.attempt('k', backoff)).toBe(20_000);
    clock.t += 20_000;
    expect(await l.attempt('k', backoff)).toBe(0);
    expect(await l.attempt('k', backoff)).toBe(40_000);
    clock.t += 40_000;
    expect(await l.attempt('k', backoff)).toBe(0);
    expect(await l.attempt('k', backoff)).toBe(60_000);
    clock.t += 60_000;
    expect(await l.attempt('k', backoff)).toBe(0);
    expect(await l.attempt('k', backoff)).toBe(60_000);
    // Another key is untouched.
    expect(await l.attempt('other', backoff)).toBe(0);
  });

  it('release gives an attempt back; reset and a quiet hour forget the key', async () => {
    const clock = { t: start };
    const l = make(clock);
    for (let i = 0; i < 3; i++) expect(await l.attempt('r', backoff)).toBe(0);
    await l.release('r');
    expect(await l.attempt('r', backoff)).toBe(0);
    expect(await l.attempt('r', backoff)).toBeGreaterThan(0);
    await l.reset('r');
    for (let i = 0; i < 3; i++) expect(await l.attempt('r', backoff)).toBe(0);
    expect(await l.attempt('r', backoff)).toBeGreaterThan(0);
    clock.t += 3_600_000;
    for (let i = 0; i < 3; i++) expect(await l.attempt('r', backoff)).toBe(0);
    // Releasing a key that holds nothing leaves nothing behind.
    await l.release('never');
    for (let i = 0; i < 3; i++) expect(await l.attempt('never', backoff)).toBe(0);
  });

  it('counts a burst of parallel attempts one by one', async () => {
    const l = make({ t: start });
    const waits = await Promise.all(Array.from({ length: 10 }, () => l.attempt('burst', backoff)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
  });
});
