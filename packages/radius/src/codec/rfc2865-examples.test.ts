import { describe, expect, it } from 'vitest';
import { computeResponseAuthenticator } from './authenticator.ts';
import { encodeRequest } from './build.ts';
import { decodePacket } from './packet.ts';
import { verifyResponse } from './verify.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const SECRET = 'xyzzy5461';

// RFC 2865 §7.1: User Telnet to Specified Host.
const REQUEST_7_1 = hex(`01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb
  98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d 93 d4 13 ce 31 96 e4 3f
  78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03`);
const ACCEPT_7_1 = hex(`02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf
  9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00 0e 06 c0 a8 01 03`);
// RFC 2865 §7.2: Framed User Authenticating with CHAP.
const REQUEST_7_2 = hex(`01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e
  0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13 16 e9 75 57 c3 16 18 58 95 f2
  93 ff 63 44 07 72 75 04 06 c0 a8 01 10 05 06 00 00 00 14 06 06 00 00 00
  02 07 06 00 00 00 01`);
const ACCEPT_7_2 = hex(`02 01 00 38 15 ef bc 7d ab 26 cf a3 dc 34 d9 c0
  3c 86 01 a4 06 06 00 00 00 02 07 06 00 00 00 01 08 06 ff ff ff fe 0a 06
  00 00 00 00 0d 06 00 00 00 01 0c 06 00 00 05 dc`);

describe('RFC 2865 §7 examples', () => {
  it('decodes the §7.1 Access-Request and unhides "arctangent"', () => {
    const p = decodePacket(REQUEST_7_1, { secret: SECRET });
    expect(p.codeName).toBe('Access-Request');
    expect(p.identifier).toBe(0);
    expect(p.get('User-Name')).toBe('nemo');
    expect(p.get('User-Password')).toBe('arctangent');
    expect(p.get('NAS-IP-Address')).toBe('192.168.1.16');
    expect(p.get('NAS-Port')).toBe(3);
    expect(p.attributes).toHaveLength(4);
  });

  it('encodes the §7.1 Access-Request byte for byte', () => {
    const { packet } = encodeRequest({
      code: 1,
      identifier: 0,
      secret: SECRET,
      authenticator: REQUEST_7_1.subarray(4, 20),
      messageAuthenticator: false,
      attributes: [
        ['User-Name', 'nemo'],
        ['User-Password', 'arctangent'],
        ['NAS-IP-Address', '192.168.1.16'],
        ['NAS-Port', 3],
      ],
    });
    expect(packet.toString('hex')).toBe(REQUEST_7_1.toString('hex'));
  });

  it('verifies the §7.1 Access-Accept response authenticator', () => {
    const accept = decodePacket(ACCEPT_7_1);
    expect(accept.codeName).toBe('Access-Accept');
    expect(accept.get('Service-Type')).toBe('Login-User');
    expect(accept.get('Login-Service')).toBe('Telnet');
    expect(accept.get('Login-IP-Host')).toBe('192.168.1.3');
    expect(computeResponseAuthenticator(ACCEPT_7_1, REQUEST_7_1.subarray(4, 20), SECRET)).toEqual(accept.authenticator);
    expect(verifyResponse(accept, REQUEST_7_1.subarray(4, 20), SECRET)).toBe(true);
    expect(verifyResponse(accept, REQUEST_7_1.subarray(4, 20), 'wrong')).toBe(false);
  });

  it('decodes the §7.2 CHAP request and its Access-Accept', () => {
    const req = decodePacket(REQUEST_7_2);
    expect(req.get('User-Name')).toBe('flopsy');
    const chap = req.getBuffer('CHAP-Password')!;
    expect(chap.length).toBe(17);
    expect(chap[0]).toBe(0x16);
    expect(req.get('NAS-Port')).toBe(20);
    expect(req.get('Service-Type')).toBe('Framed-User');
    expect(req.get('Framed-Protocol')).toBe('PPP');
    // The RFC does not give the secret used for the §7.2 reply, so only its attributes are checked.
    const accept = decodePacket(ACCEPT_7_2);
    expect(accept.identifier).toBe(req.identifier);
    expect(accept.get('Framed-IP-Address')).toBe('255.255.255.254');
    expect(accept.get('Framed-Routing')).toBe('None');
    expect(accept.get('Framed-Compression')).toBe('Van-Jacobson-TCP-IP');
    expect(accept.get('Framed-MTU')).toBe(1500);
  });
});
