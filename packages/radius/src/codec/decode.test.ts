import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RadiusDecodeError, RadiusError } from '../errors.ts';
import { encodeRequest } from './build.ts';
import { decodePacket } from './packet.ts';

const header = (length: number, extra: number[] = []): Buffer => {
  const b = Buffer.alloc(20 + extra.length);
  b[0] = 1;
  b.writeUInt16BE(length, 2);
  Buffer.from(extra).copy(b, 20);
  return b;
};

function decodeError(buf: Buffer): string {
  try {
    decodePacket(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(RadiusDecodeError);
    return (e as RadiusDecodeError).code;
  }
  return 'none';
}

describe('decode framing checks', () => {
  it('rejects packets shorter than 20 octets', () => {
    expect(decodeError(Buffer.alloc(19))).toBe('TOO_SHORT');
    expect(decodeError(Buffer.alloc(0))).toBe('TOO_SHORT');
  });

  it('rejects datagrams over 4096 octets and Length fields outside 20..4096', () => {
    expect(decodeError(Buffer.alloc(4097))).toBe('TOO_LONG');
    expect(decodeError(header(19))).toBe('INVALID_LENGTH');
    expect(decodeError(header(4097))).toBe('INVALID_LENGTH');
  });

  it('rejects a Length field larger than the datagram', () => {
    expect(decodeError(header(30))).toBe('TRUNCATED');
  });

  it('ignores octets past the Length field as padding (RFC 2865 §3)', () => {
    const p = decodePacket(header(20, [1, 2, 3]));
    expect(p.attributes).toHaveLength(0);
    expect(p.raw.length).toBe(20);
  });

  it('rejects attribute length < 2, overflow and a lone type octet', () => {
    expect(decodeError(header(22, [1, 1]))).toBe('ATTRIBUTE_LENGTH');
    expect(decodeError(header(22, [1, 0]))).toBe('ATTRIBUTE_LENGTH');
    expect(decodeError(header(23, [1, 4, 0]))).toBe('ATTRIBUTE_OVERFLOW');
    expect(decodeError(header(21, [1]))).toBe('ATTRIBUTE_TRUNCATED');
  });

  it('rejects a malformed or repeated Message-Authenticator', () => {
    expect(decodeError(header(24, [80, 4, 0, 0]))).toBe('INVALID_MESSAGE_AUTHENTICATOR');
    const ma = [80, 18, ...new Array<number>(16).fill(0)];
    expect(decodeError(header(56, [...ma, ...ma]))).toBe('INVALID_MESSAGE_AUTHENTICATOR');
  });

  it('accepts an empty attribute (length 2)', () => {
    const p = decodePacket(header(22, [1, 2]));
    expect(p.get('User-Name')).toBe('');
  });

  it('keeps a VSA with broken sub-attributes as opaque Vendor-Specific (RFC 6929 §2.8)', () => {
    const vsa = [26, 10, 0, 0, 0x3a, 0x8c, 8, 9, 0x41, 0x42];
    const p = decodePacket(header(30, vsa));
    expect(p.attributes).toHaveLength(1);
    expect(p.attributes[0]!.def?.name).toBe('Vendor-Specific');
    expect(p.get('Mikrotik-Rate-Limit')).toBeUndefined();
  });

  it('raises INVALID_VALUE, not a crash, for a wrong-size integer', () => {
    const p = decodePacket(header(25, [5, 5, 0, 0, 1]));
    expect(() => p.get('NAS-Port')).toThrow(RadiusDecodeError);
  });

  it('never throws anything but RadiusError on mutated and random input', () => {
    const { packet } = encodeRequest({
      code: 1,
      identifier: 7,
      secret: 's',
      attributes: [
        ['User-Name', 'bob'],
        ['User-Password', 'pw'],
        ['Mikrotik-Rate-Limit', '1M/1M'],
        ['Framed-IPv6-Prefix', '2001:db8::/48'],
        ['Tunnel-Type', 'VLAN', 1],
        ['EAP-Message', Buffer.alloc(300, 1)],
      ],
    });
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      const buf = i % 3 === 0 ? randomBytes(Math.floor(Math.random() * 120)) : Buffer.from(packet);
      if (i % 3 !== 0) for (let k = 0; k < 1 + (i % 4); k++) buf[Math.floor(Math.random() * buf.length)] = Math.floor(Math.random() * 256);
      try {
        const p = decodePacket(buf, { secret: 's' });
        decoded++;
        p.toObject();
        for (const name of ['User-Name', 'User-Password', 'Mikrotik-Rate-Limit', 'Framed-IPv6-Prefix', 'Tunnel-Type', 'EAP-Message']) {
          try {
            p.getAll(name);
          } catch (e) {
            expect(e).toBeInstanceOf(RadiusError);
          }
        }
      } catch (e) {
        expect(e).toBeInstanceOf(RadiusDecodeError);
      }
    }
    expect(decoded).toBeGreaterThan(0);
  });
});
