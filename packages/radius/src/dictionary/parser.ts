import { RadiusDictionaryError } from '../errors.ts';
import type { Dictionary } from './dictionary.ts';
import { ATTRIBUTE_TYPES, type AttributeSpace, type AttributeType, type EncryptMethod } from './types.ts';

/** Supplies the text of a file named by $INCLUDE, relative to the including file. */
export type IncludeResolver = (name: string, fromFile: string) => { text: string; filename: string } | undefined;

export interface ParseOptions {
  filename?: string;
  include?: IncludeResolver;
}

export interface ParseResult {
  /** Lines that were understood but not applied (unsupported keywords, types). */
  warnings: string[];
}

/** RFC 8044 / FreeRADIUS v4 type names mapped onto the historic ones. */
const TYPE_ALIASES: Record<string, AttributeType> = {
  text: 'string',
  uint8: 'byte',
  uint16: 'short',
  uint32: 'integer',
  uint64: 'integer64',
  int32: 'signed',
  ipv4addr: 'ipaddr',
  time: 'date',
  ipv6addr: 'ipv6addr',
};

const IGNORED_KEYWORDS = new Set(['PROTOCOL', 'BEGIN-PROTOCOL', 'END-PROTOCOL', 'FLAGS', 'MEMBER', 'STRUCT', 'ALIAS', 'ENUM', 'DEFINE']);

interface State {
  dict: Dictionary;
  warnings: string[];
  include: IncludeResolver | undefined;
  depth: number;
}

interface Block {
  vendorId: number | undefined;
  /** BEGIN-VENDOR X format=Extended-Vendor-Specific-N: parent attribute 240+N. */
  evsParent: number | undefined;
  tlvParent: string | undefined;
}

function parseNumber(token: string, where: string): number {
  const n = /^0x[0-9a-f]+$/i.test(token) ? Number.parseInt(token, 16) : /^\d+$/.test(token) ? Number.parseInt(token, 10) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new RadiusDictionaryError(`${where}: invalid number "${token}"`);
  return n;
}

function parseFormat(spec: string, where: string): { typeSize: 1 | 2 | 4; lengthSize: 0 | 1 | 2; continuation: boolean } {
  const m = /^format=([124]),([012])(,c)?$/.exec(spec);
  if (!m) throw new RadiusDictionaryError(`${where}: invalid vendor format "${spec}"`);
  return {
    typeSize: Number(m[1]) as 1 | 2 | 4,
    lengthSize: Number(m[2]) as 0 | 1 | 2,
    continuation: m[3] !== undefined,
  };
}

/**
 * Parses FreeRADIUS dictionary text into `dict`. Supports ATTRIBUTE, VALUE,
 * VENDOR (format=t,l[,c]), BEGIN-VENDOR/END-VENDOR (incl. the
 * Extended-Vendor-Specific form), BEGIN-TLV/END-TLV, $INCLUDE and $INCLUDE-,
 * flags has_tag, encrypt=N, concat, and octets[N].
 */
export function parseDictionary(dict: Dictionary, text: string, options: ParseOptions = {}): ParseResult {
  const state: State = { dict, warnings: [], include: options.include, depth: 0 };
  parseText(state, text, options.filename ?? '<inline>');
  return { warnings: state.warnings };
}

function parseText(state: State, text: string, filename: string): void {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hash = line.indexOf('#');
    const content = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (content === '') continue;
    const where = `${filename}:${i + 1}`;
    const tokens = content.split(/\s+/);
    const keyword = tokens[0]!;
    const block: Block = blocks[blocks.length - 1] ?? { vendorId: undefined, evsParent: undefined, tlvParent: undefined };
    switch (keyword) {
      case 'ATTRIBUTE':
        parseAttribute(state, tokens, block, where);
        break;
      case 'VALUE': {
        if (tokens.length < 4) throw new RadiusDictionaryError(`${where}: VALUE needs attribute, name and number`);
        state.dict.addValue(tokens[1]!, tokens[2]!, parseNumber(tokens[3]!, where));
        break;
      }
      case 'VENDOR': {
        if (tokens.length < 3) throw new RadiusDictionaryError(`${where}: VENDOR needs name and number`);
        const format = tokens[3] !== undefined ? parseFormat(tokens[3], where) : undefined;
        state.dict.addVendor(tokens[1]!, parseNumber(tokens[2]!, where), format);
        break;
      }
      case 'BEGIN-VENDOR': {
        const vendor = state.dict.vendor(tokens[1] ?? '');
        if (!vendor) throw new RadiusDictionaryError(`${where}: BEGIN-VENDOR of unknown vendor "${tokens[1] ?? ''}"`);
        const evs = /^format=Extended-Vendor-Specific-([1-6])$/.exec(tokens[2] ?? '');
        blocks.push({ vendorId: vendor.id, evsParent: evs ? 240 + Number(evs[1]) : undefined, tlvParent: undefined });
        break;
      }
      case 'BEGIN-TLV':
        blocks.push({ ...block, tlvParent: tokens[1] });
        break;
      case 'END-VENDOR':
      case 'END-TLV':
        if (blocks.pop() === undefined) throw new RadiusDictionaryError(`${where}: ${keyword} without matching BEGIN`);
        break;
      case '$INCLUDE':
      case '$INCLUDE-':
        includeFile(state, tokens[1], keyword === '$INCLUDE-', filename, where);
        break;
      default:
        if (IGNORED_KEYWORDS.has(keyword)) state.warnings.push(`${where}: ${keyword} ignored`);
        else throw new RadiusDictionaryError(`${where}: unknown keyword "${keyword}"`);
    }
  }
  if (blocks.length > 0) throw new RadiusDictionaryError(`${filename}: missing END-VENDOR/END-TLV`);
}

function includeFile(state: State, name: string | undefined, optional: boolean, fromFile: string, where: string): void {
  if (!name) throw new RadiusDictionaryError(`${where}: $INCLUDE needs a file name`);
  if (state.depth >= 32) throw new RadiusDictionaryError(`${where}: $INCLUDE nested too deeply`);
  const found = state.include?.(name, fromFile);
  if (!found) {
    if (optional) return;
    throw new RadiusDictionaryError(`${where}: cannot include "${name}"`);
  }
  state.depth++;
  try {
    parseText(state, found.text, found.filename);
  } finally {
    state.depth--;
  }
}

function parseType(token: string, where: string, warnings: string[]): { type: AttributeType; fixedLength: number | undefined } {
  const m = /^([a-z0-9_-]+)(?:\[(\d+)\])?$/i.exec(token);
  if (!m) throw new RadiusDictionaryError(`${where}: invalid type "${token}"`);
  const base = m[1]!.toLowerCase();
  const fixedLength = m[2] !== undefined ? Number(m[2]) : undefined;
  if (ATTRIBUTE_TYPES.has(base)) return { type: base as AttributeType, fixedLength };
  const alias = TYPE_ALIASES[base];
  if (alias) return { type: alias, fixedLength };
  warnings.push(`${where}: type "${base}" treated as octets`);
  return { type: 'octets', fixedLength };
}

function parseAttribute(state: State, tokens: string[], block: Block, where: string): void {
  if (tokens.length < 4) throw new RadiusDictionaryError(`${where}: ATTRIBUTE needs name, number and type`);
  const name = tokens[1]!;
  const numberToken = tokens[2]!;
  const { type, fixedLength } = parseType(tokens[3]!, where, state.warnings);
  let vendorId = block.vendorId;
  let encrypt: EncryptMethod = 0;
  let hasTag = false;
  let concat = false;
  for (const extra of tokens.slice(4)) {
    for (const flag of extra.split(',')) {
      if (flag === 'has_tag') hasTag = true;
      else if (flag === 'concat') concat = true;
      else if (/^encrypt=[0-3]$/.test(flag)) encrypt = Number(flag.slice(8)) as EncryptMethod;
      else if (flag.includes('=')) continue;
      else {
        // Old style: a vendor name as fourth field; otherwise a flag we do not need (array, internal, ...).
        const vendor = state.dict.vendor(flag);
        if (vendor) vendorId = vendor.id;
        else if (!/^[a-z_]+$/.test(flag)) state.warnings.push(`${where}: unknown flag "${flag}" ignored`);
      }
    }
  }
  const options = { encrypt, hasTag, concat, ...(fixedLength !== undefined ? { fixedLength } : {}) };
  const parts = numberToken.split('.').map((p) => parseNumber(p, where));
  const first = parts[0]!;
  let space: AttributeSpace;
  let code = first;
  if (block.tlvParent !== undefined) {
    space = { kind: 'tlv', parentName: block.tlvParent };
  } else if (block.evsParent !== undefined && vendorId !== undefined) {
    space = { kind: 'evs', parent: block.evsParent, vendorId };
  } else if (parts.length === 1) {
    if (vendorId !== undefined) {
      space = { kind: 'vendor', vendorId };
    } else if (first > 255) {
      // FreeRADIUS internal attributes (numbers > 255) never appear on the wire.
      state.warnings.push(`${where}: internal attribute ${name} ignored`);
      return;
    } else {
      space = { kind: 'standard' };
    }
  } else if (parts.length === 2 && vendorId === undefined && first >= 241 && first <= 246) {
    code = parts[1]!;
    if (type === 'evs') return; // the 241.26 containers are implied by the codec
    space = { kind: 'extended', parent: first };
  } else {
    // TLV members (e.g. 241.5.1, 255.1 inside a vendor): known by name, carried as octets.
    code = parts[parts.length - 1]!;
    space = { kind: 'tlv', parentName: parts.slice(0, -1).join('.') };
  }
  state.dict.addAttribute(name, code, type, space, options);
}
