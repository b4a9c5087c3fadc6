import { RadiusDecodeError, RadiusEncodeError } from '../errors.ts';
import type { AttributeDef, AttributeType } from '../dictionary/types.ts';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './ip.ts';

/**
 * A decoded attribute value. string: string types, addresses, prefixes and
 * enum names; number: integer/byte/short/signed; bigint: integer64;
 * Date: date; Buffer: octets and anything without a richer form.
 */
export type AttributeValue = string | number | bigint | Buffer | Date;

function invalid(type: string, length: number): RadiusDecodeError {
  return new RadiusDecodeError(`invalid ${type} value of length ${length}`, 'INVALID_VALUE');
}

function hexGroups(v: Buffer, sep: string, groupBytes: number): string {
  const parts: string[] = [];
  for (let i = 0; i < v.length; i += groupBytes) parts.push(v.subarray(i, i + groupBytes).toString('hex'));
  return parts.join(sep);
}

/**
 * Decodes value bytes per RFC 8044 data types. Fixed-size types with a wrong
 * length are "invalid attributes" (RFC 6929 §2.8) and raise INVALID_VALUE.
 * Octets are returned as a view on the packet (no copy).
 */
export function decodeValue(type: AttributeType, v: Buffer): AttributeValue {
  switch (type) {
    case 'string':
      return v.toString('utf8');
    case 'integer':
      if (v.length !== 4) throw invalid(type, v.length);
      return v.readUInt32BE(0);
    case 'signed':
      if (v.length !== 4) throw invalid(type, v.length);
      return v.readInt32BE(0);
    case 'byte':
      if (v.length !== 1) throw invalid(type, v.length);
      return v[0]!;
    case 'short':
      if (v.length !== 2) throw invalid(type, v.length);
      return v.readUInt16BE(0);
    case 'integer64':
      if (v.length !== 8) throw invalid(type, v.length);
      return v.readBigUInt64BE(0);
    case 'date':
      // RFC 2869 §5.3 / RFC 8044 §3.5: seconds since 1970-01-01 UTC.
      if (v.length !== 4) throw invalid(type, v.length);
      return new Date(v.readUInt32BE(0) * 1000);
    case 'ipaddr':
      if (v.length !== 4) throw invalid(type, v.length);
      return formatIPv4(v);
    case 'ipv6addr':
      if (v.length !== 16) throw invalid(type, v.length);
      return formatIPv6(v);
    case 'combo-ip':
      if (v.length === 4) return formatIPv4(v);
      if (v.length === 16) return formatIPv6(v);
      throw invalid(type, v.length);
    case 'ipv6prefix': {
      // RFC 3162 §2.3: reserved, prefix-length, then only the significant prefix octets.
      if (v.length < 2 || v.length > 18) throw invalid(type, v.length);
      const bits = v[1]!;
      if (bits > 128 || (v.length - 2) * 8 < bits) throw invalid(type, v.length);
      const addr = Buffer.alloc(16);
      v.copy(addr, 0, 2);
      return `${formatIPv6(addr)}/${bits}`;
    }
    case 'ipv4prefix': {
      // RFC 6572 §3.4: reserved, prefix-length (0-32), 4 address octets.
      if (v.length !== 6 || (v[1]! & 0x3f) > 32) throw invalid(type, v.length);
      return `${formatIPv4(v, 2)}/${v[1]! & 0x3f}`;
    }
    case 'ifid':
      // RFC 3162 §2.2: 8-octet interface identifier.
      if (v.length !== 8) throw invalid(type, v.length);
      return hexGroups(v, ':', 2);
    case 'ether':
      if (v.length !== 6) throw invalid(type, v.length);
      return hexGroups(v, ':', 1);
    default:
      return v;
  }
}

function toNumber(def: AttributeDef, value: AttributeValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const named = def.values.get(value);
    if (named !== undefined) return named;
    if (/^-?\d+$/.test(value)) return Number(value);
    if (/^0x[0-9a-f]+$/i.test(value)) return Number.parseInt(value, 16);
  }
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  throw new RadiusEncodeError(`${def.name}: cannot encode ${String(value)} as ${def.type}`);
}

function uint(def: AttributeDef, value: AttributeValue, bytes: 1 | 2 | 4): Buffer {
  const n = toNumber(def, value);
  const max = bytes === 4 ? 0xffffffff : bytes === 2 ? 0xffff : 0xff;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RadiusEncodeError(`${def.name}: ${n} out of range for ${def.type}`);
  const out = Buffer.allocUnsafe(bytes);
  out.writeUIntBE(n, 0, bytes);
  return out;
}

function text(def: AttributeDef, value: AttributeValue): string {
  if (typeof value !== 'string') throw new RadiusEncodeError(`${def.name}: expected text for ${def.type}`);
  return value;
}

function prefix(def: AttributeDef, value: AttributeValue, v6: boolean): Buffer {
  const s = text(def, value);
  const slash = s.lastIndexOf('/');
  const bits = slash < 0 ? (v6 ? 128 : 32) : Number(s.slice(slash + 1));
  const addr = (v6 ? parseIPv6 : parseIPv4)(slash < 0 ? s : s.slice(0, slash));
  if (!addr || !Number.isInteger(bits) || bits < 0 || bits > (v6 ? 128 : 32)) {
    throw new RadiusEncodeError(`${def.name}: invalid prefix "${s}"`);
  }
  if (!v6) return Buffer.concat([Buffer.from([0, bits]), addr]);
  // RFC 3162 §2.3: send only the octets the prefix length covers (FreeRADIUS does the same).
  return Buffer.concat([Buffer.from([0, bits]), addr.subarray(0, Math.ceil(bits / 8))]);
}

function hexBytes(def: AttributeDef, value: AttributeValue, length: number): Buffer {
  const hex = text(def, value).replace(/[:.-]/g, '');
  if (!new RegExp(`^[0-9a-f]{${length * 2}}$`, 'i').test(hex))
    throw new RadiusEncodeError(`${def.name}: invalid ${def.type} "${String(value)}"`);
  return Buffer.from(hex, 'hex');
}

/** Encodes a value for `def` (before tagging/encryption). Enum names are mapped through VALUE definitions. */
export function encodeValue(def: AttributeDef, value: AttributeValue): Buffer {
  if (Buffer.isBuffer(value) && def.type !== 'integer' && def.type !== 'date') return value;
  switch (def.type) {
    case 'string':
      return Buffer.from(text(def, value), 'utf8');
    case 'integer':
    case 'date':
      if (Buffer.isBuffer(value)) {
        if (value.length !== 4) throw new RadiusEncodeError(`${def.name}: expected 4 octets`);
        return value;
      }
      return uint(def, value, 4);
    case 'byte':
      return uint(def, value, 1);
    case 'short':
      return uint(def, value, 2);
    case 'signed': {
      const n = toNumber(def, value);
      if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RadiusEncodeError(`${def.name}: ${n} out of range`);
      const out = Buffer.allocUnsafe(4);
      out.writeInt32BE(n, 0);
      return out;
    }
    case 'integer64': {
      const n = typeof value === 'bigint' ? value : typeof value === 'number' || typeof value === 'string' ? BigInt(value) : undefined;
      if (n === undefined || n < 0n || n > 0xffffffffffffffffn) throw new RadiusEncodeError(`${def.name}: invalid integer64`);
      const out = Buffer.allocUnsafe(8);
      out.writeBigUInt64BE(n, 0);
      return out;
    }
    case 'ipaddr':
    case 'ipv6addr':
    case 'combo-ip': {
      const s = text(def, value);
      const addr = def.type === 'ipaddr' ? parseIPv4(s) : def.type === 'ipv6addr' ? parseIPv6(s) : (parseIPv4(s) ?? parseIPv6(s));
      if (!addr) throw new RadiusEncodeError(`${def.name}: invalid address "${s}"`);
      return addr;
    }
    case 'ipv6prefix':
      return prefix(def, value, true);
    case 'ipv4prefix':
      return prefix(def, value, false);
    case 'ifid':
      return hexBytes(def, value, 8);
    case 'ether':
      return hexBytes(def, value, 6);
    default: {
      // octets and containers: text is taken as 0x-hex when it looks like it, else UTF-8.
      const s = text(def, value);
      if (/^0x([0-9a-f]{2})*$/i.test(s)) return Buffer.from(s.slice(2), 'hex');
      return Buffer.from(s, 'utf8');
    }
  }
}
