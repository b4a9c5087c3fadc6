import { describe, expect, it } from 'vitest';
import { RadiusDecodeError, RadiusEncodeError } from '../errors.ts';
import { saltDecrypt, saltEncrypt } from './salt-crypt.ts';
import { hidePassword, unhidePassword } from './user-password.ts';

const AUTH = Buffer.from('0f403f9473978057bd83d5cb98f4227a', 'hex');

describe('User-Password hiding (RFC 2865 §5.2)', () => {
  it('matches the RFC 2865 §7.1 ciphertext', () => {
    expect(hidePassword('arctangent', 'xyzzy5461', AUTH).toString('hex')).toBe('0dbe708d93d413ce3196e43f782a0aee');
  });

  it('round-trips passwords of 0..128 octets with multiple blocks', () => {
    for (const len of [0, 1, 15, 16, 17, 64, 128]) {
      const pw = 'p'.repeat(len);
      const hidden = hidePassword(pw, 's', AUTH);
      expect(hidden.length).toBe(Math.max(16, Math.ceil(len / 16) * 16));
      expect(unhidePassword(hidden, 's', AUTH).toString()).toBe(pw);
    }
    expect(() => hidePassword('p'.repeat(129), 's', AUTH)).toThrow(RadiusEncodeError);
    expect(() => unhidePassword(Buffer.alloc(15), 's', AUTH)).toThrow(RadiusDecodeError);
  });
});

describe('salt encryption (RFC 2868 §3.5)', () => {
  it('round-trips and rejects malformed input', () => {
    const enc = saltEncrypt(Buffer.from('secret-data'), 's', AUTH, Buffer.from([0x80, 0x01]));
    expect(enc.length).toBe(2 + 16);
    expect(saltDecrypt(enc, 's', AUTH).toString()).toBe('secret-data');
    expect(() => saltDecrypt(enc.subarray(0, 10), 's', AUTH)).toThrow(RadiusDecodeError);
    const long = saltEncrypt(Buffer.alloc(40, 1), 's', AUTH);
    expect(long.length).toBe(2 + 48);
    expect(saltDecrypt(long, 's', AUTH)).toEqual(Buffer.alloc(40, 1));
  });
});
