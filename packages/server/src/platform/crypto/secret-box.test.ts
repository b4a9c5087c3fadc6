import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  it('round-trips and never repeats a ciphertext', () => {
    const a = box.seal('testing123');
    expect(box.open(a)).toBe('testing123');
    expect(box.seal('testing123')).not.toBe(a);
  });
  it('detects tampering and the wrong key', () => {
    const sealed = box.seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open('v1:' + raw.toString('base64'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});
