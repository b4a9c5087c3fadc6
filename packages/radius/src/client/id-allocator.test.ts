import { describe, expect, it } from 'vitest';
import { IdentifierAllocator } from './id-allocator.ts';

describe('IdentifierAllocator', () => {
  it('hands out 256 distinct identifiers per destination, then waits for a release', async () => {
    const ids = new IdentifierAllocator();
    const taken = new Set<number>();
    for (let i = 0; i < 256; i++) taken.add(await ids.acquire('a:1'));
    expect(taken.size).toBe(256);
    expect(ids.inFlight('a:1')).toBe(256);
    let got: number | undefined;
    const waiting = ids.acquire('a:1').then((id) => (got = id));
    await Promise.resolve();
    expect(got).toBeUndefined();
    ids.release('a:1', 17);
    await waiting;
    expect(got).toBe(17);
    // Other destinations are independent.
    expect(typeof (await ids.acquire('b:1'))).toBe('number');
  });

  it('rotates instead of reusing the identifier just released', async () => {
    const ids = new IdentifierAllocator();
    const a = await ids.acquire('x');
    ids.release('x', a);
    const b = await ids.acquire('x');
    expect(b).not.toBe(a);
  });
});
