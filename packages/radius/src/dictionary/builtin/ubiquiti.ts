/**
 * Ubiquiti (vendor 41112). UniFi and airOS authorise with standard RFC
 * attributes (and WISPr bandwidth attributes on hotspots); no public list of
 * Ubiquiti VSAs exists that we could verify, so only the vendor is declared,
 * which lets an operator add attributes with BEGIN-VENDOR Ubiquiti.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const ubiquitiDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.ubiquiti',
    text: `
VENDOR	Ubiquiti	41112
`,
  },
];
