import { describe, expect, it } from 'vitest';
import { createResponse, encodeRequest } from '../codec/build.ts';
import { decodePacket } from '../codec/packet.ts';
import { verifyChap } from './chap.ts';
import { verifyMsChap } from './mschap-verify.ts';
import { mppeKeysV2 } from './mppe.ts';
import { generateAuthenticatorResponse, hashNtPasswordHash, ntPasswordHash } from './mschap.ts';
import { papPassword, verifyPap } from './pap.ts';
import { chapAttributes, msChapV1Attributes, msChapV2Attributes } from './request-builders.ts';
import type { AttributeList } from '../codec/encode.ts';

const SECRET = 'testing123';
const request = (attributes: AttributeList) =>
  decodePacket(encodeRequest({ code: 1, identifier: 1, secret: SECRET, attributes }).packet, { secret: SECRET });

describe('PAP', () => {
  it('accepts the right password and rejects others', () => {
    const p = request([
      ['User-Name', 'bob'],
      ['User-Password', 'hunter2'],
    ]);
    expect(papPassword(p, SECRET)?.toString()).toBe('hunter2');
    expect(verifyPap(p, SECRET, 'hunter2')).toBe(true);
    expect(verifyPap(p, SECRET, 'hunter')).toBe(false);
    expect(verifyPap(p, 'wrong-secret', 'hunter2')).toBe(false);
    expect(verifyPap(request([['User-Name', 'bob']]), SECRET, 'x')).toBe(false);
  });
});

describe('CHAP', () => {
  it('verifies with CHAP-Challenge and with the Request Authenticator', () => {
    expect(verifyChap(request([['User-Name', 'bob'], ...chapAttributes('secret-pw')]), 'secret-pw')).toBe(true);
    expect(verifyChap(request([['User-Name', 'bob'], ...chapAttributes('secret-pw')]), 'other')).toBe(false);
    const auth = Buffer.alloc(16, 9);
    const [chapPassword] = chapAttributes('pw', 7, auth);
    const p = decodePacket(
      encodeRequest({ code: 1, identifier: 1, secret: SECRET, authenticator: auth, attributes: [chapPassword!] }).packet,
    );
    expect(verifyChap(p, 'pw')).toBe(true);
  });
});

describe('MS-CHAP', () => {
  it('verifies MS-CHAPv2 and returns MS-CHAP2-Success and encrypted MPPE keys', () => {
    const authChallenge = Buffer.alloc(16, 1);
    const peerChallenge = Buffer.alloc(16, 2);
    const p = request([['User-Name', 'CORP\\alice'], ...msChapV2Attributes('CORP\\alice', 'pa55', authChallenge, peerChallenge, 42)]);
    const result = verifyMsChap(p, { password: 'pa55' });
    expect(result).toMatchObject({ version: 2, ok: true });
    const response = decodePacket(createResponse(p, 2, result.attributes, SECRET), {
      secret: SECRET,
      requestAuthenticator: p.authenticator,
    });
    const success = response.getBuffer('MS-CHAP2-Success')!;
    expect(success[0]).toBe(42);
    const ntResponse = p.getBuffer('MS-CHAP2-Response')!.subarray(26);
    expect(success.subarray(1).toString()).toBe(
      generateAuthenticatorResponse(ntPasswordHash('pa55'), ntResponse, peerChallenge, authChallenge, 'alice'),
    );
    const keys = mppeKeysV2(hashNtPasswordHash(ntPasswordHash('pa55')), ntResponse);
    expect(response.get('MS-MPPE-Send-Key')).toEqual(keys.sendKey);
    expect(response.get('MS-MPPE-Recv-Key')).toEqual(keys.recvKey);
    expect(response.get('MS-MPPE-Encryption-Policy')).toBe('Encryption-Allowed');
    expect(verifyMsChap(p, { ntHash: ntPasswordHash('pa55') }, { mppe: false }).attributes).toHaveLength(1);
  });

  it('fails MS-CHAPv2 with MS-CHAP-Error for a wrong password', () => {
    const p = request([['User-Name', 'alice'], ...msChapV2Attributes('alice', 'right')]);
    const result = verifyMsChap(p, { password: 'wrong' });
    expect(result.ok).toBe(false);
    const error = result.attributes[0] as readonly [string, Buffer];
    expect(error[0]).toBe('MS-CHAP-Error');
    expect(error[1].subarray(1).toString()).toMatch(/^E=691 R=0 C=[0-9A-F]{32} V=3/);
  });

  it('verifies MS-CHAPv1 and returns MS-CHAP-MPPE-Keys', () => {
    const p = request([['User-Name', 'bob'], ...msChapV1Attributes('MyPw')]);
    const ok = verifyMsChap(p, { password: 'MyPw' });
    expect(ok).toMatchObject({ version: 1, ok: true });
    expect(ok.attributes.map((a) => (a as unknown as readonly [string])[0])).toContain('MS-CHAP-MPPE-Keys');
    expect(verifyMsChap(p, { password: 'nope' }).ok).toBe(false);
  });

  it('reports version none without MS-CHAP attributes', () => {
    expect(verifyMsChap(request([['User-Name', 'x']]), { password: 'x' }).version).toBe('none');
  });
});
