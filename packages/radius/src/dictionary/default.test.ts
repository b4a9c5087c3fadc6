import { describe, expect, it } from 'vitest';
import { createDefaultDictionary, defaultDictionary } from './default.ts';

describe('built-in dictionaries', () => {
  const dict = defaultDictionary();

  it.each([
    ['User-Name', 1, 'string'],
    ['Framed-IPv6-Pool', 100, 'string'],
    ['Acct-Interim-Interval', 85, 'integer'],
    ['Event-Timestamp', 55, 'date'],
    ['NAS-Port-Type', 61, 'integer'],
    ['Message-Authenticator', 80, 'octets'],
    ['EAP-Message', 79, 'octets'],
    ['Error-Cause', 101, 'integer'],
    ['Delegated-IPv6-Prefix', 123, 'ipv6prefix'],
    ['Framed-IPv6-Address', 168, 'ipv6addr'],
    ['NAS-IPv6-Address', 95, 'ipv6addr'],
    ['Framed-Interface-Id', 96, 'ifid'],
    ['Acct-Input-Gigawords', 52, 'integer'],
    ['Chargeable-User-Identity', 89, 'octets'],
    ['Operator-Name', 126, 'string'],
  ])('has standard attribute %s = %i (%s)', (name, code, type) => {
    const def = dict.require(name);
    expect(def.code).toBe(code);
    expect(def.type).toBe(type);
    expect(def.space.kind).toBe('standard');
  });

  it('has the ISP enums', () => {
    expect(dict.require('Service-Type').values.get('Framed-User')).toBe(2);
    expect(dict.require('Framed-Protocol').values.get('PPP')).toBe(1);
    expect(dict.require('Acct-Status-Type').values.get('Interim-Update')).toBe(3);
    expect(dict.require('Acct-Terminate-Cause').values.get('Idle-Timeout')).toBe(4);
    expect(dict.require('NAS-Port-Type').values.get('Ethernet')).toBe(15);
    expect(dict.require('Error-Cause').values.get('Session-Context-Not-Found')).toBe(503);
  });

  it.each([
    ['Mikrotik-Rate-Limit', 14988, 8],
    ['Mikrotik-Address-List', 14988, 19],
    ['Mikrotik-Group', 14988, 3],
    ['Cisco-AVPair', 9, 1],
    ['Cisco-Account-Info', 9, 250],
    ['MS-CHAP-Response', 311, 1],
    ['MS-CHAP-Challenge', 311, 11],
    ['MS-CHAP2-Response', 311, 25],
    ['MS-CHAP2-Success', 311, 26],
    ['MS-CHAP-Error', 311, 2],
    ['MS-MPPE-Send-Key', 311, 16],
    ['MS-MPPE-Recv-Key', 311, 17],
    ['MS-MPPE-Encryption-Policy', 311, 7],
    ['MS-MPPE-Encryption-Types', 311, 8],
    ['WISPr-Bandwidth-Max-Down', 14122, 8],
    ['ChilliSpot-Max-Total-Octets', 14559, 3],
    ['Juniper-Local-User-Name', 2636, 1],
    ['ERX-Ingress-Policy-Name', 4874, 10],
    ['Huawei-Input-Average-Rate', 2011, 2],
    ['ADSL-Agent-Circuit-Id', 3561, 1],
  ])('has vendor attribute %s (%i/%i)', (name, vendor, code) => {
    const def = dict.require(name);
    expect(def.vendorId).toBe(vendor);
    expect(def.code).toBe(code);
  });

  it('marks MPPE keys salt-encrypted and declares Ubiquiti', () => {
    expect(dict.require('MS-MPPE-Send-Key').encrypt).toBe(2);
    expect(dict.vendor(41112)?.name).toBe('Ubiquiti');
  });

  it('builds independent copies', () => {
    const a = createDefaultDictionary();
    a.addAttribute('Only-In-A', 250, 'string');
    expect(dict.attribute('Only-In-A')).toBeUndefined();
  });
});
