import { RadiusDecodeError, RadiusEncodeError } from '../errors.ts';
import { Md5, secretBytes } from './md5.ts';

const hash = new Md5();
const keystream = Buffer.allocUnsafe(16);

/**
 * RFC 2865 §5.2 User-Password hiding: the password, NUL-padded to a multiple
 * of 16 octets (at most 128), is XORed with a chain of
 * MD5(secret + previous ciphertext block), starting from the Request Authenticator.
 */
export function hidePassword(password: string | Buffer, secret: string | Buffer, authenticator: Buffer): Buffer {
  const plain = typeof password === 'string' ? Buffer.from(password, 'utf8') : password;
  if (plain.length > 128) throw new RadiusEncodeError('User-Password longer than 128 octets (RFC 2865 §5.2)');
  const length = Math.max(16, Math.ceil(plain.length / 16) * 16);
  const out = Buffer.alloc(length);
  plain.copy(out);
  let previous = authenticator;
  for (let block = 0; block < length; block += 16) {
    const b = hash.reset().update(secretBytes(secret)).update(previous).digest(keystream);
    for (let i = 0; i < 16; i++) out[block + i]! ^= b[i]!;
    previous = out.subarray(block, block + 16);
  }
  return out;
}

/** Reverses hidePassword; trailing NUL padding is removed. */
export function unhidePassword(hidden: Buffer, secret: string | Buffer, authenticator: Buffer): Buffer {
  const out = Buffer.allocUnsafe(hidden.length);
  return out.subarray(0, unhidePasswordInto(hidden, 0, hidden.length, secret, authenticator, 0, authenticator.length, out));
}

/**
 * unhidePassword for the value at `start`..`end` of `source`, with the authenticator at
 * `authStart`..`authEnd` of `authenticator`, written to `out` (at least as long as the value);
 * returns the password's length. A server checking PAP needs no Buffer per request.
 */
export function unhidePasswordInto(source: Uint8Array, start: number, end: number, secret: string | Buffer,
  authenticator: Uint8Array, authStart: number, authEnd: number, out: Uint8Array): number {
  const length = end - start;
  if (length < 16 || length > 128 || length % 16 !== 0) {
    throw new RadiusDecodeError(`User-Password of length ${length} is not a multiple of 16 in 16..128`, 'INVALID_VALUE');
  }
  const key = secretBytes(secret);
  for (let block = 0; block < length; block += 16) {
    hash.reset().update(key);
    // The chain: the Request Authenticator, then the previous ciphertext block.
    if (block === 0) hash.update(authenticator, authStart, authEnd);
    else hash.update(source, start + block - 16, start + block);
    const b = hash.digest(keystream);
    for (let i = 0; i < 16; i++) out[block + i] = source[start + block + i]! ^ b[i]!;
  }
  let n = length;
  while (n > 0 && out[n - 1] === 0) n--;
  return n;
}
