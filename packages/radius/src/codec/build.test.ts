import { describe, expect, it } from 'vitest';
import { createResponse, encodeRequest, encodeResponse } from './build.ts';
import { RadiusCode } from './codes.ts';
import { decodePacket } from './packet.ts';
import { verifyMessageAuthenticator, verifyRequestAuthenticator, verifyResponse } from './verify.ts';

const SECRET = 'testing123';

describe('request building and verification', () => {
  it('puts Message-Authenticator first in an Access-Request and verifies it', () => {
    const { packet, authenticator } = encodeRequest({
      code: 1,
      identifier: 9,
      secret: SECRET,
      attributes: [
        ['User-Name', 'bob'],
        ['User-Password', 'hello'],
      ],
    });
    expect(packet[20]).toBe(80);
    const p = decodePacket(packet, { secret: SECRET });
    expect(p.authenticator).toEqual(authenticator);
    expect(p.get('User-Password')).toBe('hello');
    expect(verifyMessageAuthenticator(p, SECRET)).toBe(true);
    expect(verifyMessageAuthenticator(p, 'other')).toBe(false);
    const tampered = Buffer.from(packet);
    tampered[tampered.length - 1]! ^= 1;
    expect(verifyMessageAuthenticator(decodePacket(tampered), SECRET)).toBe(false);
  });

  it.each([
    ['Accounting-Request', RadiusCode.AccountingRequest],
    ['CoA-Request', RadiusCode.CoaRequest],
    ['Disconnect-Request', RadiusCode.DisconnectRequest],
  ])('computes and verifies the MD5 Request Authenticator of %s', (_name, code) => {
    const { packet } = encodeRequest({
      code,
      identifier: 3,
      secret: SECRET,
      messageAuthenticator: true,
      attributes: [
        ['Acct-Session-Id', 'abc'],
        ['User-Name', 'bob'],
      ],
    });
    const p = decodePacket(packet);
    expect(verifyRequestAuthenticator(p, SECRET)).toBe(true);
    expect(verifyRequestAuthenticator(p, 'nope')).toBe(false);
    expect(verifyMessageAuthenticator(p, SECRET)).toBe(true);
  });

  it('omits Message-Authenticator from accounting by default', () => {
    const { packet } = encodeRequest({ code: 4, identifier: 1, secret: SECRET, attributes: [['Acct-Status-Type', 'Start']] });
    const p = decodePacket(packet);
    expect(p.hasMessageAuthenticator).toBe(false);
    expect(verifyMessageAuthenticator(p, SECRET)).toBeUndefined();
    expect(p.get('Acct-Status-Type')).toBe('Start');
  });
});

describe('responses', () => {
  it.each([
    ['Access-Accept', 1, 2],
    ['Access-Reject', 1, 3],
    ['Access-Challenge', 1, 11],
    ['Accounting-Response', 4, 5],
    ['CoA-ACK', 43, 44],
    ['CoA-NAK', 43, 45],
    ['Disconnect-ACK', 40, 41],
    ['Disconnect-NAK', 40, 42],
  ])('%s carries Message-Authenticator first and verifies', (_name, requestCode, responseCode) => {
    const { packet } = encodeRequest({ code: requestCode, identifier: 200, secret: SECRET, attributes: [['User-Name', 'u']] });
    const request = decodePacket(packet);
    const wire = createResponse(request, responseCode, [['Reply-Message', 'hi']], SECRET);
    expect(wire[0]).toBe(responseCode);
    expect(wire[1]).toBe(200);
    expect(wire[20]).toBe(80);
    const response = decodePacket(wire);
    expect(verifyResponse(response, request.authenticator, SECRET)).toBe(true);
    expect(verifyResponse(response, request.authenticator, 'x')).toBe(false);
    const forged = Buffer.from(wire);
    forged[wire.length - 1]! ^= 0xff;
    expect(verifyResponse(decodePacket(forged), request.authenticator, SECRET)).toBe(false);
  });

  it('copies Proxy-State attributes in order (RFC 2865 §5.33)', () => {
    const { packet } = encodeRequest({
      code: 1,
      identifier: 1,
      secret: SECRET,
      attributes: [{ type: 33, value: Buffer.from('one') }, ['User-Name', 'u'], { type: 33, value: Buffer.from('two') }],
    });
    const request = decodePacket(packet);
    const response = decodePacket(createResponse(request, 2, { 'Session-Timeout': 60 }, SECRET));
    expect(response.getAll('Proxy-State')).toEqual([Buffer.from('one'), Buffer.from('two')]);
    expect(response.get('Session-Timeout')).toBe(60);
  });

  it('encrypts MS-MPPE keys in responses with the request authenticator (RFC 2548 §2.4.2)', () => {
    const requestAuthenticator = Buffer.alloc(16, 5);
    const key = Buffer.alloc(16, 0xab);
    const wire = encodeResponse({ code: 2, identifier: 1, requestAuthenticator, secret: SECRET, attributes: [['MS-MPPE-Send-Key', key]] });
    expect(wire.includes(key)).toBe(false);
    const p = decodePacket(wire, { secret: SECRET, requestAuthenticator });
    expect(p.get('MS-MPPE-Send-Key')).toEqual(key);
  });
});
