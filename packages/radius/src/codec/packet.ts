import { RadiusDecodeError } from '../errors.ts';
import { defaultDictionary } from '../dictionary/default.ts';
import type { Dictionary } from '../dictionary/dictionary.ts';
import type { AttributeDef } from '../dictionary/types.ts';
import { codeName } from './codes.ts';
import { checkAttributeFraming, decodeStructure, framed, type RawAttribute, type WireAttribute } from './decode.ts';
import { saltDecrypt } from './salt-crypt.ts';
import { unhidePassword } from './user-password.ts';
import { decodeValue, type AttributeValue } from './values.ts';

export interface DecodeOptions {
  dictionary?: Dictionary;
  /** Shared secret: needed to read encrypted attributes (User-Password, Tunnel-Password, MS-MPPE keys). */
  secret?: string | Buffer;
  /**
   * For responses: the Request Authenticator of the request, which salt
   * encryption (RFC 2868 §3.5, RFC 2548 §2.4.2) is keyed with.
   */
  requestAuthenticator?: Buffer;
}

export interface TaggedValue {
  /** RFC 2868 §3 tag, 0 when absent. */
  readonly tag: number;
  readonly value: AttributeValue;
}

/**
 * A received packet. Framing is validated up front; attribute values are
 * only interpreted when asked for, so a server pays for what it reads.
 *
 * Attributes are split into objects (`attributes`) only when something asks
 * for them: lookups of ordinary attributes by name walk the packet octets,
 * which made a server's Access-Request cost about a third fewer bytes.
 */
export class RadiusPacket {
  readonly code: number;
  readonly identifier: number;
  /** The packet octets (without trailing padding). */
  readonly raw: Buffer;
  /** Offset of the Message-Authenticator value in `raw`, or -1 when absent. */
  readonly messageAuthenticatorOffset: number;
  readonly dictionary: Dictionary;
  private readonly secret: string | Buffer | undefined;
  private readonly requestAuthenticator: Buffer | undefined;
  private split: readonly WireAttribute[] | undefined;
  private authView: Buffer | undefined;

  constructor(buf: Buffer, options: DecodeOptions = {}) {
    this.dictionary = options.dictionary ?? defaultDictionary();
    // The same checks and errors as decodeStructure, which runs on first use of `attributes`.
    const raw = framed(buf);
    this.messageAuthenticatorOffset = checkAttributeFraming(raw);
    this.code = raw[0]!;
    this.identifier = raw[1]!;
    this.raw = raw;
    this.secret = options.secret;
    this.requestAuthenticator = options.requestAuthenticator;
  }

  /** Request or Response Authenticator (a view on `raw`, made on first use: the server's hot path reads `raw` at 4-20). */
  get authenticator(): Buffer {
    return (this.authView ??= this.raw.subarray(4, 20));
  }

  /** Every attribute in packet order, VSAs split into their sub-attributes, resolved against the dictionary. */
  get attributes(): readonly WireAttribute[] {
    return (this.split ??= decodeStructure(this.raw, this.dictionary).attributes);
  }

  /**
   * Offset in `raw` of the value of the first top-level attribute of `type`, or -1; its length
   * is `raw[offset - 1] - 2`. For ordinary types, not 26 (VSAs) or 241-246 (extended).
   */
  valueOffset(type: number): number {
    const raw = this.raw;
    for (let p = 20; p < raw.length; p += raw[p + 1]!) if (raw[p] === type) return p + 2;
    return -1;
  }

  get codeName(): string {
    return codeName(this.code);
  }

  get hasMessageAuthenticator(): boolean {
    return this.messageAuthenticatorOffset >= 0;
  }

  /** Raw attributes matching `name` (aliases resolve to the same definition). */
  rawAttributes(name: string): RawAttribute[] {
    const def = this.dictionary.require(name);
    const out: RawAttribute[] = [];
    for (const a of this.attributes) if (a.def === def) out.push(a);
    return out;
  }

  has(name: string): boolean {
    const def = this.dictionary.require(name);
    const type = ordinaryType(def);
    if (type > 0) return this.valueOffset(type) >= 0;
    // Indexed loops here: these run several times per request, iterator-free even unoptimised.
    const list = this.attributes;
    for (let i = 0; i < list.length; i++) if (list[i]!.def === def) return true;
    return false;
  }

  /**
   * First value of `name`, typed per the dictionary (enum integers as their
   * VALUE name). For `concat` attributes (EAP-Message) the joined value.
   * Throws RadiusDictionaryError for unknown names and RadiusDecodeError for
   * malformed values.
   */
  get(name: string): AttributeValue | undefined {
    const def = this.dictionary.require(name);
    if (def.concat) return this.getBuffer(name);
    const type = ordinaryType(def);
    if (type > 0) {
      const at = this.valueOffset(type);
      return at < 0 ? undefined : this.valueAt(def, this.raw, at, at + this.raw[at - 1]! - 2);
    }
    const list = this.attributes;
    for (let i = 0; i < list.length; i++) if (list[i]!.def === def) return this.valueOf(def, list[i]!);
    return undefined;
  }

  /** Every value of `name`, in packet order (RFC 2865 §5: order of same-type attributes is significant). */
  getAll(name: string): AttributeValue[] {
    const def = this.dictionary.require(name);
    const out: AttributeValue[] = [];
    for (const a of this.attributes) if (a.def === def) out.push(this.interpret(def, this.bytesOf(def, a.value).bytes));
    return out;
  }

  /** Values with their RFC 2868 tags, for has_tag attributes (Tunnel-*). */
  getTagged(name: string): TaggedValue[] {
    const def = this.dictionary.require(name);
    const out: TaggedValue[] = [];
    for (const a of this.attributes) {
      if (a.def !== def) continue;
      const { tag, bytes } = this.bytesOf(def, a.value);
      out.push({ tag, value: this.interpret(def, bytes) });
    }
    return out;
  }

  /** The value as text: strings as-is, enums by name, numbers and addresses formatted. */
  getString(name: string): string | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (Buffer.isBuffer(v)) return v.toString('utf8');
    if (v instanceof Date) return v.toISOString();
    return String(v);
  }

  /** The value as a number: integers (enums as their number), dates as Unix seconds. */
  getNumber(name: string): number | undefined {
    const def = this.dictionary.require(name);
    const type = ordinaryType(def);
    if (type > 0) {
      const at = this.valueOffset(type);
      return at < 0 ? undefined : this.numberAt(name, def, this.raw, at, at + this.raw[at - 1]! - 2);
    }
    for (const a of this.attributes) if (a.def === def) return this.numberAt(name, def, a.source, a.start, a.end);
    return undefined;
  }

  private numberAt(name: string, def: AttributeDef, source: Buffer, start: number, end: number): number {
    if (def.type === 'integer' && plain(def) && end - start === 4) return source.readUInt32BE(start);
    const v = decodeValue(def.type, this.bytesOf(def, source.subarray(start, end)).bytes);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.getTime() / 1000;
    throw new RadiusDecodeError(`${name} is not numeric`, 'INVALID_VALUE');
  }

  /** The value octets after untagging and decryption; all fragments joined for `concat` attributes. */
  getBuffer(name: string): Buffer | undefined {
    const def = this.dictionary.require(name);
    const parts: Buffer[] = [];
    for (const a of this.attributes) {
      if (a.def !== def) continue;
      const bytes = this.bytesOf(def, a.value).bytes;
      if (!def.concat) return bytes;
      parts.push(bytes);
    }
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Plain object of every attribute, for logging; encrypted values are shown as '<hidden>'. */
  toObject(): Record<string, AttributeValue | AttributeValue[]> {
    const out: Record<string, AttributeValue | AttributeValue[]> = {};
    for (const a of this.attributes) {
      const name = a.def?.name ?? unknownName(a);
      let value: AttributeValue;
      try {
        value = a.def ? (a.def.encrypt !== 0 ? '<hidden>' : this.interpret(a.def, this.bytesOf(a.def, a.value).bytes)) : a.value;
      } catch {
        value = a.value;
      }
      const existing = out[name];
      if (existing === undefined) out[name] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else out[name] = [existing, value];
    }
    return out;
  }

  /**
   * interpret(def, bytesOf(def, a).bytes), read in place for untagged, unencrypted text and
   * integers (what servers read on every request): no view, no intermediate object.
   */
  private valueOf(def: AttributeDef, a: WireAttribute): AttributeValue {
    return this.valueAt(def, a.source, a.start, a.end);
  }

  private valueAt(def: AttributeDef, source: Buffer, start: number, end: number): AttributeValue {
    if (plain(def)) {
      if (def.type === 'string') return source.toString('utf8', start, end);
      if (def.type === 'integer' && end - start === 4) {
        const n = source.readUInt32BE(start);
        return def.valueNames.size > 0 ? (def.valueNames.get(n) ?? n) : n;
      }
    }
    return this.interpret(def, this.bytesOf(def, source.subarray(start, end)).bytes);
  }

  private interpret(def: AttributeDef, bytes: Buffer): AttributeValue {
    const v = decodeValue(def.type, bytes);
    if (typeof v === 'number' && def.valueNames.size > 0) return def.valueNames.get(v) ?? v;
    return v;
  }

  /** Strips the RFC 2868 tag and undoes encryption. */
  private bytesOf(def: AttributeDef, value: Buffer): { tag: number; bytes: Buffer } {
    let tag = 0;
    let bytes = value;
    if (def.hasTag && bytes.length > 0) {
      if (def.type === 'integer' && def.encrypt === 0) {
        // RFC 2868 §3.1: the tag replaces the high octet of the 32-bit value.
        if (bytes.length !== 4) throw new RadiusDecodeError(`${def.name}: tagged integer of length ${bytes.length}`, 'INVALID_VALUE');
        tag = bytes[0]!;
        bytes = Buffer.from([0, bytes[1]!, bytes[2]!, bytes[3]!]);
      } else if (def.encrypt === 2 || bytes[0]! <= 0x1f) {
        // RFC 2868 §3.5: Tunnel-Password always carries the tag; strings only when <= 0x1F.
        tag = bytes[0]!;
        bytes = bytes.subarray(1);
      }
    }
    if (def.encrypt === 1 || def.encrypt === 2) {
      if (this.secret === undefined) throw new RadiusDecodeError(`${def.name} is encrypted: decode with a secret`, 'SECRET_REQUIRED');
      bytes =
        def.encrypt === 1
          ? unhidePassword(bytes, this.secret, this.authenticator)
          : saltDecrypt(bytes, this.secret, this.requestAuthenticator ?? this.authenticator);
    }
    return { tag, bytes };
  }
}

/**
 * The type to look for among top-level attributes when `def` is an ordinary standard attribute,
 * else 0: VSAs and extended attributes are found among the split attributes (and a name for
 * 26 or 241-246 itself matches only those kept whole as invalid, RFC 6929 §2.8).
 */
function ordinaryType(def: AttributeDef): number {
  if (def.space.kind !== 'standard') return 0;
  const t = def.code;
  return t === 26 || (t >= 241 && t <= 246) ? 0 : t;
}

/** Neither tagged nor encrypted: the value octets are the value. */
function plain(def: AttributeDef): boolean {
  return !def.hasTag && def.encrypt === 0;
}

function unknownName(a: RawAttribute): string {
  if (a.vendorId !== 0) return a.type === 26 ? `Vendor-${a.vendorId}-Attr-${a.code}` : `Attr-${a.type}.26.${a.vendorId}.${a.code}`;
  return a.code === a.type ? `Attr-${a.type}` : `Attr-${a.type}.${a.code}`;
}

/** Decodes a datagram. Throws RadiusDecodeError (and nothing else) on malformed framing. */
export function decodePacket(buf: Buffer, options?: DecodeOptions): RadiusPacket {
  return new RadiusPacket(buf, options);
}
