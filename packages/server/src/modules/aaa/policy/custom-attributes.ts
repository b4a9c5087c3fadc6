import { defaultDictionary, type AttributeInput } from '@astranetix/radius';
import { z } from 'zod';

export type CustomAttribute = { attribute: string; value: string; op: ':=' | '+=' };

/** Validated at the API boundary against the dictionary, so the engine never sends a name it cannot encode. */
export const customAttributesSchema = z
  .array(z.strictObject({
    attribute: z.string().min(1).max(64),
    value: z.string().max(253),
    op: z.enum([':=', '+=']).default(':='),
  }))
  .max(32)
  .superRefine((list, ctx) => {
    const dict = defaultDictionary();
    list.forEach((a, i) => {
      const def = dict.attribute(a.attribute);
      if (!def) ctx.addIssue({ code: 'custom', path: [i, 'attribute'], message: `unknown RADIUS attribute ${a.attribute}` });
      else if (['User-Password', 'CHAP-Password', 'Message-Authenticator', 'EAP-Message', 'State', 'Proxy-State'].includes(def.name))
        ctx.addIssue({ code: 'custom', path: [i, 'attribute'], message: `${def.name} is managed by the engine` });
      else if (['integer', 'date', 'integer64', 'short', 'byte', 'signed'].includes(def.type) && !/^\d+$/.test(a.value) && !def.values.has(a.value))
        ctx.addIssue({ code: 'custom', path: [i, 'value'], message: `${def.name} takes a number${def.values.size ? ' or one of its named values' : ''}` });
    });
  })
  .describe('Extra reply attributes (radreply-style); ":=" replaces the engine\'s value, "+=" adds one');

/** Applies plan then subscriber attributes to the engine's reply, in radreply order. */
export function applyCustomAttributes(reply: AttributeInput[], ...lists: CustomAttribute[][]): AttributeInput[] {
  const dict = defaultDictionary();
  let out = reply;
  for (const list of lists) {
    for (const a of list) {
      const def = dict.attribute(a.attribute);
      if (!def) continue;
      const numeric = ['integer', 'date', 'integer64', 'short', 'byte', 'signed'].includes(def.type) && /^\d+$/.test(a.value);
      const value = numeric ? Number(a.value) : a.value;
      if (a.op === ':=') out = out.filter((x) => !(Array.isArray(x) && dict.attribute(String(x[0])) === def));
      out = [...out, [def.name, value]];
    }
  }
  return out;
}
