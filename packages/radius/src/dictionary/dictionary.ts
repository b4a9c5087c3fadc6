import { RadiusDictionaryError } from '../errors.ts';
import type { AttributeDef, AttributeSpace, AttributeType, EncryptMethod, VendorDef } from './types.ts';

export interface AttributeOptions {
  encrypt?: EncryptMethod;
  hasTag?: boolean;
  concat?: boolean;
  fixedLength?: number;
}

/**
 * Name <-> number registry of attributes, vendors and enum values.
 * Numeric lookups are array/Map hits so decoding a packet stays cheap;
 * name lookups try the exact spelling first and fall back to a
 * case-insensitive map (FreeRADIUS names are case-insensitive).
 */
export class Dictionary {
  private readonly standard: (AttributeDef | undefined)[] = new Array<AttributeDef | undefined>(256);
  private readonly extended = new Map<number, AttributeDef>();
  private readonly evs = new Map<string, AttributeDef>();
  private readonly byName = new Map<string, AttributeDef>();
  private readonly byLowerName = new Map<string, AttributeDef>();
  private readonly vendorsById = new Map<number, VendorDef>();
  private readonly vendorsByName = new Map<string, VendorDef>();
  /** VALUE lines seen before their ATTRIBUTE (allowed by FreeRADIUS). */
  private readonly pendingValues = new Map<string, [string, number][]>();

  addVendor(name: string, id: number, format?: { typeSize?: 1 | 2 | 4; lengthSize?: 0 | 1 | 2; continuation?: boolean }): VendorDef {
    const existing = this.vendorsById.get(id);
    if (existing) {
      this.vendorsByName.set(name.toLowerCase(), existing);
      return existing;
    }
    const vendor: VendorDef = {
      id,
      name,
      typeSize: format?.typeSize ?? 1,
      lengthSize: format?.lengthSize ?? 1,
      continuation: format?.continuation ?? false,
      attributes: new Map(),
    };
    this.vendorsById.set(id, vendor);
    this.vendorsByName.set(name.toLowerCase(), vendor);
    return vendor;
  }

  vendor(idOrName: number | string): VendorDef | undefined {
    return typeof idOrName === 'number' ? this.vendorsById.get(idOrName) : this.vendorsByName.get(idOrName.toLowerCase());
  }

  vendors(): IterableIterator<VendorDef> {
    return this.vendorsById.values();
  }

  /**
   * Registers an attribute. A second name for an already-defined number is
   * an alias: it resolves to the first definition, so values decoded from
   * the wire match whichever name the caller uses.
   */
  addAttribute(
    name: string,
    code: number,
    type: AttributeType,
    space: AttributeSpace = { kind: 'standard' },
    options: AttributeOptions = {},
  ): AttributeDef {
    const existing = this.lookupBySpace(space, code);
    if (existing) {
      this.registerName(name, existing);
      return existing;
    }
    const def: AttributeDef = {
      name,
      type,
      code,
      space,
      vendorId: space.kind === 'vendor' || space.kind === 'evs' ? space.vendorId : 0,
      encrypt: options.encrypt ?? 0,
      hasTag: options.hasTag ?? false,
      concat: options.concat ?? false,
      fixedLength: options.fixedLength,
      values: new Map(),
      valueNames: new Map(),
    };
    switch (space.kind) {
      case 'standard':
        if (code < 1 || code > 255) throw new RadiusDictionaryError(`attribute ${name}: number ${code} out of range 1-255`);
        this.standard[code] = def;
        break;
      case 'vendor': {
        const vendor = this.vendorsById.get(space.vendorId);
        if (!vendor) throw new RadiusDictionaryError(`attribute ${name}: unknown vendor ${space.vendorId}`);
        vendor.attributes.set(code, def);
        break;
      }
      case 'extended':
        this.extended.set(space.parent * 256 + code, def);
        break;
      case 'evs':
        this.evs.set(`${space.parent}.${space.vendorId}.${code}`, def);
        break;
      case 'tlv':
        break;
    }
    this.registerName(name, def);
    return def;
  }

  private lookupBySpace(space: AttributeSpace, code: number): AttributeDef | undefined {
    switch (space.kind) {
      case 'standard':
        return this.standard[code];
      case 'vendor':
        return this.vendorsById.get(space.vendorId)?.attributes.get(code);
      case 'extended':
        return this.extended.get(space.parent * 256 + code);
      case 'evs':
        return this.evs.get(`${space.parent}.${space.vendorId}.${code}`);
      case 'tlv':
        return undefined;
    }
  }

  private registerName(name: string, def: AttributeDef): void {
    if (!this.byName.has(name)) this.byName.set(name, def);
    const lower = name.toLowerCase();
    if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, def);
    const pending = this.pendingValues.get(lower);
    if (pending) {
      this.pendingValues.delete(lower);
      for (const [valueName, value] of pending) this.addValueTo(def, valueName, value);
    }
  }

  addValue(attributeName: string, valueName: string, value: number): void {
    const def = this.attribute(attributeName);
    if (def) {
      this.addValueTo(def, valueName, value);
      return;
    }
    const key = attributeName.toLowerCase();
    const list = this.pendingValues.get(key) ?? [];
    list.push([valueName, value]);
    this.pendingValues.set(key, list);
  }

  private addValueTo(def: AttributeDef, valueName: string, value: number): void {
    if (!def.values.has(valueName)) def.values.set(valueName, value);
    if (!def.valueNames.has(value)) def.valueNames.set(value, valueName);
  }

  /** Attribute by name (case-insensitive), or undefined. */
  attribute(name: string): AttributeDef | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  /** Attribute by name, throwing RadiusDictionaryError when unknown (catches typos early). */
  require(name: string): AttributeDef {
    const def = this.attribute(name);
    if (!def) throw new RadiusDictionaryError(`unknown attribute "${name}"`);
    return def;
  }

  standardAttribute(code: number): AttributeDef | undefined {
    return this.standard[code];
  }

  vendorAttribute(vendorId: number, code: number): AttributeDef | undefined {
    return this.vendorsById.get(vendorId)?.attributes.get(code);
  }

  extendedAttribute(parent: number, code: number): AttributeDef | undefined {
    return this.extended.get(parent * 256 + code);
  }

  evsAttribute(parent: number, vendorId: number, code: number): AttributeDef | undefined {
    return this.evs.get(`${parent}.${vendorId}.${code}`);
  }

  /** Number of distinct attribute names known (aliases included). */
  get size(): number {
    return this.byName.size;
  }
}
