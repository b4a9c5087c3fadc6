import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1 } from './sha1.ts';

describe('SHA-1 (FIPS 180-4)', () => {
  it('matches the FIPS 180 examples', () => {
    expect(sha1(Buffer.from('abc')).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toString('hex')).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(sha1().toString('hex')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('matches node:crypto for every length up to 200 and multi-part input', () => {
    for (let n = 0; n <= 200; n++) {
      const data = randomBytes(n);
      const cut = n >> 1;
      expect(sha1(data.subarray(0, cut), data.subarray(cut))).toEqual(createHash('sha1').update(data).digest());
    }
  });
});
