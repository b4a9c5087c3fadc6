import { desEncryptBlock, expandDesKey } from './des.ts';
import { md4 } from './md4.ts';
import { sha1 } from './sha1.ts';

/** RFC 2433 §A.2 / RFC 2759 §8.3: MD4 of the Unicode (UTF-16LE) password. */
export function ntPasswordHash(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

/** RFC 2759 §8.4: MD4 of the NT hash ("PasswordHashHash"). */
export function hashNtPasswordHash(passwordHash: Uint8Array): Buffer {
  return md4(passwordHash);
}

/**
 * RFC 2433 §A.5 / RFC 2759 §8.5 ChallengeResponse: the 16-octet hash,
 * zero-padded to 21, is split into three 7-octet DES keys that each encrypt
 * the 8-octet challenge.
 */
export function challengeResponse(challenge: Uint8Array, passwordHash: Uint8Array): Buffer {
  const z = Buffer.alloc(21);
  z.set(passwordHash.subarray(0, 16));
  return Buffer.concat([
    desEncryptBlock(expandDesKey(z.subarray(0, 7)), challenge),
    desEncryptBlock(expandDesKey(z.subarray(7, 14)), challenge),
    desEncryptBlock(expandDesKey(z.subarray(14, 21)), challenge),
  ]);
}

/**
 * RFC 2759 §8.2 ChallengeHash: first 8 octets of SHA-1(PeerChallenge +
 * AuthenticatorChallenge + UserName), where UserName has no domain part.
 */
export function challengeHash(peerChallenge: Uint8Array, authenticatorChallenge: Uint8Array, userName: string): Buffer {
  return sha1(peerChallenge, authenticatorChallenge, Buffer.from(userName, 'utf8')).subarray(0, 8);
}

/** Strips a "DOMAIN\" prefix: RFC 2759 §4 says the name used in ChallengeHash excludes the domain. */
export function mschapUserName(userName: string): string {
  const slash = userName.lastIndexOf('\\');
  return slash >= 0 ? userName.slice(slash + 1) : userName;
}

/** RFC 2759 §8.1 GenerateNTResponse, from the password or its NT hash. */
export function generateNtResponse(
  authenticatorChallenge: Uint8Array,
  peerChallenge: Uint8Array,
  userName: string,
  password: string | Uint8Array,
): Buffer {
  const hash = typeof password === 'string' ? ntPasswordHash(password) : password;
  return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), hash);
}

const MAGIC1 = Buffer.from('Magic server to client signing constant', 'ascii');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration', 'ascii');

/** RFC 2759 §8.7 GenerateAuthenticatorResponse: the "S=<40 hex digits>" the peer checks. */
export function generateAuthenticatorResponse(
  passwordHash: Uint8Array,
  ntResponse: Uint8Array,
  peerChallenge: Uint8Array,
  authenticatorChallenge: Uint8Array,
  userName: string,
): string {
  const hashHash = hashNtPasswordHash(passwordHash);
  const digest = sha1(hashHash, ntResponse, MAGIC1);
  const challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
  const final = sha1(digest, challenge, MAGIC2);
  return `S=${final.toString('hex').toUpperCase()}`;
}
