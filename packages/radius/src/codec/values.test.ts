import { describe, expect, it } from 'vitest';
import { defaultDictionary } from '../dictionary/default.ts';
import { RadiusDecodeError, RadiusEncodeError } from '../errors.ts';
import { decodeValue, encodeValue } from './values.ts';

const dict = defaultDictionary();
const enc = (name: string, v: Parameters<typeof encodeValue>[1]): string => encodeValue(dict.require(name), v).toString('hex');

describe('attribute values', () => {
  it('encodes RFC 3162 IPv6 types like FreeRADIUS', () => {
    expect(enc('Framed-IPv6-Prefix', '2001:db8:1:2::/64')).toBe('004020010db800010002');
    expect(enc('Delegated-IPv6-Prefix', '2001:db8::/48')).toBe('003020010db80000');
    expect(enc('Framed-IPv6-Address', '2001:db8::1')).toBe('20010db8000000000000000000000001');
    expect(enc('Framed-Interface-Id', '0011:2233:4455:6677')).toBe('0011223344556677');
  });

  it('decodes IPv6 prefix, interface id, integer64, date and signed values', () => {
    expect(decodeValue('ipv6prefix', Buffer.from('004020010db800010002', 'hex'))).toBe('2001:db8:1:2::/64');
    expect(decodeValue('ipv6prefix', Buffer.from('0000', 'hex'))).toBe('::/0');
    expect(decodeValue('ifid', Buffer.from('0011223344556677', 'hex'))).toBe('0011:2233:4455:6677');
    expect(decodeValue('integer64', Buffer.from('0000000100000002', 'hex'))).toBe(4294967298n);
    expect(decodeValue('date', Buffer.from('5e0be100', 'hex'))).toEqual(new Date('2020-01-01T00:00:00Z'));
    expect(decodeValue('signed', Buffer.from('ffffffff', 'hex'))).toBe(-1);
    expect(decodeValue('ipv4prefix', Buffer.from('00180a010200', 'hex'))).toBe('10.1.2.0/24');
  });

  it('rejects impossible prefixes', () => {
    expect(() => decodeValue('ipv6prefix', Buffer.from('0081', 'hex'))).toThrow(RadiusDecodeError);
    expect(() => decodeValue('ipv6prefix', Buffer.from('00402001', 'hex'))).toThrow(RadiusDecodeError);
  });

  it('maps enum names and numbers', () => {
    expect(enc('Service-Type', 'Framed-User')).toBe('00000002');
    expect(enc('Service-Type', 2)).toBe('00000002');
    expect(enc('Acct-Status-Type', 'Interim-Update')).toBe('00000003');
    expect(() => enc('Service-Type', 'No-Such-Value')).toThrow(RadiusEncodeError);
    expect(() => enc('NAS-Port', -1)).toThrow(RadiusEncodeError);
    expect(() => enc('NAS-IP-Address', '1.2.3')).toThrow(RadiusEncodeError);
  });

  it('encodes dates from Date or seconds and integer64 from bigint', () => {
    expect(enc('Event-Timestamp', new Date('2020-01-01T00:00:00Z'))).toBe('5e0be100');
    expect(enc('Event-Timestamp', 1577836800)).toBe('5e0be100');
    const def = { ...dict.require('NAS-Port'), type: 'integer64' as const };
    expect(encodeValue(def, 2n ** 40n).toString('hex')).toBe('0000010000000000');
  });
});
