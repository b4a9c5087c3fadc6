import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RadiusDecodeError, RadiusError } from '../errors.ts';
import { papPassword } from '../auth/pap.ts';
import { defaultDictionary } from '../dictionary/default.ts';
import { encodeRequest } from './build.ts';
import { decodeStructure, type RawAttribute } from './decode.ts';
import { decodePacket, type RadiusPacket } from './packet.ts';
import { unhidePassword } from './user-password.ts';
import { decodeValue } from './values.ts';

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

  it('finds, reads and rejects exactly as splitting every attribute does (lookups walk the octets)', () => {
    const dict = defaultDictionary();
    const { packet } = encodeRequest({
      code: 1, identifier: 7, secret: 's',
      attributes: [
        ['User-Name', 'bob'], ['User-Password', 'pw'], ['NAS-Port', 5], ['Service-Type', 'Framed-User'], ['Mikrotik-Rate-Limit', '1M/1M'],
        ['Proxy-State', Buffer.from('x')], ['Framed-IPv6-Prefix', '2001:db8::/48'], ['Tunnel-Type', 'VLAN', 1], ['EAP-Message', Buffer.alloc(300, 1)],
        ['Calling-Station-Id', '02:00:00:00:00:01'],
      ],
    });
    const names = ['User-Name', 'User-Password', 'NAS-Port', 'Service-Type', 'Mikrotik-Rate-Limit', 'Proxy-State', 'Framed-IPv6-Prefix',
      'Tunnel-Type', 'EAP-Message', 'Calling-Station-Id', 'Vendor-Specific', 'Message-Authenticator', 'Class', 'Acct-Session-Time'];
    const outcome = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (e) {
        return { error: (e as RadiusDecodeError).code ?? String(e), offset: (e as RadiusDecodeError).offset };
      }
    };
    // A long extended attribute (RFC 6929 §2.2) in two fragments, for the fragment walk.
    const longExt = [245, 8, 1, 0x80, 1, 2, 3, 4, 245, 6, 1, 0, 5, 6];
    for (let i = 0; i < 4000; i++) {
      const base = i % 5 === 0 ? Buffer.from(header(20 + longExt.length, longExt)) : Buffer.from(packet);
      const buf = i % 7 === 0 ? randomBytes(20 + Math.floor(Math.random() * 60)) : base;
      if (i % 7 !== 0) for (let k = 0; k < i % 4; k++) buf[20 + Math.floor(Math.random() * (buf.length - 20))] = Math.floor(Math.random() * 256);
      if (i % 7 === 0) buf.writeUInt16BE(buf.length, 2);
      const eager = outcome(() => decodeStructure(buf, dict));
      const lazy = outcome(() => decodePacket(buf, { secret: 's' }));
      expect('error' in lazy ? lazy : 'ok').toEqual('error' in eager ? eager : 'ok');
      if (!('ok' in lazy)) continue;
      const p = lazy.ok as RadiusPacket;
      expect(p.messageAuthenticatorOffset).toBe((eager.ok as { messageAuthenticatorOffset: number }).messageAuthenticatorOffset);
      for (const name of names) {
        const def = dict.require(name);
        const split = (p.attributes as readonly RawAttribute[]).filter((a) => a.def === def);
        expect(p.has(name)).toBe(split.length > 0);
        // getAll() reads every value (and throws for any bad one): comparable to get() with one.
        if (def.concat || split.length > 1) continue;
        if (!def.hasTag && def.encrypt === 0) {
          expect(outcome(() => p.getNumber(name))).toEqual(outcome(() => {
            if (!split[0]) return undefined;
            const v = decodeValue(def.type, split[0].value);
            if (typeof v === 'number') return v;
            if (typeof v === 'bigint') return Number(v);
            if (v instanceof Date) return v.getTime() / 1000;
            throw new RadiusDecodeError(`${name} is not numeric`, 'INVALID_VALUE');
          }));
        }
        expect(outcome(() => p.get(name))).toEqual(outcome(() => p.getAll(name)[0]));
        expect(outcome(() => p.getString(name))).toEqual(outcome(() => {
          const v = p.getAll(name)[0];
          return v === undefined ? undefined : typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : v instanceof Date ? v.toISOString() : String(v);
        }));
      }
      expect(outcome(() => papPassword(p, 's'))).toEqual(outcome(() => {
        const a = p.attributes.find((x) => x.type === 2 && x.vendorId === 0);
        return a && unhidePassword(a.value, 's', p.authenticator);
      }));
    }
  });
});
