/**
 * Built-in dictionary data: RFC 3162, 3576, 3580, 4072, 4372, 4603, 4675, 4679, 4818, 4849, 5090, 5176 (IPv6, dynamic authorization, EAP, VLAN, DSL).
 *
 * Derived from the FreeRADIUS dictionaries of the same file names,
 * Copyright (C) 2019-2020 The FreeRADIUS Server project and contributors,
 * licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0).
 * Changes: comments and blank lines removed, whitespace normalised.
 * Kept in FreeRADIUS format so the same loader parses built-ins and operator files.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const rfcIpv6CoaDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.rfc3162',
    text: `
ATTRIBUTE	NAS-IPv6-Address	95	ipv6addr
ATTRIBUTE	Framed-Interface-Id	96	ifid
ATTRIBUTE	Framed-IPv6-Prefix	97	ipv6prefix
ATTRIBUTE	Login-IPv6-Host	98	ipv6addr
ATTRIBUTE	Framed-IPv6-Route	99	string
ATTRIBUTE	Framed-IPv6-Pool	100	string
`,
  },
  {
    name: 'dictionary.rfc3576',
    text: `
ATTRIBUTE	Error-Cause	101	integer
VALUE	Service-Type	Authorize-Only	17
VALUE	Error-Cause	Residual-Context-Removed	201
VALUE	Error-Cause	Invalid-EAP-Packet	202
VALUE	Error-Cause	Unsupported-Attribute	401
VALUE	Error-Cause	Missing-Attribute	402
VALUE	Error-Cause	NAS-Identification-Mismatch	403
VALUE	Error-Cause	Invalid-Request	404
VALUE	Error-Cause	Unsupported-Service	405
VALUE	Error-Cause	Unsupported-Extension	406
VALUE	Error-Cause	Administratively-Prohibited	501
VALUE	Error-Cause	Proxy-Request-Not-Routable	502
VALUE	Error-Cause	Session-Context-Not-Found	503
VALUE	Error-Cause	Session-Context-Not-Removable	504
VALUE	Error-Cause	Proxy-Processing-Error	505
VALUE	Error-Cause	Resources-Unavailable	506
VALUE	Error-Cause	Request-Initiated	507
`,
  },
  {
    name: 'dictionary.rfc3580',
    text: `
VALUE	Acct-Terminate-Cause	Supplicant-Restart	19
VALUE	Acct-Terminate-Cause	Reauthentication-Failure	20
VALUE	Acct-Terminate-Cause	Port-Reinit	21
VALUE	Acct-Terminate-Cause	Port-Disabled	22
VALUE	NAS-Port-Type	Token-Ring	20
VALUE	NAS-Port-Type	FDDI	21
VALUE	Tunnel-Type	VLAN	13
`,
  },
  {
    name: 'dictionary.rfc4072',
    text: `
ATTRIBUTE	EAP-Key-Name	102	octets
`,
  },
  {
    name: 'dictionary.rfc4372',
    text: `
ATTRIBUTE	Chargeable-User-Identity	89	octets
`,
  },
  {
    name: 'dictionary.rfc4603',
    text: `
VALUE	NAS-Port-Type	PPPoA	30
VALUE	NAS-Port-Type	PPPoEoA	31
VALUE	NAS-Port-Type	PPPoEoE	32
VALUE	NAS-Port-Type	PPPoEoVLAN	33
VALUE	NAS-Port-Type	PPPoEoQinQ	34
`,
  },
  {
    name: 'dictionary.rfc4675',
    text: `
ATTRIBUTE	Egress-VLANID	56	integer
ATTRIBUTE	Ingress-Filters	57	integer
ATTRIBUTE	Egress-VLAN-Name	58	string
ATTRIBUTE	User-Priority-Table	59	octets
VALUE	Ingress-Filters	Enabled	1
VALUE	Ingress-Filters	Disabled	2
`,
  },
  {
    name: 'dictionary.rfc4679',
    text: `
VENDOR	ADSL-Forum	3561
BEGIN-VENDOR	ADSL-Forum
ATTRIBUTE	ADSL-Forum-DHCP-Vendor-Specific	255	tlv
ATTRIBUTE	ADSL-Forum-Device-Manufacturer-OUI	255.1	octets
ATTRIBUTE	ADSL-Forum-Device-Serial-Number	255.2	string
ATTRIBUTE	ADSL-Forum-Device-Product-Class	255.3	string
ATTRIBUTE	ADSL-Forum-Gateway-Manufacturer-OUI	255.4	octets
ATTRIBUTE	ADSL-Agent-Circuit-Id	1	octets
ATTRIBUTE	ADSL-Agent-Remote-Id	2	octets
ATTRIBUTE	Actual-Data-Rate-Upstream	129	integer
ATTRIBUTE	Actual-Data-Rate-Downstream	130	integer
ATTRIBUTE	Minimum-Data-Rate-Upstream	131	integer
ATTRIBUTE	Minimum-Data-Rate-Downstream	132	integer
ATTRIBUTE	Attainable-Data-Rate-Upstream	133	integer
ATTRIBUTE	Attainable-Data-Rate-Downstream	134	integer
ATTRIBUTE	Maximum-Data-Rate-Upstream	135	integer
ATTRIBUTE	Maximum-Data-Rate-Downstream	136	integer
ATTRIBUTE	Minimum-Data-Rate-Upstream-Low-Power	137	integer
ATTRIBUTE	Minimum-Data-Rate-Downstream-Low-Power	138	integer
ATTRIBUTE	Maximum-Interleaving-Delay-Upstream	139	integer
ATTRIBUTE	Actual-Interleaving-Delay-Upstream	140	integer
ATTRIBUTE	Maximum-Interleaving-Delay-Downstream	141	integer
ATTRIBUTE	Actual-Interleaving-Delay-Downstream	142	integer
ATTRIBUTE	Access-Loop-Encapsulation	144	octets
ATTRIBUTE	IWF-Session	254	octets
END-VENDOR	ADSL-Forum
`,
  },
  {
    name: 'dictionary.rfc4818',
    text: `
ATTRIBUTE	Delegated-IPv6-Prefix	123	ipv6prefix
`,
  },
  {
    name: 'dictionary.rfc4849',
    text: `
ATTRIBUTE	NAS-Filter-Rule	92	string
`,
  },
  {
    name: 'dictionary.rfc5090',
    text: `
ATTRIBUTE	Digest-Response	103	string
ATTRIBUTE	Digest-Realm	104	string
ATTRIBUTE	Digest-Nonce	105	string
ATTRIBUTE	Digest-Response-Auth	106	string
ATTRIBUTE	Digest-Nextnonce	107	string
ATTRIBUTE	Digest-Method	108	string
ATTRIBUTE	Digest-URI	109	string
ATTRIBUTE	Digest-Qop	110	string
ATTRIBUTE	Digest-Algorithm	111	string
ATTRIBUTE	Digest-Entity-Body-Hash	112	string
ATTRIBUTE	Digest-CNonce	113	string
ATTRIBUTE	Digest-Nonce-Count	114	string
ATTRIBUTE	Digest-Username	115	string
ATTRIBUTE	Digest-Opaque	116	string
ATTRIBUTE	Digest-Auth-Param	117	string
ATTRIBUTE	Digest-AKA-Auts	118	string
ATTRIBUTE	Digest-Domain	119	string
ATTRIBUTE	Digest-Stale	120	string
ATTRIBUTE	Digest-HA1	121	string
ATTRIBUTE	SIP-AOR	122	string
`,
  },
  {
    name: 'dictionary.rfc5176',
    text: `
VALUE	Error-Cause	Invalid-Attribute-Value	407
VALUE	Error-Cause	Multiple-Session-Selection-Unsupported	508
`,
  },
];
