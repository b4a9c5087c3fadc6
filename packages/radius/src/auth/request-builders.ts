import { randomBytes } from 'node:crypto';
import type { AttributeInput } from '../codec/encode.ts';
import { chapResponse } from './chap.ts';
import { challengeResponse, generateNtResponse, mschapUserName, ntPasswordHash } from './mschap.ts';

/**
 * Client-side builders of authentication attributes, for test clients,
 * benchmarks and health probes (what a NAS would send).
 */

/** CHAP-Password with a CHAP-Challenge (RFC 2865 §5.3, §5.40). */
export function chapAttributes(password: string, id = randomBytes(1)[0]!, challenge: Buffer = randomBytes(16)): AttributeInput[] {
  return [
    ['CHAP-Password', Buffer.concat([Uint8Array.of(id), chapResponse(id, password, challenge)])],
    ['CHAP-Challenge', challenge],
  ];
}

/** MS-CHAP-Challenge (8 octets) and MS-CHAP-Response using the NT response (RFC 2548 §2.1.3). */
export function msChapV1Attributes(password: string, challenge: Buffer = randomBytes(8), ident = 1): AttributeInput[] {
  const response = Buffer.alloc(50);
  response[0] = ident;
  response[1] = 1;
  challengeResponse(challenge, ntPasswordHash(password)).copy(response, 26);
  return [
    ['MS-CHAP-Challenge', challenge],
    ['MS-CHAP-Response', response],
  ];
}

/** MS-CHAP-Challenge (16 octets) and MS-CHAP2-Response (RFC 2548 §2.3.2, RFC 2759 §4). */
export function msChapV2Attributes(
  userName: string,
  password: string,
  authenticatorChallenge: Buffer = randomBytes(16),
  peerChallenge: Buffer = randomBytes(16),
  ident = 1,
): AttributeInput[] {
  const response = Buffer.alloc(50);
  response[0] = ident;
  peerChallenge.copy(response, 2);
  generateNtResponse(authenticatorChallenge, peerChallenge, mschapUserName(userName), password).copy(response, 26);
  return [
    ['MS-CHAP-Challenge', authenticatorChallenge],
    ['MS-CHAP2-Response', response],
  ];
}
