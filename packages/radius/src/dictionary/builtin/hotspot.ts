/**
 * Built-in dictionary data: WISPr (vendor 14122) and ChilliSpot (vendor 14559).
 *
 * Derived from the FreeRADIUS dictionaries of the same file names,
 * Copyright (C) 2019-2020 The FreeRADIUS Server project and contributors,
 * licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0).
 * Changes: comments and blank lines removed, whitespace normalised.
 * Kept in FreeRADIUS format so the same loader parses built-ins and operator files.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const hotspotDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.wispr',
    text: `
VENDOR	WISPr	14122
BEGIN-VENDOR	WISPr
ATTRIBUTE	WISPr-Location-ID	1	string
ATTRIBUTE	WISPr-Location-Name	2	string
ATTRIBUTE	WISPr-Logoff-URL	3	string
ATTRIBUTE	WISPr-Redirection-URL	4	string
ATTRIBUTE	WISPr-Bandwidth-Min-Up	5	integer
ATTRIBUTE	WISPr-Bandwidth-Min-Down	6	integer
ATTRIBUTE	WISPr-Bandwidth-Max-Up	7	integer
ATTRIBUTE	WISPr-Bandwidth-Max-Down	8	integer
ATTRIBUTE	WISPr-Session-Terminate-Time	9	string
ATTRIBUTE	WISPr-Session-Terminate-End-Of-Day	10	string
ATTRIBUTE	WISPr-Billing-Class-Of-Service	11	string
END-VENDOR	WISPr
`,
  },
  {
    name: 'dictionary.chillispot',
    text: `
VENDOR	ChilliSpot	14559
BEGIN-VENDOR	ChilliSpot
ATTRIBUTE	ChilliSpot-Max-Input-Octets	1	integer
ATTRIBUTE	ChilliSpot-Max-Output-Octets	2	integer
ATTRIBUTE	ChilliSpot-Max-Total-Octets	3	integer
ATTRIBUTE	ChilliSpot-Bandwidth-Max-Up	4	integer
ATTRIBUTE	ChilliSpot-Bandwidth-Max-Down	5	integer
ATTRIBUTE	ChilliSpot-Config	6	string
ATTRIBUTE	ChilliSpot-Lang	7	string
ATTRIBUTE	ChilliSpot-Version	8	string
ATTRIBUTE	ChilliSpot-OriginalURL	9	string
ATTRIBUTE	ChilliSpot-UAM-Allowed	100	string
ATTRIBUTE	ChilliSpot-MAC-Allowed	101	string
ATTRIBUTE	ChilliSpot-Interval	102	integer
VALUE	Service-Type	ChilliSpot-Authorize-Only	0x38df0001
END-VENDOR	ChilliSpot
`,
  },
];
