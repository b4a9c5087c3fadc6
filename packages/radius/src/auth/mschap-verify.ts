import type { AttributeInput } from '../codec/encode.ts';
import type { RadiusPacket } from '../codec/packet.ts';
import { secretEquals } from './compare.ts';
import { mppeKeysV1, mppeKeysV2 } from './mppe.ts';
import {
  challengeResponse,
  generateAuthenticatorResponse,
  generateNtResponse,
  hashNtPasswordHash,
  mschapUserName,
  ntPasswordHash,
} from './mschap.ts';

export interface MsChapCredentials {
  /** Cleartext password, or... */
  password?: string;
  /** ...the stored NT hash (MD4 of the UTF-16LE password). */
  ntHash?: Uint8Array;
}

export interface MsChapOptions {
  /** Add MS-MPPE keys and policy (RFC 2548) to successful replies; default true. */
  mppe?: boolean;
  /** MS-MPPE-Encryption-Policy: 1 allowed (default), 2 required. */
  encryptionPolicy?: 1 | 2;
  /** MS-MPPE-Encryption-Types: default 6 (RC4 40 or 128 bit). */
  encryptionTypes?: number;
}

export interface MsChapResult {
  /** 'none' when the request carries no MS-CHAP attributes. */
  readonly version: 1 | 2 | 'none';
  readonly ok: boolean;
  /** Reply attributes: MS-CHAP2-Success + MPPE on success, MS-CHAP-Error on failure. */
  readonly attributes: AttributeInput[];
}

function vendorAttr(packet: RadiusPacket, code: number): Buffer | undefined {
  return packet.attributes.find((a) => a.type === 26 && a.vendorId === 311 && a.code === code)?.value;
}

function mppeAttributes(options: MsChapOptions): AttributeInput[] {
  return [
    ['MS-MPPE-Encryption-Policy', options.encryptionPolicy ?? 1],
    ['MS-MPPE-Encryption-Types', options.encryptionTypes ?? 6],
  ];
}

/**
 * Verifies MS-CHAP (RFC 2433, attributes of RFC 2548 §2.1-2.3) or MS-CHAPv2
 * (RFC 2759, RFC 2548 §2.3.2) in an Access-Request and builds the reply
 * attributes: MS-CHAP2-Success carrying the authenticator response, and the
 * MPPE keys MikroTik/Windows need for PPTP/L2TP/SSTP/PPPoE encryption
 * (RFC 3079, encrypted by the codec per RFC 2548 §2.4).
 */
export function verifyMsChap(packet: RadiusPacket, credentials: MsChapCredentials, options: MsChapOptions = {}): MsChapResult {
  const challenge = vendorAttr(packet, 11);
  const v2 = vendorAttr(packet, 25);
  const v1 = vendorAttr(packet, 1);
  if (!challenge || (!v2 && !v1)) return { version: 'none', ok: false, attributes: [] };
  const hash = credentials.ntHash ?? (credentials.password !== undefined ? ntPasswordHash(credentials.password) : undefined);
  const mppe = options.mppe ?? true;

  if (v2) {
    // RFC 2548 §2.3.2: Ident, Flags, Peer-Challenge(16), Reserved(8), Response(24).
    const ident = v2[0] ?? 0;
    const failure: MsChapResult = {
      version: 2,
      ok: false,
      attributes: [
        [
          'MS-CHAP-Error',
          Buffer.concat([
            Uint8Array.of(ident),
            Buffer.from(`E=691 R=0 C=${challenge.toString('hex').toUpperCase()} V=3 M=Authentication failed`),
          ]),
        ],
      ],
    };
    if (!hash || v2.length !== 50 || challenge.length !== 16) return failure;
    const peerChallenge = v2.subarray(2, 18);
    const ntResponse = v2.subarray(26, 50);
    const userName = mschapUserName(packet.getString('User-Name') ?? '');
    const expected = generateNtResponse(challenge, peerChallenge, userName, hash);
    if (!secretEquals(expected, ntResponse)) return failure;
    const success = generateAuthenticatorResponse(hash, ntResponse, peerChallenge, challenge, userName);
    const attributes: AttributeInput[] = [['MS-CHAP2-Success', Buffer.concat([Uint8Array.of(ident), Buffer.from(success, 'ascii')])]];
    if (mppe) {
      const { sendKey, recvKey } = mppeKeysV2(hashNtPasswordHash(hash), ntResponse);
      attributes.push(['MS-MPPE-Recv-Key', recvKey], ['MS-MPPE-Send-Key', sendKey], ...mppeAttributes(options));
    }
    return { version: 2, ok: true, attributes };
  }

  // RFC 2548 §2.1.3 MS-CHAP-Response: Ident, Flags, LM-Response(24), NT-Response(24); Flags=1 means use NT.
  const response = v1!;
  const ident = response[0] ?? 0;
  const failure: MsChapResult = {
    version: 1,
    ok: false,
    attributes: [['MS-CHAP-Error', Buffer.concat([Uint8Array.of(ident), Buffer.from('E=691 R=0')])]],
  };
  if (!hash || response.length !== 50 || challenge.length !== 8 || (response[1]! & 1) !== 1) return failure;
  if (!secretEquals(challengeResponse(challenge, hash), response.subarray(26, 50))) return failure;
  const attributes: AttributeInput[] = [];
  if (mppe) attributes.push(['MS-CHAP-MPPE-Keys', mppeKeysV1(hashNtPasswordHash(hash))], ...mppeAttributes(options));
  return { version: 1, ok: true, attributes };
}
