import { describe, expect, it } from 'vitest';
import { mppeAsymmetricStartKey, mppeKeysV2, mppeMasterKey } from './mppe.ts';
import {
  challengeHash,
  challengeResponse,
  generateAuthenticatorResponse,
  generateNtResponse,
  hashNtPasswordHash,
  mschapUserName,
  ntPasswordHash,
} from './mschap.ts';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 2759 §9.2 and RFC 3079 §3.5.3 share these inputs.
const USER = 'User';
const PASSWORD = 'clientPass';
const AUTH_CHALLENGE = h('5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28');
const PEER_CHALLENGE = h('21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E');
const NT_RESPONSE = h('82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF');

describe('MS-CHAPv2 (RFC 2759 §9.2 vectors)', () => {
  it('computes NtPasswordHash and PasswordHashHash', () => {
    expect(ntPasswordHash(PASSWORD)).toEqual(h('44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE'));
    expect(hashNtPasswordHash(ntPasswordHash(PASSWORD))).toEqual(h('41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F'));
  });

  it('computes ChallengeHash, NT-Response and AuthenticatorResponse', () => {
    expect(challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER)).toEqual(h('D0 2E 43 86 BC E9 12 26'));
    expect(generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, PASSWORD)).toEqual(NT_RESPONSE);
    expect(generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, ntPasswordHash(PASSWORD))).toEqual(NT_RESPONSE);
    expect(generateAuthenticatorResponse(ntPasswordHash(PASSWORD), NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER)).toBe(
      'S=407A5589115FD0D6209F510FE9C04566932CDA56',
    );
  });

  it('strips the NT domain from the user name', () => {
    expect(mschapUserName('CORP\\User')).toBe('User');
    expect(mschapUserName('User')).toBe('User');
  });
});

describe('MS-CHAPv1 (RFC 2433 §B.2 vectors)', () => {
  it('computes the NT hash and NT response of "MyPw"', () => {
    const hash = ntPasswordHash('MyPw');
    expect(hash).toEqual(h('FC 15 6A F7 ED CD 6C 0E DD E3 33 7D 42 7F 4E AC'));
    expect(challengeResponse(h('10 2D B5 DF 08 5D 30 41'), hash)).toEqual(
      h('4E 9D 3C 8F 9C FD 38 5D 5B F4 D3 24 67 91 95 6C A4 C3 51 AB 40 9A 3D 61'),
    );
  });
});

describe('MPPE key derivation (RFC 3079 §3.5.3 vectors)', () => {
  const hashHash = hashNtPasswordHash(ntPasswordHash(PASSWORD));

  it('derives the master key and the 128-bit server send start key', () => {
    const master = mppeMasterKey(hashHash, NT_RESPONSE);
    expect(master).toEqual(h('FD EC E3 71 7A 8C 83 8C B3 88 E5 27 AE 3C DD 31'));
    expect(mppeAsymmetricStartKey(master, 16, true)).toEqual(h('8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB'));
  });

  it("gives the NAS the server's send key as MS-MPPE-Send-Key and the client's as Recv-Key", () => {
    const { sendKey, recvKey } = mppeKeysV2(hashHash, NT_RESPONSE);
    const master = mppeMasterKey(hashHash, NT_RESPONSE);
    expect(sendKey).toEqual(h('8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB'));
    // The client's send key is the server's receive key.
    expect(recvKey).toEqual(mppeAsymmetricStartKey(master, 16, true, false));
    expect(recvKey).not.toEqual(sendKey);
  });
});
