import { describe, expect, it } from 'vitest';
import { desEncryptBlock, expandDesKey } from './des.ts';

const h = (s: string): Buffer => Buffer.from(s, 'hex');

// Known-answer vectors: the classic FIPS 46 worked example, the "Now is the time" vectors
// from FIPS 81, and S-box coverage vectors from the NBS validation set (SP 500-20).
const VECTORS: [key: string, plain: string, cipher: string][] = [
  ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
  ['0123456789abcdef', '4e6f772069732074', '3fa40e8a984d4815'],
  ['0123456789abcdef', '68652074696d6520', '6a271787ab8883f9'],
  ['0123456789abcdef', '666f7220616c6c20', '893d51ec4b563b53'],
  ['7ca110454a1a6e57', '01a1d6d039776742', '690f5b0d9a26939b'],
  ['0131d9619dc1376e', '5cd54ca83def57da', '7a389d10354bd271'],
  ['07a1133e4a0b2686', '0248d43806f67172', '868ebb51cab4599a'],
  ['3849674c2602319e', '51454b582ddf440a', '7178876e01f19b2a'],
  ['04b915ba43feb5b6', '42fd443059577fa2', 'af37fb421f8c4095'],
  ['0113b970fd34f2ce', '059b5e0851cf143a', '86a560f10ec6d85b'],
  ['0170f175468fb5e6', '0756d8e0774761d2', '0cd3da020021dc09'],
  ['43297fad38e373fe', '762514b829bf486a', 'ea676b2cb7db2b7a'],
];

describe('DES (FIPS 46-3)', () => {
  it.each(VECTORS)('E(%s, %s) = %s', (key, plain, cipher) => {
    expect(desEncryptBlock(h(key), h(plain)).toString('hex')).toBe(cipher);
  });

  it('ignores parity bits of the key', () => {
    expect(desEncryptBlock(h('0022446688aaccee'), h('4e6f772069732074')).toString('hex')).toBe('3fa40e8a984d4815');
  });

  it('expands 7-octet keys (RFC 2433 §A.6) to the same cipher as their 8-octet form', () => {
    // 00451338957377 expands to 0123456789abcdef up to parity bits.
    const key = expandDesKey(h('00451338957377'));
    expect(desEncryptBlock(key, h('4e6f772069732074')).toString('hex')).toBe('3fa40e8a984d4815');
    expect(expandDesKey(h('ffffffffffffff')).toString('hex')).toBe('fefefefefefefefe');
    expect(expandDesKey(h('00000000000000')).toString('hex')).toBe('0101010101010101');
  });
});
