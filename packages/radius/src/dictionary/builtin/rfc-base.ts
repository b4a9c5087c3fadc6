/**
 * Built-in dictionary data: RFC 2865, 2866, 2867, 2868, 2869 (base RADIUS, accounting, tunnels, extensions).
 *
 * Derived from the FreeRADIUS dictionaries of the same file names,
 * Copyright (C) 2019-2020 The FreeRADIUS Server project and contributors,
 * licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0).
 * Changes: comments and blank lines removed, whitespace normalised.
 * Kept in FreeRADIUS format so the same loader parses built-ins and operator files.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const rfcBaseDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.rfc2865',
    text: `
ATTRIBUTE	User-Name	1	string
ATTRIBUTE	User-Password	2	string	encrypt=1
ATTRIBUTE	CHAP-Password	3	octets
ATTRIBUTE	NAS-IP-Address	4	ipaddr
ATTRIBUTE	NAS-Port	5	integer
ATTRIBUTE	Service-Type	6	integer
ATTRIBUTE	Framed-Protocol	7	integer
ATTRIBUTE	Framed-IP-Address	8	ipaddr
ATTRIBUTE	Framed-IP-Netmask	9	ipaddr
ATTRIBUTE	Framed-Routing	10	integer
ATTRIBUTE	Filter-Id	11	string
ATTRIBUTE	Framed-MTU	12	integer
ATTRIBUTE	Framed-Compression	13	integer
ATTRIBUTE	Login-IP-Host	14	ipaddr
ATTRIBUTE	Login-Service	15	integer
ATTRIBUTE	Login-TCP-Port	16	integer
ATTRIBUTE	Reply-Message	18	string
ATTRIBUTE	Callback-Number	19	string
ATTRIBUTE	Callback-Id	20	string
ATTRIBUTE	Framed-Route	22	string
ATTRIBUTE	Framed-IPX-Network	23	ipaddr
ATTRIBUTE	State	24	octets
ATTRIBUTE	Class	25	octets
ATTRIBUTE	Vendor-Specific	26	vsa
ATTRIBUTE	Session-Timeout	27	integer
ATTRIBUTE	Idle-Timeout	28	integer
ATTRIBUTE	Termination-Action	29	integer
ATTRIBUTE	Called-Station-Id	30	string
ATTRIBUTE	Calling-Station-Id	31	string
ATTRIBUTE	NAS-Identifier	32	string
ATTRIBUTE	Proxy-State	33	octets
ATTRIBUTE	Login-LAT-Service	34	string
ATTRIBUTE	Login-LAT-Node	35	string
ATTRIBUTE	Login-LAT-Group	36	octets
ATTRIBUTE	Framed-AppleTalk-Link	37	integer
ATTRIBUTE	Framed-AppleTalk-Network	38	integer
ATTRIBUTE	Framed-AppleTalk-Zone	39	string
ATTRIBUTE	CHAP-Challenge	60	octets
ATTRIBUTE	NAS-Port-Type	61	integer
ATTRIBUTE	Port-Limit	62	integer
ATTRIBUTE	Login-LAT-Port	63	string
VALUE	Service-Type	Login-User	1
VALUE	Service-Type	Framed-User	2
VALUE	Service-Type	Callback-Login-User	3
VALUE	Service-Type	Callback-Framed-User	4
VALUE	Service-Type	Outbound-User	5
VALUE	Service-Type	Administrative-User	6
VALUE	Service-Type	NAS-Prompt-User	7
VALUE	Service-Type	Authenticate-Only	8
VALUE	Service-Type	Callback-NAS-Prompt	9
VALUE	Service-Type	Call-Check	10
VALUE	Service-Type	Callback-Administrative	11
VALUE	Framed-Protocol	PPP	1
VALUE	Framed-Protocol	SLIP	2
VALUE	Framed-Protocol	ARAP	3
VALUE	Framed-Protocol	Gandalf-SLML	4
VALUE	Framed-Protocol	Xylogics-IPX-SLIP	5
VALUE	Framed-Protocol	X.75-Synchronous	6
VALUE	Framed-Routing	None	0
VALUE	Framed-Routing	Broadcast	1
VALUE	Framed-Routing	Listen	2
VALUE	Framed-Routing	Broadcast-Listen	3
VALUE	Framed-Compression	None	0
VALUE	Framed-Compression	Van-Jacobson-TCP-IP	1
VALUE	Framed-Compression	IPX-Header-Compression	2
VALUE	Framed-Compression	Stac-LZS	3
VALUE	Login-Service	Telnet	0
VALUE	Login-Service	Rlogin	1
VALUE	Login-Service	TCP-Clear	2
VALUE	Login-Service	PortMaster	3
VALUE	Login-Service	LAT	4
VALUE	Login-Service	X25-PAD	5
VALUE	Login-Service	X25-T3POS	6
VALUE	Login-Service	TCP-Clear-Quiet	8
VALUE	Login-TCP-Port	Telnet	23
VALUE	Login-TCP-Port	Rlogin	513
VALUE	Login-TCP-Port	Rsh	514
VALUE	Termination-Action	Default	0
VALUE	Termination-Action	RADIUS-Request	1
VALUE	NAS-Port-Type	Async	0
VALUE	NAS-Port-Type	Sync	1
VALUE	NAS-Port-Type	ISDN	2
VALUE	NAS-Port-Type	ISDN-V120	3
VALUE	NAS-Port-Type	ISDN-V110	4
VALUE	NAS-Port-Type	Virtual	5
VALUE	NAS-Port-Type	PIAFS	6
VALUE	NAS-Port-Type	HDLC-Clear-Channel	7
VALUE	NAS-Port-Type	X.25	8
VALUE	NAS-Port-Type	X.75	9
VALUE	NAS-Port-Type	G.3-Fax	10
VALUE	NAS-Port-Type	SDSL	11
VALUE	NAS-Port-Type	ADSL-CAP	12
VALUE	NAS-Port-Type	ADSL-DMT	13
VALUE	NAS-Port-Type	IDSL	14
VALUE	NAS-Port-Type	Ethernet	15
VALUE	NAS-Port-Type	xDSL	16
VALUE	NAS-Port-Type	Cable	17
VALUE	NAS-Port-Type	Wireless-Other	18
VALUE	NAS-Port-Type	Wireless-802.11	19
`,
  },
  {
    name: 'dictionary.rfc2866',
    text: `
ATTRIBUTE	Acct-Status-Type	40	integer
ATTRIBUTE	Acct-Delay-Time	41	integer
ATTRIBUTE	Acct-Input-Octets	42	integer
ATTRIBUTE	Acct-Output-Octets	43	integer
ATTRIBUTE	Acct-Session-Id	44	string
ATTRIBUTE	Acct-Authentic	45	integer
ATTRIBUTE	Acct-Session-Time	46	integer
ATTRIBUTE	Acct-Input-Packets	47	integer
ATTRIBUTE	Acct-Output-Packets	48	integer
ATTRIBUTE	Acct-Terminate-Cause	49	integer
ATTRIBUTE	Acct-Multi-Session-Id	50	string
ATTRIBUTE	Acct-Link-Count	51	integer
VALUE	Acct-Status-Type	Start	1
VALUE	Acct-Status-Type	Stop	2
VALUE	Acct-Status-Type	Alive	3
VALUE	Acct-Status-Type	Interim-Update	3
VALUE	Acct-Status-Type	Accounting-On	7
VALUE	Acct-Status-Type	Accounting-Off	8
VALUE	Acct-Status-Type	Failed	15
VALUE	Acct-Authentic	RADIUS	1
VALUE	Acct-Authentic	Local	2
VALUE	Acct-Authentic	Remote	3
VALUE	Acct-Authentic	Diameter	4
VALUE	Acct-Terminate-Cause	User-Request	1
VALUE	Acct-Terminate-Cause	Lost-Carrier	2
VALUE	Acct-Terminate-Cause	Lost-Service	3
VALUE	Acct-Terminate-Cause	Idle-Timeout	4
VALUE	Acct-Terminate-Cause	Session-Timeout	5
VALUE	Acct-Terminate-Cause	Admin-Reset	6
VALUE	Acct-Terminate-Cause	Admin-Reboot	7
VALUE	Acct-Terminate-Cause	Port-Error	8
VALUE	Acct-Terminate-Cause	NAS-Error	9
VALUE	Acct-Terminate-Cause	NAS-Request	10
VALUE	Acct-Terminate-Cause	NAS-Reboot	11
VALUE	Acct-Terminate-Cause	Port-Unneeded	12
VALUE	Acct-Terminate-Cause	Port-Preempted	13
VALUE	Acct-Terminate-Cause	Port-Suspended	14
VALUE	Acct-Terminate-Cause	Service-Unavailable	15
VALUE	Acct-Terminate-Cause	Callback	16
VALUE	Acct-Terminate-Cause	User-Error	17
VALUE	Acct-Terminate-Cause	Host-Request	18
`,
  },
  {
    name: 'dictionary.rfc2867',
    text: `
ATTRIBUTE	Acct-Tunnel-Connection	68	string
ATTRIBUTE	Acct-Tunnel-Packets-Lost	86	integer
VALUE	Acct-Status-Type	Tunnel-Start	9
VALUE	Acct-Status-Type	Tunnel-Stop	10
VALUE	Acct-Status-Type	Tunnel-Reject	11
VALUE	Acct-Status-Type	Tunnel-Link-Start	12
VALUE	Acct-Status-Type	Tunnel-Link-Stop	13
VALUE	Acct-Status-Type	Tunnel-Link-Reject	14
`,
  },
  {
    name: 'dictionary.rfc2868',
    text: `
ATTRIBUTE	Tunnel-Type	64	integer	has_tag
ATTRIBUTE	Tunnel-Medium-Type	65	integer	has_tag
ATTRIBUTE	Tunnel-Client-Endpoint	66	string	has_tag
ATTRIBUTE	Tunnel-Server-Endpoint	67	string	has_tag
ATTRIBUTE	Tunnel-Password	69	string	has_tag,encrypt=2
ATTRIBUTE	Tunnel-Private-Group-Id	81	string	has_tag
ATTRIBUTE	Tunnel-Assignment-Id	82	string	has_tag
ATTRIBUTE	Tunnel-Preference	83	integer	has_tag
ATTRIBUTE	Tunnel-Client-Auth-Id	90	string	has_tag
ATTRIBUTE	Tunnel-Server-Auth-Id	91	string	has_tag
VALUE	Tunnel-Type	PPTP	1
VALUE	Tunnel-Type	L2F	2
VALUE	Tunnel-Type	L2TP	3
VALUE	Tunnel-Type	ATMP	4
VALUE	Tunnel-Type	VTP	5
VALUE	Tunnel-Type	AH	6
VALUE	Tunnel-Type	IP	7
VALUE	Tunnel-Type	MIN-IP	8
VALUE	Tunnel-Type	ESP	9
VALUE	Tunnel-Type	GRE	10
VALUE	Tunnel-Type	DVS	11
VALUE	Tunnel-Type	IP-in-IP	12
VALUE	Tunnel-Medium-Type	IP	1
VALUE	Tunnel-Medium-Type	IPv4	1
VALUE	Tunnel-Medium-Type	IPv6	2
VALUE	Tunnel-Medium-Type	NSAP	3
VALUE	Tunnel-Medium-Type	HDLC	4
VALUE	Tunnel-Medium-Type	BBN-1822	5
VALUE	Tunnel-Medium-Type	IEEE-802	6
VALUE	Tunnel-Medium-Type	E.163	7
VALUE	Tunnel-Medium-Type	E.164	8
VALUE	Tunnel-Medium-Type	F.69	9
VALUE	Tunnel-Medium-Type	X.121	10
VALUE	Tunnel-Medium-Type	IPX	11
VALUE	Tunnel-Medium-Type	Appletalk	12
VALUE	Tunnel-Medium-Type	DecNet-IV	13
VALUE	Tunnel-Medium-Type	Banyan-Vines	14
VALUE	Tunnel-Medium-Type	E.164-NSAP	15
`,
  },
  {
    name: 'dictionary.rfc2869',
    text: `
ATTRIBUTE	Acct-Input-Gigawords	52	integer
ATTRIBUTE	Acct-Output-Gigawords	53	integer
ATTRIBUTE	Event-Timestamp	55	date
ATTRIBUTE	ARAP-Password	70	octets[16]
ATTRIBUTE	ARAP-Features	71	octets[14]
ATTRIBUTE	ARAP-Zone-Access	72	integer
ATTRIBUTE	ARAP-Security	73	integer
ATTRIBUTE	ARAP-Security-Data	74	string
ATTRIBUTE	Password-Retry	75	integer
ATTRIBUTE	Prompt	76	integer
ATTRIBUTE	Connect-Info	77	string
ATTRIBUTE	Configuration-Token	78	string
ATTRIBUTE	EAP-Message	79	octets	concat
ATTRIBUTE	Message-Authenticator	80	octets
ATTRIBUTE	ARAP-Challenge-Response	84	octets[8]
ATTRIBUTE	Acct-Interim-Interval	85	integer
ATTRIBUTE	NAS-Port-Id	87	string
ATTRIBUTE	Framed-Pool	88	string
VALUE	ARAP-Zone-Access	Default-Zone	1
VALUE	ARAP-Zone-Access	Zone-Filter-Inclusive	2
VALUE	ARAP-Zone-Access	Zone-Filter-Exclusive	4
VALUE	Prompt	No-Echo	0
VALUE	Prompt	Echo	1
`,
  },
];
