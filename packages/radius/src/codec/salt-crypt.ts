import { randomBytes } from 'node:crypto';
import { RadiusDecodeError, RadiusEncodeError } from '../errors.ts';
import { Md5, secretBytes } from './md5.ts';

const hash = new Md5();
const keystream = Buffer.allocUnsafe(16);

let saltCounter = randomBytes(2).readUInt16BE(0);

/**
 * Salt for RFC 2868 §3.5 / RFC 2548 §2.4.2: the most significant bit MUST be
 * set and each salt in a packet MUST be unique; a counter guarantees the
 * latter within a process without a syscall per attribute.
 */
export function nextSalt(): Buffer {
  saltCounter = (saltCounter + 1) & 0x7fff;
  const salt = Buffer.allocUnsafe(2);
  salt.writeUInt16BE(0x8000 | saltCounter, 0);
  return salt;
}

/**
 * Salt encryption (RFC 2868 §3.5 Tunnel-Password, RFC 2548 §2.4.2
 * MS-MPPE-Send/Recv-Key): plaintext is a length octet, the data and NUL
 * padding to a multiple of 16, XORed with MD5(secret + request authenticator
 * + salt), then MD5(secret + previous block). Returns salt + ciphertext.
 */
export function saltEncrypt(data: Buffer, secret: string | Buffer, requestAuthenticator: Buffer, salt: Buffer = nextSalt()): Buffer {
  if (data.length > 239) throw new RadiusEncodeError('salt-encrypted value longer than 239 octets');
  const length = Math.ceil((data.length + 1) / 16) * 16;
  const out = Buffer.alloc(2 + length);
  salt.copy(out, 0, 0, 2);
  out[2] = data.length;
  data.copy(out, 3);
  let previous: Buffer = Buffer.concat([requestAuthenticator, salt.subarray(0, 2)]);
  for (let block = 2; block < out.length; block += 16) {
    const b = hash.reset().update(secretBytes(secret)).update(previous).digest(keystream);
    for (let i = 0; i < 16; i++) out[block + i]! ^= b[i]!;
    previous = out.subarray(block, block + 16);
  }
  return out;
}

/** Reverses saltEncrypt (input: salt + ciphertext). */
export function saltDecrypt(value: Buffer, secret: string | Buffer, requestAuthenticator: Buffer): Buffer {
  const cipherLength = value.length - 2;
  if (cipherLength < 16 || cipherLength % 16 !== 0) {
    throw new RadiusDecodeError(`salt-encrypted value of length ${value.length} is malformed`, 'INVALID_VALUE');
  }
  const plain = Buffer.allocUnsafe(cipherLength);
  let previous: Buffer = Buffer.concat([requestAuthenticator, value.subarray(0, 2)]);
  for (let block = 0; block < cipherLength; block += 16) {
    const b = hash.reset().update(secretBytes(secret)).update(previous).digest(keystream);
    for (let i = 0; i < 16; i++) plain[block + i] = value[2 + block + i]! ^ b[i]!;
    previous = value.subarray(2 + block, 2 + block + 16);
  }
  const length = plain[0]!;
  if (length > cipherLength - 1) throw new RadiusDecodeError('salt-encrypted length octet exceeds the data', 'INVALID_VALUE');
  return plain.subarray(1, 1 + length);
}
