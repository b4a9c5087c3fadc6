import { decodePacket, encodeRequest, RadiusCode, type AttributeInput } from '@astranetix/radius';
import { describe, expect, it } from 'vitest';
import { checkItemsSchema, compileChecks, failedCheck, type CheckItem } from './check-items.ts';

const request = (attributes: AttributeInput[]) => {
  const { packet } = encodeRequest({ code: RadiusCode.AccessRequest, identifier: 1, attributes: [['User-Name', 'ann'], ...attributes], secret: 's' });
  return decodePacket(packet, { secret: 's' });
};
const failing = (items: CheckItem[], attributes: AttributeInput[]) => {
  const compiled = compileChecks(items);
  if (compiled === 'invalid') throw new Error('invalid');
  return failedCheck(request(attributes), compiled)?.item.text ?? null;
};

describe('check items (radcheck)', () => {
  it('matches strings, patterns, enumerated and numeric values as FreeRADIUS does', () => {
    const hotspot: AttributeInput[] = [['Called-Station-Id', 'hotspot-lobby'], ['NAS-Port-Type', 'Ethernet'], ['NAS-Port', 7]];
    expect(failing([{ attribute: 'Called-Station-Id', op: '=~', value: '^hotspot-' }], hotspot)).toBeNull();
    expect(failing([{ attribute: 'Called-Station-Id', op: '=~', value: '^hotspot-' }], [['Called-Station-Id', 'office']])).toBe('Called-Station-Id =~ ^hotspot-');
    expect(failing([{ attribute: 'NAS-Port-Type', op: '==', value: 'Ethernet' }], hotspot)).toBeNull();
    expect(failing([{ attribute: 'NAS-Port-Type', op: '==', value: '15' }], hotspot)).toBeNull();
    expect(failing([{ attribute: 'NAS-Port-Type', op: '!=', value: 'Wireless-802.11' }], hotspot)).toBeNull();
    expect(failing([{ attribute: 'NAS-Port', op: '<', value: '8' }, { attribute: 'NAS-Port', op: '>=', value: '7' }], hotspot)).toBeNull();
    expect(failing([{ attribute: 'NAS-Port', op: '>', value: '7' }], hotspot)).toBe('NAS-Port > 7');
    expect(failing([{ attribute: 'Called-Station-Id', op: '!~', value: 'lobby$' }], hotspot)).toBe('Called-Station-Id !~ lobby$');
  });

  it('needs the attribute for every comparison; =* and !* test presence', () => {
    expect(failing([{ attribute: 'Calling-Station-Id', op: '!=', value: 'AA-BB' }], [])).toBe('Calling-Station-Id != AA-BB');
    expect(failing([{ attribute: 'Calling-Station-Id', op: '=*', value: '' }], [])).toBe('Calling-Station-Id =*');
    expect(failing([{ attribute: 'Framed-Protocol', op: '!*', value: '' }], [])).toBeNull();
    expect(failing([{ attribute: 'Framed-Protocol', op: '!*', value: '' }], [['Framed-Protocol', 'PPP']])).toBe('Framed-Protocol !*');
  });

  it('refuses unknown attributes, engine-managed ones, bad numbers and patterns that could run away', () => {
    const issues = (items: unknown) => {
      const r = checkItemsSchema.safeParse(items);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues([{ attribute: 'No-Such-Thing', op: '==', value: 'x' }])).toEqual(['0.attribute: unknown RADIUS attribute No-Such-Thing']);
    expect(issues([{ attribute: 'User-Password', op: '==', value: 'x' }])).toEqual(['0.attribute: User-Password is checked by the engine']);
    expect(issues([{ attribute: 'Called-Station-Id', op: '<', value: '3' }])[0]).toMatch(/compares numbers/);
    expect(issues([{ attribute: 'NAS-Port-Type', op: '==', value: 'Carrier-Pigeon' }])[0]).toMatch(/takes a number or one of its named values/);
    expect(issues([{ attribute: 'Called-Station-Id', op: '=~', value: '([' }])[0]).toMatch(/not a regular expression/);
    expect(issues([{ attribute: 'Called-Station-Id', op: '=~', value: '(a+)+$' }])[0]).toMatch(/exponential time/);
    expect(issues([{ attribute: 'Called-Station-Id', op: '=~', value: '^hotspot-[a-z]+$' }])).toEqual([]);
    // A stored item that a later dictionary no longer knows fails closed.
    expect(compileChecks([{ attribute: 'No-Such-Thing', op: '==', value: 'x' }])).toBe('invalid');
  });
});
