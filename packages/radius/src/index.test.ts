import { describe, expect, it } from 'vitest';
import * as radius from './index.ts';

describe('public API', () => {
  it('exports the main entry points', () => {
    for (const name of [
      'decodePacket',
      'createResponse',
      'encodeRequest',
      'verifyMessageAuthenticator',
      'verifyPap',
      'verifyChap',
      'verifyMsChap',
      'EapMd5Server',
      'DedupCache',
      'CoaClient',
      'RadiusClient',
      'loadDictionaryFile',
      'defaultDictionary',
    ]) {
      expect(radius).toHaveProperty(name);
    }
  });

  it('round-trips a typical PPPoE accept with MikroTik and IPv6 attributes', () => {
    const { packet } = radius.encodeRequest({
      code: radius.RadiusCode.AccessRequest,
      identifier: 1,
      secret: 's',
      attributes: [
        ['User-Name', 'pppoe-user'],
        ['User-Password', 'pw'],
        ['NAS-Port-Type', 'Ethernet'],
        ['Calling-Station-Id', 'AA:BB:CC:DD:EE:FF'],
      ],
    });
    const request = radius.decodePacket(packet, { secret: 's' });
    expect(radius.verifyMessageAuthenticator(request, 's')).toBe(true);
    const reply = radius.createResponse(
      request,
      radius.RadiusCode.AccessAccept,
      [
        ['Framed-IP-Address', '100.64.0.10'],
        ['Framed-IPv6-Prefix', '2001:db8:10::/64'],
        ['Delegated-IPv6-Prefix', '2001:db8:2000::/56'],
        ['Mikrotik-Rate-Limit', '20M/20M'],
        ['Mikrotik-Address-List', 'active'],
        ['Session-Timeout', 86400],
        ['Acct-Interim-Interval', 300],
        ['Class', Buffer.from('plan:gold')],
      ],
      's',
    );
    const accept = radius.decodePacket(reply);
    expect(radius.verifyResponse(accept, request.authenticator, 's')).toBe(true);
    expect(accept.toObject()).toMatchObject({
      'Framed-IP-Address': '100.64.0.10',
      'Framed-IPv6-Prefix': '2001:db8:10::/64',
      'Delegated-IPv6-Prefix': '2001:db8:2000::/56',
      'Mikrotik-Rate-Limit': '20M/20M',
      'Mikrotik-Address-List': 'active',
      'Session-Timeout': 86400,
      'Acct-Interim-Interval': 300,
    });
  });
});
