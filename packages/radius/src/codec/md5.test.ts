import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacMd5, Md5, hmacMd5For, md5 } from './md5.ts';

describe('MD5 (RFC 1321)', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('RFC 1321 A.5: MD5("%s")', (input, digest) => {
    expect(md5(input).toString('hex')).toBe(digest);
  });

  it('matches node:crypto on random inputs split at random points', () => {
    for (let n = 0; n < 300; n++) {
      const data = randomBytes(n);
      const cut = Math.floor(Math.random() * (n + 1));
      const h = new Md5().update(data, 0, cut).update(data, cut).digest();
      expect(h).toEqual(createHash('md5').update(data).digest());
    }
  });
});

describe('HMAC-MD5 (RFC 2104)', () => {
  it('matches RFC 2202 test case 2 and node:crypto', () => {
    const h = new HmacMd5('Jefe').begin().update(Buffer.from('what do ya want for nothing?')).digest();
    expect(h.toString('hex')).toBe('750c783e6ab0b503eaa86e310a5db738');
    for (const keyLength of [0, 5, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      const data = randomBytes(200);
      expect(new HmacMd5(key).begin().update(data).digest()).toEqual(createHmac('md5', key).update(data).digest());
    }
  });

  it('reuses a cached keyed instance per secret', () => {
    expect(hmacMd5For('s')).toBe(hmacMd5For('s'));
    const a = hmacMd5For('s').begin().update(Buffer.from('x')).digest();
    expect(a).toEqual(createHmac('md5', 's').update('x').digest());
  });
});
