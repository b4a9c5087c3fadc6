import { RadiusDecodeError } from '../errors.ts';
import type { Dictionary } from '../dictionary/dictionary.ts';
import type { AttributeDef } from '../dictionary/types.ts';
import { HEADER_LENGTH, MAX_PACKET_LENGTH } from './codes.ts';

/** One attribute as found on the wire, resolved against the dictionary but not yet interpreted. */
export interface RawAttribute {
  /** Top-level type octet (1-255). */
  readonly type: number;
  /** Vendor id of VSAs and Extended-Vendor-Specific attributes, else 0. */
  readonly vendorId: number;
  /** Number within its space: attribute type, vendor type or extended type. */
  readonly code: number;
  readonly def: AttributeDef | undefined;
  /** Value octets, tag and encryption still applied. A view on the packet, except reassembled long-extended values. */
  readonly value: Buffer;
}

/**
 * A decoded attribute that remembers where its value lies instead of holding a Buffer view of
 * it: a view costs an object of ~100 bytes, made for every attribute of every packet although a
 * server reads few of them. `value` makes (and keeps) the view on first use; readers in this
 * library use `source`/`start`/`end` and need none.
 */
export class WireAttribute implements RawAttribute {
  readonly #source: Buffer;
  readonly #start: number;
  readonly #end: number;
  #view: Buffer | undefined;

  constructor(
    readonly type: number,
    readonly vendorId: number,
    readonly code: number,
    readonly def: AttributeDef | undefined,
    source: Buffer,
    start: number,
    end: number,
  ) {
    this.#source = source;
    this.#start = start;
    this.#end = end;
  }

  get value(): Buffer {
    return (this.#view ??= this.#source.subarray(this.#start, this.#end));
  }

  /** The packet (or reassembled value) the value octets are in, from `start` to `end`. */
  get source(): Buffer {
    return this.#source;
  }

  get start(): number {
    return this.#start;
  }

  get end(): number {
    return this.#end;
  }
}

export interface DecodedStructure {
  readonly code: number;
  readonly identifier: number;
  readonly authenticator: Buffer;
  /** The packet without any trailing padding (RFC 2865 §3: octets past Length are ignored). */
  readonly raw: Buffer;
  readonly attributes: WireAttribute[];
  /** Offset of the Message-Authenticator value octets, or -1. */
  readonly messageAuthenticatorOffset: number;
}

const VENDOR_SPECIFIC = 26;
const MESSAGE_AUTHENTICATOR = 80;

/**
 * Validates the packet framing and splits it into attributes. Framing errors
 * (RFC 2865 §3/§5: Length field, attribute length < 2, overflow) raise
 * RadiusDecodeError. Malformed contents of VSAs and extended attributes are
 * kept as opaque attributes instead, per RFC 6929 §2.8 ("invalid attributes").
 */
export function decodeStructure(buf: Buffer, dict: Dictionary): DecodedStructure {
  const raw = framed(buf);
  const length = raw.length;
  // The framing is checked first, once, by the same walk that lazy decoding relies on.
  const maOffset = checkAttributeFraming(raw);
  const attributes: WireAttribute[] = [];
  let pos = HEADER_LENGTH;
  while (pos < length) {
    const type = raw[pos]!;
    const end = pos + raw[pos + 1]!;
    if (type === VENDOR_SPECIFIC) {
      splitVsa(raw, pos + 2, end, dict, attributes);
    } else if (type >= 241 && type <= 244) {
      pushExtended(type, raw, pos + 2, end, dict, attributes);
    } else if (type === 245 || type === 246) {
      pos = pushLongExtended(raw, pos, dict, attributes);
      continue;
    } else {
      attributes.push(new WireAttribute(type, 0, type, dict.standardAttribute(type), raw, pos + 2, end));
    }
    pos = end;
  }
  return {
    code: raw[0]!,
    identifier: raw[1]!,
    authenticator: raw.subarray(4, 20),
    raw,
    attributes,
    messageAuthenticatorOffset: maOffset,
  };
}

/** The datagram's packet: its Length field checked, trailing padding cut off (a view). */
export function framed(buf: Buffer): Buffer {
  if (buf.length < HEADER_LENGTH) throw new RadiusDecodeError(`packet of ${buf.length} octets is shorter than 20`, 'TOO_SHORT');
  if (buf.length > MAX_PACKET_LENGTH) throw new RadiusDecodeError(`datagram of ${buf.length} octets exceeds 4096`, 'TOO_LONG');
  const length = buf.readUInt16BE(2);
  if (length < HEADER_LENGTH || length > MAX_PACKET_LENGTH) {
    throw new RadiusDecodeError(`Length field ${length} outside 20..4096`, 'INVALID_LENGTH');
  }
  if (length > buf.length) throw new RadiusDecodeError(`Length field ${length} exceeds the ${buf.length} octets received`, 'TRUNCATED');
  return length === buf.length ? buf : buf.subarray(0, length);
}

/**
 * decodeStructure's checks without splitting anything: the same errors for the same packets,
 * so that attributes can be split only when asked for. Every fragment of a long extended
 * attribute is a well-formed top-level attribute wherever decodeStructure accepts it, so a walk
 * over top-level attributes sees what it sees. Returns the Message-Authenticator's value offset, or -1.
 * Afterwards `pos += raw[pos + 1]` from 20 walks the top-level attributes safely.
 */
export function checkAttributeFraming(raw: Buffer): number {
  const length = raw.length;
  let maOffset = -1;
  let pos = HEADER_LENGTH;
  while (pos < length) {
    if (pos + 2 > length) throw new RadiusDecodeError(`attribute header truncated at offset ${pos}`, 'ATTRIBUTE_TRUNCATED', pos);
    const type = raw[pos]!;
    const attrLength = raw[pos + 1]!;
    if (attrLength < 2) throw new RadiusDecodeError(`attribute ${type} has length ${attrLength} < 2`, 'ATTRIBUTE_LENGTH', pos);
    const end = pos + attrLength;
    if (end > length) throw new RadiusDecodeError(`attribute ${type} at offset ${pos} overflows the packet`, 'ATTRIBUTE_OVERFLOW', pos);
    if (type === MESSAGE_AUTHENTICATOR) {
      if (attrLength !== 18 || maOffset >= 0) {
        throw new RadiusDecodeError('malformed or repeated Message-Authenticator', 'INVALID_MESSAGE_AUTHENTICATOR', pos);
      }
      maOffset = pos + 2;
    }
    pos = end;
  }
  return maOffset;
}

function opaque(type: number, source: Buffer, start: number, end: number, dict: Dictionary): WireAttribute {
  return new WireAttribute(type, 0, type, dict.standardAttribute(type), source, start, end);
}

/**
 * RFC 2865 §5.26 VSA, split into sub-attributes per the vendor's format=t,l (one VSA may hold
 * several). `start`..`end` is the VSA's value in `raw`.
 */
function splitVsa(raw: Buffer, start: number, end: number, dict: Dictionary, out: WireAttribute[]): void {
  if (end - start < 5) {
    out.push(opaque(VENDOR_SPECIFIC, raw, start, end, dict));
    return;
  }
  const vendorId = raw.readUInt32BE(start);
  const vendor = dict.vendor(vendorId);
  const t = vendor?.typeSize ?? 1;
  const l = vendor?.lengthSize ?? 1;
  const header = t + l + (vendor?.continuation ? 1 : 0);
  // Most VSAs hold one sub-attribute: the list is only made for a second one.
  let first: WireAttribute | undefined;
  let more: WireAttribute[] | undefined;
  let pos = start + 4;
  while (pos < end) {
    if (pos + header > end) break;
    const code = t === 1 ? raw[pos]! : t === 2 ? raw.readUInt16BE(pos) : raw.readUInt32BE(pos);
    const subLength = l === 0 ? end - pos : l === 1 ? raw[pos + t]! : raw.readUInt16BE(pos + t);
    if (subLength < header || pos + subLength > end) break;
    const a = new WireAttribute(VENDOR_SPECIFIC, vendorId, code, vendor?.attributes.get(code), raw, pos + header, pos + subLength);
    if (!first) first = a;
    else (more ??= []).push(a);
    pos += subLength;
  }
  if (pos !== end) {
    out.push(opaque(VENDOR_SPECIFIC, raw, start, end, dict));
    return;
  }
  if (first) out.push(first);
  if (more) for (const a of more) out.push(a);
}

/** RFC 6929 §2.1 Extended-Type attributes 241-244 (and §2.4 Extended-Vendor-Specific inside them). */
function pushExtended(type: number, raw: Buffer, start: number, end: number, dict: Dictionary, out: WireAttribute[]): void {
  if (end - start < 1) {
    out.push(opaque(type, raw, start, end, dict));
    return;
  }
  pushExtendedValue(type, raw[start]!, raw, start + 1, end, dict, out);
}

function pushExtendedValue(type: number, extType: number, source: Buffer, start: number, end: number, dict: Dictionary, out: WireAttribute[]): void {
  if (extType === VENDOR_SPECIFIC) {
    if (end - start < 5) {
      out.push(new WireAttribute(type, 0, extType, undefined, source, start, end));
      return;
    }
    const vendorId = source.readUInt32BE(start);
    const code = source[start + 4]!;
    out.push(new WireAttribute(type, vendorId, code, dict.evsAttribute(type, vendorId, code), source, start + 5, end));
    return;
  }
  out.push(new WireAttribute(type, 0, extType, dict.extendedAttribute(type, extType), source, start, end));
}

/**
 * RFC 6929 §2.2 Long Extended Type (245, 246): fragments with the M (More)
 * flag are concatenated with the following attributes of the same Type and
 * Extended-Type. Returns the offset after the last fragment consumed.
 */
function pushLongExtended(raw: Buffer, start: number, dict: Dictionary, out: WireAttribute[]): number {
  const type = raw[start]!;
  const firstLength = raw[start + 1]!;
  if (firstLength < 4) {
    out.push(opaque(type, raw, start + 2, start + firstLength, dict));
    return start + firstLength;
  }
  const extType = raw[start + 2]!;
  const parts: Buffer[] = [];
  let pos = start;
  for (;;) {
    const attrLength = raw[pos + 1]!;
    parts.push(raw.subarray(pos + 4, pos + attrLength));
    const more = (raw[pos + 3]! & 0x80) !== 0;
    pos += attrLength;
    if (!more) break;
    // The next fragment must follow immediately and be well-formed; otherwise the whole attribute is invalid.
    const next = pos;
    if (next + 4 > raw.length || raw[next] !== type || raw[next + 2] !== extType) {
      out.push(opaque(type, raw, start + 2, start + firstLength, dict));
      return start + firstLength;
    }
    const nextLength = raw[next + 1]!;
    if (nextLength < 2) throw new RadiusDecodeError(`attribute ${type} has length ${nextLength} < 2`, 'ATTRIBUTE_LENGTH', next);
    if (next + nextLength > raw.length) {
      throw new RadiusDecodeError(`attribute ${type} at offset ${next} overflows the packet`, 'ATTRIBUTE_OVERFLOW', next);
    }
    if (nextLength < 4) {
      out.push(opaque(type, raw, start + 2, start + firstLength, dict));
      return start + firstLength;
    }
  }
  const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  pushExtendedValue(type, extType, data, 0, data.length, dict, out);
  return pos;
}
