import { defaultDictionary, type AttributeValue, type RadiusPacket } from '@astranetix/radius';
import safeRegex from 'safe-regex2';
import { z } from 'zod';

/**
 * Check items, as FreeRADIUS's radcheck and users file have them: conditions on the
 * Access-Request that must all hold for an accept. `==`, `!=`, the numeric comparisons and the
 * regular-expression matches need the attribute in the request; `=*` and `!*` test presence.
 */
export const checkOps = ['==', '!=', '=~', '!~', '<', '<=', '>', '>=', '=*', '!*'] as const;
export type CheckOp = (typeof checkOps)[number];
export type CheckItem = { attribute: string; op: CheckOp; value: string };

const numericTypes = new Set(['integer', 'date', 'integer64', 'short', 'byte', 'signed']);
const comparisons = new Set<CheckOp>(['<', '<=', '>', '>=']);
/** What the engine decides on its own; a check item on it would be a second, conflicting rule. */
const managed = new Set(['User-Password', 'CHAP-Password', 'Message-Authenticator', 'EAP-Message', 'State', 'Proxy-State']);

/** Why an item cannot be used, or null: one rule for the API's validation and the engine's load. */
function problem(item: CheckItem): { path: 'attribute' | 'value'; message: string } | null {
  const def = defaultDictionary().attribute(item.attribute);
  if (!def) return { path: 'attribute', message: `unknown RADIUS attribute ${item.attribute}` };
  if (managed.has(def.name)) return { path: 'attribute', message: `${def.name} is checked by the engine` };
  if (item.op === '=*' || item.op === '!*') return null;
  if (comparisons.has(item.op) && (!numericTypes.has(def.type) || !/^\d+$/.test(item.value)))
    return { path: 'value', message: `${item.op} compares numbers: ${def.name} ${numericTypes.has(def.type) ? 'needs a number' : 'is not numeric'}` };
  if (item.op === '=~' || item.op === '!~') {
    try {
      new RegExp(item.value);
    } catch (e) {
      return { path: 'value', message: `not a regular expression: ${(e as Error).message}` };
    }
    // Run on every Access-Request: nested quantifiers could stall the engine on a crafted value.
    if (!safeRegex(item.value)) return { path: 'value', message: 'this pattern could take exponential time (nested repetition); simplify it' };
    return null;
  }
  if (numericTypes.has(def.type) && !/^\d+$/.test(item.value) && !def.values.has(item.value))
    return { path: 'value', message: `${def.name} takes a number${def.values.size ? ' or one of its named values' : ''}` };
  return null;
}

export const checkItemsSchema = z
  .array(z.strictObject({
    attribute: z.string().min(1).max(64),
    op: z.enum(checkOps),
    value: z.string().max(253).default(''),
  }))
  .max(32)
  .superRefine((list, ctx) => {
    list.forEach((item, i) => {
      const p = problem(item);
      if (p) ctx.addIssue({ code: 'custom', path: [i, p.path], message: p.message });
    });
  })
  .describe('Check items (radcheck-style): conditions on the Access-Request that must all hold, e.g. Called-Station-Id =~ ^hotspot-');

/** A check item made ready once, when the subscriber or plan is loaded, not per request. */
export type CompiledCheck = { name: string; op: CheckOp; value: string; number: number | null; re: RegExp | null; text: string };

/** Compiles a stored list; an item that no longer validates (a dictionary changed) fails closed. */
export function compileChecks(list: readonly CheckItem[] | null | undefined): CompiledCheck[] | 'invalid' {
  if (!list?.length) return [];
  const out: CompiledCheck[] = [];
  for (const item of list) {
    if (problem(item)) return 'invalid';
    const def = defaultDictionary().attribute(item.attribute)!;
    const named = def.values.get(item.value);
    out.push({
      name: def.name, op: item.op, value: item.value,
      number: numericTypes.has(def.type) ? (named !== undefined ? Number(named) : /^\d+$/.test(item.value) ? Number(item.value) : null) : null,
      re: item.op === '=~' || item.op === '!~' ? new RegExp(item.value) : null,
      text: item.op === '=*' || item.op === '!*' ? `${def.name} ${item.op}` : `${def.name} ${item.op} ${item.value}`,
    });
  }
  return out;
}

const asText = (v: AttributeValue): string => (Buffer.isBuffer(v) ? v.toString('utf8') : v instanceof Date ? v.toISOString() : String(v));

/** The first item the request fails, with what the request held; null when all hold. */
export function failedCheck(packet: RadiusPacket, checks: readonly CompiledCheck[]): { item: CompiledCheck; seen: string } | null {
  for (const c of checks) {
    const values = packet.getAll(c.name);
    // The text of what the request held is built only for a reject: this runs per Access-Request.
    if (!holds(packet, c, values)) return { item: c, seen: values.length ? values.map(asText).join(', ') : '(absent)' };
  }
  return null;
}

function holds(packet: RadiusPacket, c: CompiledCheck, values: AttributeValue[]): boolean {
  if (c.op === '=*') return values.length > 0;
  if (c.op === '!*') return values.length === 0;
  if (values.length === 0) return false;
  if (c.number !== null) {
    // Enumerated integers arrive as their VALUE name; compare as numbers.
    const n = packet.getNumber(c.name);
    if (n === undefined) return false;
    switch (c.op) {
      case '==': return n === c.number;
      case '!=': return n !== c.number;
      case '<': return n < c.number;
      case '<=': return n <= c.number;
      case '>': return n > c.number;
      case '>=': return n >= c.number;
      default: break;
    }
  }
  const texts = values.map(asText);
  switch (c.op) {
    case '==': return texts.includes(c.value);
    case '!=': return !texts.includes(c.value);
    case '=~': return texts.some((t) => c.re!.test(t));
    case '!~': return !texts.some((t) => c.re!.test(t));
    default: return false;
  }
}
