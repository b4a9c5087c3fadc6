import { describe, expect, it } from 'vitest';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './ip.ts';

describe('ip', () => {
  it('round-trips IPv4', () => {
    expect(formatIPv4(parseIPv4('192.168.1.16')!)).toBe('192.168.1.16');
    expect(parseIPv4('256.1.1.1')).toBeUndefined();
    expect(parseIPv4('1.2.3')).toBeUndefined();
    expect(parseIPv4('1.2.3.x')).toBeUndefined();
  });

  it('formats IPv6 canonically (RFC 5952)', () => {
    expect(formatIPv6(parseIPv6('2001:0db8:0000:0000:0000:0000:0000:0001')!)).toBe('2001:db8::1');
    expect(formatIPv6(parseIPv6('::')!)).toBe('::');
    expect(formatIPv6(parseIPv6('::1')!)).toBe('::1');
    expect(formatIPv6(parseIPv6('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIPv6(parseIPv6('2001:0:0:1:0:0:0:1')!)).toBe('2001:0:0:1::1');
    expect(formatIPv6(parseIPv6('fe80::')!)).toBe('fe80::');
  });

  it('parses embedded IPv4 and rejects garbage', () => {
    expect(parseIPv6('::ffff:1.2.3.4')!.toString('hex')).toBe('00000000000000000000ffff01020304');
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseIPv6('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIPv6('12345::')).toBeUndefined();
    expect(parseIPv6('::ffff:1.2.3')).toBeUndefined();
  });
});
