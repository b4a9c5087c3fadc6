import { describe, expect, it } from 'vitest';
import { DedupCache } from './dedup-cache.ts';

function packet(id: number, authByte: number): Buffer {
  const b = Buffer.alloc(20, authByte);
  b[0] = 1;
  b[1] = id;
  return b;
}

describe('DedupCache (RFC 5080 §2.2.2)', () => {
  it('drops duplicates in progress and replays the cached reply', () => {
    const cache = new DedupCache();
    const first = cache.check('10.0.0.1', 5000, packet(1, 7));
    expect(first.status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(1, 7))).toEqual({ status: 'in-progress' });
    const reply = Buffer.from('reply');
    cache.complete((first as { key: string }).key, reply);
    expect(cache.check('10.0.0.1', 5000, packet(1, 7))).toEqual({ status: 'replay', reply });
  });

  it('keys on address, port, identifier and authenticator', () => {
    const cache = new DedupCache();
    expect(cache.check('10.0.0.1', 5000, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.2', 5000, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5001, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(2, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(1, 8)).status).toBe('new');
    expect(cache.size).toBe(5);
  });

  it('forgets entries after the window and after abandon()', () => {
    let now = 0;
    const cache = new DedupCache({ windowMs: 5000, now: () => now });
    const r = cache.check('a', 1, packet(1, 1));
    cache.complete((r as { key: string }).key, Buffer.from('x'));
    now = 4999;
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('replay');
    now = 10_000;
    const again = cache.check('a', 1, packet(1, 1));
    expect(again.status).toBe('new');
    cache.abandon((again as { key: string }).key);
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('new');
  });

  it('stays within maxEntries', () => {
    const cache = new DedupCache({ maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) cache.check('a', i, packet(i & 0xff, 0));
    expect(cache.size).toBeLessThanOrEqual(100);
    // The newest entries are kept.
    expect(cache.check('a', 9999, packet(9999 & 0xff, 0)).status).toBe('in-progress');
  });
});
