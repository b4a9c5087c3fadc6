import { describe, expect, it } from 'vitest';
import { DedupCache, type DedupResult } from './dedup-cache.ts';

function packet(id: number, authByte: number): Buffer {
  const b = Buffer.alloc(20, authByte);
  b[0] = 1;
  b[1] = id;
  return b;
}

const keyOf = (r: DedupResult): number => {
  if (r.status !== 'new') throw new Error(`expected new, got ${r.status}`);
  return r.key;
};

describe('DedupCache (RFC 5080 §2.2.2)', () => {
  it('drops duplicates in progress and replays the cached reply', () => {
    const cache = new DedupCache();
    const first = cache.check('10.0.0.1', 5000, packet(1, 7));
    expect(first.status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(1, 7))).toEqual({ status: 'in-progress' });
    const reply = Buffer.from('reply');
    cache.complete(keyOf(first), reply);
    expect(cache.check('10.0.0.1', 5000, packet(1, 7))).toEqual({ status: 'replay', reply });
  });

  it('replays a copy: the sender may reuse its reply buffer', () => {
    const cache = new DedupCache();
    const reply = Buffer.from('accept');
    cache.complete(keyOf(cache.check('10.0.0.1', 5000, packet(1, 7))), reply);
    reply.fill(0);
    const again = cache.check('10.0.0.1', 5000, packet(1, 7));
    expect(again.status === 'replay' && again.reply.toString()).toBe('accept');
  });

  it('keys on address, port, identifier and authenticator', () => {
    const cache = new DedupCache();
    expect(cache.check('10.0.0.1', 5000, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.2', 5000, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5001, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(2, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1', 5000, packet(1, 8)).status).toBe('new');
    // Address text is not confused with the port's octets that follow it.
    expect(cache.check('10.0.0.1', 0x3a3a, packet(1, 7)).status).toBe('new');
    expect(cache.check('10.0.0.1::', 0, packet(1, 7)).status).toBe('new');
    expect(cache.check('fe80::1%eth0', 5000, packet(1, 7)).status).toBe('new');
    expect(cache.size).toBe(8);
  });

  it('forgets entries after the window and after abandon()', () => {
    let now = 0;
    const cache = new DedupCache({ windowMs: 5000, now: () => now });
    const r = cache.check('a', 1, packet(1, 1));
    cache.complete(keyOf(r), Buffer.from('x'));
    now = 4999;
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('replay');
    now = 10_000;
    const again = cache.check('a', 1, packet(1, 1));
    expect(again.status).toBe('new');
    cache.abandon(keyOf(again));
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('new');
  });

  it('stays within maxEntries, evicting the oldest, and ignores handles of evicted entries', () => {
    const cache = new DedupCache({ maxEntries: 100 });
    const firstKey = keyOf(cache.check('a', 0, packet(0, 0)));
    for (let i = 1; i < 10_000; i++) cache.check('a', i, packet(i & 0xff, 0));
    expect(cache.size).toBeLessThanOrEqual(100);
    // The newest entries are kept.
    expect(cache.check('a', 9999, packet(9999 & 0xff, 0)).status).toBe('in-progress');
    // A late answer to an evicted request must not land on the entry now in its slot.
    cache.complete(firstKey, Buffer.from('late'));
    expect(cache.check('a', 9900, packet(9900 & 0xff, 0)).status).toBe('in-progress');
    expect(cache.check('a', 0, packet(0, 0)).status).toBe('new');
  });

  it('forgets a reply overwritten in the reply ring, so the retransmission is processed afresh', () => {
    const cache = new DedupCache({ maxEntries: 1000, replyBytes: 8192 });
    cache.complete(keyOf(cache.check('a', 1, packet(1, 1))), Buffer.alloc(3000, 1));
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('replay');
    cache.complete(keyOf(cache.check('a', 2, packet(1, 1))), Buffer.alloc(3000, 2));
    cache.complete(keyOf(cache.check('a', 3, packet(1, 1))), Buffer.alloc(3000, 3));
    expect(cache.check('a', 1, packet(1, 1)).status).toBe('new');
    const third = cache.check('a', 3, packet(1, 1));
    expect(third.status === 'replay' && third.reply.equals(Buffer.alloc(3000, 3))).toBe(true);
  });

  it('does not remember a source address no IP literal could be', () => {
    const cache = new DedupCache();
    const long = 'x'.repeat(65);
    const r = cache.check(long, 1, packet(1, 1));
    expect(r).toEqual({ status: 'new', key: -1 });
    cache.complete(-1, Buffer.from('x'));
    expect(cache.check(long, 1, packet(1, 1)).status).toBe('new');
  });

  it('answers as a plain model of the rules does, over a long random run', () => {
    // The model: a Map, where insert number n evicts the entry inserted at n - capacity.
    const capacity = 64;
    let now = 0;
    const cache = new DedupCache({ maxEntries: capacity, windowMs: 50, now: () => now, replyBytes: 1 << 22 });
    type Entry = { seq: number; expires: number; reply?: Buffer; handle: number };
    const model = new Map<string, Entry>();
    const handles: { id: string; handle: number }[] = [];
    let seq = 0;
    let seed = 12345;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let step = 0; step < 100_000; step++) {
      now += rand(3);
      const op = rand(10);
      if (op < 6) {
        const port = rand(40);
        const auth = rand(3);
        const id = `${port}|${auth}`;
        const got = cache.check('127.0.0.1', port, packet(7, auth));
        const e = model.get(id);
        let want: string;
        if (e && e.expires > now) want = e.reply ? 'replay' : 'in-progress';
        else {
          if (e) model.delete(id);
          const n = seq++;
          for (const [k, v] of model) if (v.seq === n - capacity) model.delete(k);
          model.set(id, { seq: n, expires: now + 50, handle: n });
          want = 'new';
        }
        expect(got.status).toBe(want);
        if (got.status === 'new') handles.push({ id, handle: got.key });
        if (got.status === 'replay') expect(got.reply.equals(e!.reply!)).toBe(true);
      } else if (handles.length > 0) {
        const { id, handle } = handles.splice(rand(handles.length), 1)[0]!;
        const e = model.get(id);
        const live = e !== undefined && e.handle === handle;
        if (op < 9) {
          const reply = Buffer.from(`reply-${step}`);
          cache.complete(handle, reply);
          if (live) Object.assign(e, { reply, expires: now + 50 });
        } else {
          cache.abandon(handle);
          if (live) model.delete(id);
        }
      }
      expect(cache.size).toBe(model.size);
    }
  });
});
