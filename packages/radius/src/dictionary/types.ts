/**
 * Data types of attribute values, as named by FreeRADIUS dictionaries.
 * RFC 8044 gives the modern names; FreeRADIUS keeps the historic ones
 * (ipaddr, ifid, ...) and so does this library, so operator files load as-is.
 */
export type AttributeType =
  | 'string'
  | 'octets'
  | 'integer'
  | 'signed'
  | 'byte'
  | 'short'
  | 'integer64'
  | 'date'
  | 'ipaddr'
  | 'ipv6addr'
  | 'ipv6prefix'
  | 'ipv4prefix'
  | 'ifid'
  | 'ether'
  | 'combo-ip'
  | 'abinary'
  | 'tlv'
  | 'vsa'
  | 'extended'
  | 'long-extended'
  | 'evs';

export const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set<AttributeType>([
  'string',
  'octets',
  'integer',
  'signed',
  'byte',
  'short',
  'integer64',
  'date',
  'ipaddr',
  'ipv6addr',
  'ipv6prefix',
  'ipv4prefix',
  'ifid',
  'ether',
  'combo-ip',
  'abinary',
  'tlv',
  'vsa',
  'extended',
  'long-extended',
  'evs',
]);

/**
 * encrypt=1: User-Password hiding (RFC 2865 §5.2);
 * encrypt=2: salted Tunnel-Password style (RFC 2868 §3.5, RFC 2548 §2.4.2);
 * encrypt=3: Ascend-Send-Secret (not implemented on the wire: values stay octets).
 */
export type EncryptMethod = 0 | 1 | 2 | 3;

/** Where an attribute lives on the wire. */
export type AttributeSpace =
  | { readonly kind: 'standard' }
  | { readonly kind: 'vendor'; readonly vendorId: number }
  /** RFC 6929 §2.1/§2.2: Extended-Type inside attribute 241..246. */
  | { readonly kind: 'extended'; readonly parent: number }
  /** RFC 6929 §2.4: Extended-Vendor-Specific, vendor attribute inside 241..246 type 26. */
  | { readonly kind: 'evs'; readonly parent: number; readonly vendorId: number }
  /** A TLV member (RFC 6929 §2.3); parsed from dictionaries, carried as octets. */
  | { readonly kind: 'tlv'; readonly parentName: string };

export interface AttributeDef {
  readonly name: string;
  readonly type: AttributeType;
  /** Number within its space: attribute type, vendor type or extended type. */
  readonly code: number;
  readonly space: AttributeSpace;
  /** 0 for non-vendor attributes. */
  readonly vendorId: number;
  readonly encrypt: EncryptMethod;
  /** RFC 2868 §3: a leading tag octet groups tunnel attributes. */
  readonly hasTag: boolean;
  /** RFC 2869 §5.13 / RFC 7268 §2: value split over several attributes. */
  readonly concat: boolean;
  /** octets[N] fixed length, when the dictionary states one. */
  readonly fixedLength: number | undefined;
  /** VALUE name -> number (integer enums). */
  readonly values: Map<string, number>;
  /** number -> VALUE name (first name wins, like FreeRADIUS). */
  readonly valueNames: Map<number, string>;
}

export interface VendorDef {
  readonly id: number;
  readonly name: string;
  /** format=t,l: octets of the vendor type field (1, 2 or 4). RFC 2865 §5.26 suggests 1. */
  readonly typeSize: 1 | 2 | 4;
  /** octets of the vendor length field (0, 1 or 2). */
  readonly lengthSize: 0 | 1 | 2;
  /** format=...,c: WiMAX style continuation octet after the length. */
  readonly continuation: boolean;
  readonly attributes: Map<number, AttributeDef>;
}
