import { RadiusEncodeError } from '../errors.ts';
import type { Dictionary } from '../dictionary/dictionary.ts';
import type { AttributeDef, VendorDef } from '../dictionary/types.ts';
import { MAX_PACKET_LENGTH } from './codes.ts';
import { saltEncrypt } from './salt-crypt.ts';
import { hidePassword } from './user-password.ts';
import { encodeValue, type AttributeValue } from './values.ts';

/**
 * An attribute to send: [name, value], [name, value, tag], an object with a
 * name, or raw octets by number (a standard type, or a vendor id + type).
 */
export type AttributeInput =
  | readonly [name: string, value: AttributeValue, tag?: number]
  | { readonly name: string; readonly value: AttributeValue; readonly tag?: number }
  | { readonly type: number; readonly value: Buffer }
  | { readonly vendorId: number; readonly vendorType: number; readonly value: Buffer };

/** A list of attributes, or an object of name -> value(s) (order: key order, then array order). */
export type AttributeList = readonly AttributeInput[] | Readonly<Record<string, AttributeValue | readonly AttributeValue[]>>;

export interface EncodeContext {
  readonly dictionary: Dictionary;
  readonly secret: string | Buffer;
  /** What attribute encryption is keyed with: a request's own authenticator, or the request's for a response. */
  readonly cryptAuthenticator: Buffer;
}

const MESSAGE_AUTHENTICATOR = 80;

function isTuple(input: AttributeInput): input is readonly [name: string, value: AttributeValue, tag?: number] {
  return Array.isArray(input);
}

/** Walks an AttributeList in order, calling `fn` for each (name-or-raw, value, tag). */
export function forEachAttribute(list: AttributeList, fn: (input: AttributeInput) => void): void {
  if (Array.isArray(list)) {
    for (const a of list as readonly AttributeInput[]) fn(a);
    return;
  }
  for (const [name, value] of Object.entries(list as Record<string, AttributeValue | readonly AttributeValue[]>)) {
    if (Array.isArray(value)) for (const v of value as readonly AttributeValue[]) fn([name, v]);
    else fn([name, value as AttributeValue]);
  }
}

/**
 * Serialises attributes into `out` from `pos`; returns the new position.
 * Message-Authenticator inputs are skipped: the packet builders place and
 * compute it themselves.
 */
export function writeAttributes(list: AttributeList, ctx: EncodeContext, out: Buffer, pos: number): number {
  let p = pos;
  // A plain loop for lists (what servers send): forEachAttribute's callback is a closure per packet.
  if (Array.isArray(list)) {
    const inputs = list as readonly AttributeInput[];
    for (let i = 0; i < inputs.length; i++) p = writeInput(inputs[i]!, ctx, out, p);
  } else {
    forEachAttribute(list, (input) => {
      p = writeInput(input, ctx, out, p);
    });
  }
  return p;
}

function writeInput(input: AttributeInput, ctx: EncodeContext, out: Buffer, p: number): number {
  if (isTuple(input)) return writeNamed(input[0], input[1], input[2], ctx, out, p);
  if ('name' in input) return writeNamed(input.name, input.value, input.tag, ctx, out, p);
  if ('vendorId' in input) return writeVsa(input.vendorId, input.vendorType, ctx.dictionary.vendor(input.vendorId), input.value, out, p);
  if (input.type === MESSAGE_AUTHENTICATOR) return p;
  return writeStandard(input.type, input.value, false, out, p);
}

function writeNamed(name: string, value: AttributeValue, tag: number | undefined, ctx: EncodeContext, out: Buffer, p: number): number {
  const def = ctx.dictionary.attribute(name);
  if (!def) throw new RadiusEncodeError(`unknown attribute "${name}"`);
  if (def.code === MESSAGE_AUTHENTICATOR && def.space.kind === 'standard') return p;
  const written = writeDirect(def, value, ctx.dictionary, out, p);
  if (written >= 0) return written;
  return writeDefined(def, prepareValue(def, value, tag, ctx), ctx.dictionary, out, p);
}

/**
 * The usual reply attribute (standard or VSA; text, integer or octets; no tag, no encryption)
 * written straight into the packet, where going through encodeValue made a Buffer for each.
 * Returns -1 for anything else, or anything that does not fit: the general path then encodes
 * it, and raises the errors, as before.
 */
function writeDirect(def: AttributeDef, value: AttributeValue, dict: Dictionary, out: Buffer, pos: number): number {
  if (def.hasTag || def.encrypt !== 0 || def.concat) return -1;
  let length: number;
  let n = 0;
  if (def.type === 'integer') {
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && def.values.has(value)) n = def.values.get(value)!;
    else return -1;
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return -1;
    length = 4;
  } else if (Buffer.isBuffer(value) && def.type !== 'date') {
    length = value.length;
  } else if (def.type === 'string' && typeof value === 'string') {
    length = Buffer.byteLength(value, 'utf8');
  } else return -1;
  let at: number;
  if (def.space.kind === 'standard') {
    if (length > 253 || pos + 2 + length > MAX_PACKET_LENGTH) return -1;
    out[pos] = def.code;
    out[pos + 1] = length + 2;
    at = pos + 2;
  } else if (def.space.kind === 'vendor') {
    const vendor = dict.vendor(def.vendorId);
    const header = 6 + (vendor?.typeSize ?? 1) + (vendor?.lengthSize ?? 1) + (vendor?.continuation ? 1 : 0);
    if (header + length > 255 || pos + header + length > MAX_PACKET_LENGTH) return -1;
    at = writeVsaHeader(def.vendorId, def.code, vendor, length, out, pos);
  } else return -1;
  if (def.type === 'integer') out.writeUInt32BE(n, at);
  else if (typeof value === 'string') out.write(value, at, length, 'utf8');
  else (value as Buffer).copy(out, at);
  return at + length;
}

/** Value octets with RFC 2868 tag and RFC 2865 §5.2 / RFC 2868 §3.5 encryption applied. */
function prepareValue(def: AttributeDef, value: AttributeValue, tag: number | undefined, ctx: EncodeContext): Buffer {
  let bytes = encodeValue(def, value);
  if (def.hasTag && tag !== undefined && (tag < 0 || tag > 0x1f)) throw new RadiusEncodeError(`${def.name}: tag ${tag} outside 0..31`);
  if (def.encrypt === 1) bytes = hidePassword(bytes, ctx.secret, ctx.cryptAuthenticator);
  else if (def.encrypt === 2) bytes = saltEncrypt(bytes, ctx.secret, ctx.cryptAuthenticator);
  if (!def.hasTag) return bytes;
  if (def.type === 'integer' && def.encrypt === 0) {
    // RFC 2868 §3.1: the tag occupies the high octet of the 32-bit value.
    if (bytes[0] !== 0) throw new RadiusEncodeError(`${def.name}: tagged value must fit in 24 bits`);
    const tagged = Buffer.from(bytes);
    tagged[0] = tag ?? 0;
    return tagged;
  }
  // Tunnel-Password always has the tag octet; strings need one when the data could be mistaken for a tag.
  if (def.encrypt === 2 || (tag ?? 0) > 0 || (bytes.length > 0 && bytes[0]! <= 0x1f)) {
    return Buffer.concat([Buffer.from([tag ?? 0]), bytes]);
  }
  return bytes;
}

function ensureRoom(pos: number, needed: number): void {
  if (pos + needed > MAX_PACKET_LENGTH) throw new RadiusEncodeError('packet would exceed 4096 octets (RFC 2865 §3)');
}

function writeDefined(def: AttributeDef, bytes: Buffer, dict: Dictionary, out: Buffer, pos: number): number {
  const space = def.space;
  switch (space.kind) {
    case 'standard':
      return writeStandard(def.code, bytes, def.concat, out, pos, def.name);
    case 'vendor':
      return writeVsa(def.vendorId, def.code, dict.vendor(def.vendorId), bytes, out, pos, def.name);
    case 'extended':
      return writeExtended(space.parent, Buffer.from([def.code]), bytes, out, pos, def.name);
    case 'evs': {
      const header = Buffer.allocUnsafe(6);
      header[0] = 26;
      header.writeUInt32BE(space.vendorId, 1);
      header[5] = def.code;
      return writeExtended(space.parent, header, bytes, out, pos, def.name);
    }
    case 'tlv':
      throw new RadiusEncodeError(`${def.name}: TLV members cannot be sent individually; send the parent as octets`);
  }
}

/** RFC 2865 §5: Type, Length, Value. concat attributes (RFC 2869 §5.13) are split into 253-octet pieces. */
function writeStandard(type: number, bytes: Buffer, concat: boolean, out: Buffer, pos: number, name?: string): number {
  if (bytes.length > 253 && !concat) throw new RadiusEncodeError(`${name ?? `Attr-${type}`}: value of ${bytes.length} octets exceeds 253`);
  let p = pos;
  let offset = 0;
  do {
    const chunk = Math.min(253, bytes.length - offset);
    ensureRoom(p, chunk + 2);
    out[p] = type;
    out[p + 1] = chunk + 2;
    bytes.copy(out, p + 2, offset, offset + chunk);
    p += chunk + 2;
    offset += chunk;
  } while (offset < bytes.length);
  return p;
}

/**
 * RFC 2865 §5.26 Vendor-Specific with one sub-attribute, laid out like
 * FreeRADIUS: 26, length, vendor id, then type/length per the vendor's format.
 */
function writeVsa(
  vendorId: number,
  code: number,
  vendor: VendorDef | undefined,
  bytes: Buffer,
  out: Buffer,
  pos: number,
  attrName?: string,
): number {
  const header = (vendor?.typeSize ?? 1) + (vendor?.lengthSize ?? 1) + (vendor?.continuation ? 1 : 0);
  const total = 2 + 4 + header + bytes.length;
  if (total > 255) throw new RadiusEncodeError(`${attrName ?? `Vendor-${vendorId}-Attr-${code}`}: value of ${bytes.length} octets too long for a VSA`);
  ensureRoom(pos, total);
  bytes.copy(out, writeVsaHeader(vendorId, code, vendor, bytes.length, out, pos));
  return pos + total;
}

/** Type 26, length, vendor id and the sub-attribute's type/length for `valueLength` octets; returns the value's offset. */
function writeVsaHeader(vendorId: number, code: number, vendor: VendorDef | undefined, valueLength: number, out: Buffer, pos: number): number {
  const t = vendor?.typeSize ?? 1;
  const l = vendor?.lengthSize ?? 1;
  const c = vendor?.continuation ? 1 : 0;
  const header = t + l + c;
  out[pos] = 26;
  out[pos + 1] = 2 + 4 + header + valueLength;
  out.writeUInt32BE(vendorId, pos + 2);
  let p = pos + 6;
  if (t === 1) out[p] = code;
  else if (t === 2) out.writeUInt16BE(code, p);
  else out.writeUInt32BE(code, p);
  p += t;
  if (l === 1) out[p] = header + valueLength;
  else if (l === 2) out.writeUInt16BE(header + valueLength, p);
  p += l;
  if (c) out[p++] = 0;
  return p;
}

/**
 * RFC 6929 §2.1/§2.2: Extended-Type header inside 241-244, or fragments of at
 * most 251 octets with the More flag inside 245/246.
 */
function writeExtended(parent: number, extHeader: Buffer, bytes: Buffer, out: Buffer, pos: number, name: string): number {
  const long = parent === 245 || parent === 246;
  if (!long) {
    const total = 2 + extHeader.length + bytes.length;
    if (total > 255) throw new RadiusEncodeError(`${name}: value of ${bytes.length} octets too long`);
    ensureRoom(pos, total);
    out[pos] = parent;
    out[pos + 1] = total;
    extHeader.copy(out, pos + 2);
    bytes.copy(out, pos + 2 + extHeader.length);
    return pos + total;
  }
  // Long extended: Type, Length, Extended-Type, Flags, then (EVS header +) data. Only the first
  // fragment's data carries the EVS vendor header; it is part of the reassembled value.
  const data = extHeader.length > 1 ? Buffer.concat([extHeader.subarray(1), bytes]) : bytes;
  let p = pos;
  let offset = 0;
  do {
    const chunk = Math.min(251, data.length - offset);
    ensureRoom(p, chunk + 4);
    out[p] = parent;
    out[p + 1] = chunk + 4;
    out[p + 2] = extHeader[0]!;
    out[p + 3] = offset + chunk < data.length ? 0x80 : 0;
    data.copy(out, p + 4, offset, offset + chunk);
    p += chunk + 4;
    offset += chunk;
  } while (offset < data.length);
  return p;
}
