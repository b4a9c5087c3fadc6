/**
 * Built-in dictionary data: RFC 5447 .. 8559 (location, management, IPv6 extensions, RFC 6929 extended space).
 *
 * Derived from the FreeRADIUS dictionaries of the same file names,
 * Copyright (C) 2019-2020 The FreeRADIUS Server project and contributors,
 * licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0).
 * Changes: comments and blank lines removed, whitespace normalised.
 * Kept in FreeRADIUS format so the same loader parses built-ins and operator files.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const rfcLaterDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.rfc5447',
    text: `
ATTRIBUTE	MIP6-Feature-Vector	124	integer64
ATTRIBUTE	MIP6-Home-Link-Prefix	125	octets
`,
  },
  {
    name: 'dictionary.rfc5580',
    text: `
ATTRIBUTE	Operator-Name	126	string
ATTRIBUTE	Location-Information	127	octets
ATTRIBUTE	Location-Data	128	octets
ATTRIBUTE	Basic-Location-Policy-Rules	129	octets
ATTRIBUTE	Extended-Location-Policy-Rules	130	string
ATTRIBUTE	Location-Capable	131	integer
VALUE	Location-Capable	Civic-Location	1
VALUE	Location-Capable	Geo-Location	2
VALUE	Location-Capable	Users-Location	4
VALUE	Location-Capable	NAS-Location	8
ATTRIBUTE	Requested-Location-Info	132	integer
VALUE	Requested-Location-Info	Civic-Location	1
VALUE	Requested-Location-Info	Geo-Location	2
VALUE	Requested-Location-Info	Users-Location	4
VALUE	Requested-Location-Info	NAS-Location	8
VALUE	Requested-Location-Info	Future-Requests	16
VALUE	Requested-Location-Info	None	32
`,
  },
  {
    name: 'dictionary.rfc5607',
    text: `
VALUE	Service-Type	Framed-Management	18
ATTRIBUTE	Framed-Management	133	integer
VALUE	Framed-Management	SNMP	1
VALUE	Framed-Management	Web-Based	2
VALUE	Framed-Management	Netconf	3
VALUE	Framed-Management	FTP	4
VALUE	Framed-Management	TFTP	5
VALUE	Framed-Management	SFTP	6
VALUE	Framed-Management	RCP	7
VALUE	Framed-Management	SCP	8
ATTRIBUTE	Management-Transport-Protection	134	integer
VALUE	Management-Transport-Protection	No-Protection	1
VALUE	Management-Transport-Protection	Integrity-Protection	2
VALUE	Management-Transport-Protection	Integrity-Confidentiality-Protection	3
ATTRIBUTE	Management-Policy-Id	135	string
ATTRIBUTE	Management-Privilege-Level	136	integer
`,
  },
  {
    name: 'dictionary.rfc5904',
    text: `
ATTRIBUTE	PKM-SS-Cert	137	octets	concat
ATTRIBUTE	PKM-CA-Cert	138	octets	concat
ATTRIBUTE	PKM-Config-Settings	139	octets
ATTRIBUTE	PKM-Cryptosuite-List	140	octets
ATTRIBUTE	PKM-SAID	141	short
ATTRIBUTE	PKM-SA-Descriptor	142	octets
ATTRIBUTE	PKM-Auth-Key	143	octets
`,
  },
  {
    name: 'dictionary.rfc6519',
    text: `
ATTRIBUTE	DS-Lite-Tunnel-Name	144	string
`,
  },
  {
    name: 'dictionary.rfc6572',
    text: `
ATTRIBUTE	Mobile-Node-Identifier	145	octets
ATTRIBUTE	Service-Selection	146	string
ATTRIBUTE	PMIP6-Home-LMA-IPv6-Address	147	ipv6addr
ATTRIBUTE	PMIP6-Visited-LMA-IPv6-Address	148	ipv6addr
ATTRIBUTE	PMIP6-Home-LMA-IPv4-Address	149	ipaddr
ATTRIBUTE	PMIP6-Visited-LMA-IPv4-Address	150	ipaddr
ATTRIBUTE	PMIP6-Home-HN-Prefix	151	ipv6prefix
ATTRIBUTE	PMIP6-Visited-HN-Prefix	152	ipv6prefix
ATTRIBUTE	PMIP6-Home-Interface-ID	153	ifid
ATTRIBUTE	PMIP6-Visited-Interface-ID	154	ifid
ATTRIBUTE	PMIP6-Home-IPv4-HoA	155	ipv4prefix
ATTRIBUTE	PMIP6-Visited-IPv4-HoA	156	ipv4prefix
ATTRIBUTE	PMIP6-Home-DHCP4-Server-Address	157	ipaddr
ATTRIBUTE	PMIP6-Visited-DHCP4-Server-Address	158	ipaddr
ATTRIBUTE	PMIP6-Home-DHCP6-Server-Address	159	ipv6addr
ATTRIBUTE	PMIP6-Visited-DHCP6-Server-Address	160	ipv6addr
ATTRIBUTE	PMIP6-Home-IPv4-Gateway	161	ipaddr
ATTRIBUTE	PMIP6-Visited-IPv4-Gateway	162	ipaddr
`,
  },
  {
    name: 'dictionary.rfc6677',
    text: `
ATTRIBUTE	EAP-Lower-Layer	163	integer
VALUE	EAP-Lower-Layer	Wired-IEEE-802.1X	1
VALUE	EAP-Lower-Layer	IEEE-802.1X-No-Preauth	2
VALUE	EAP-Lower-Layer	IEEE-802.1X-Preauth	3
VALUE	EAP-Lower-Layer	IEEE-802.16e	4
VALUE	EAP-Lower-Layer	IKEv2	5
VALUE	EAP-Lower-Layer	PPP	6
VALUE	EAP-Lower-Layer	PANA-No-Preauth	7
VALUE	EAP-Lower-Layer	GSS-API	8
VALUE	EAP-Lower-Layer	PANA-Preauth	9
`,
  },
  {
    name: 'dictionary.rfc6911',
    text: `
ATTRIBUTE	Framed-IPv6-Address	168	ipv6addr
ATTRIBUTE	DNS-Server-IPv6-Address	169	ipv6addr
ATTRIBUTE	Route-IPv6-Information	170	ipv6prefix
ATTRIBUTE	Delegated-IPv6-Prefix-Pool	171	string
ATTRIBUTE	Stateful-IPv6-Address-Pool	172	string
`,
  },
  {
    name: 'dictionary.rfc6929',
    text: `
ATTRIBUTE	Extended-Attribute-1	241	extended
ATTRIBUTE	Extended-Attribute-2	242	extended
ATTRIBUTE	Extended-Attribute-3	243	extended
ATTRIBUTE	Extended-Attribute-4	244	extended
ATTRIBUTE	Extended-Attribute-5	245	long-extended
ATTRIBUTE	Extended-Attribute-6	246	long-extended
ATTRIBUTE	Extended-Vendor-Specific-1	241.26	evs
ATTRIBUTE	Extended-Vendor-Specific-2	242.26	evs
ATTRIBUTE	Extended-Vendor-Specific-3	243.26	evs
ATTRIBUTE	Extended-Vendor-Specific-4	244.26	evs
ATTRIBUTE	Extended-Vendor-Specific-5	245.26	evs
ATTRIBUTE	Extended-Vendor-Specific-6	246.26	evs
`,
  },
  {
    name: 'dictionary.rfc6930',
    text: `
ATTRIBUTE	IPv6-6rd-Configuration	173	tlv
ATTRIBUTE	IPv6-6rd-IPv4MaskLen	173.1	integer
ATTRIBUTE	IPv6-6rd-Prefix	173.2	ipv6prefix
ATTRIBUTE	IPv6-6rd-BR-IPv4-Address	173.3	ipaddr
`,
  },
  {
    name: 'dictionary.rfc7055',
    text: `
ATTRIBUTE	GSS-Acceptor-Service-Name	164	string
ATTRIBUTE	GSS-Acceptor-Host-Name	165	string
ATTRIBUTE	GSS-Acceptor-Service-Specifics	166	string
ATTRIBUTE	GSS-Acceptor-Realm-Name	167	string
`,
  },
  {
    name: 'dictionary.rfc7155',
    text: `
ATTRIBUTE	Originating-Line-Info	94	octets[2]
`,
  },
  {
    name: 'dictionary.rfc7268',
    text: `
ATTRIBUTE	Allowed-Called-Station-Id	174	string
ATTRIBUTE	EAP-Peer-Id	175	octets
ATTRIBUTE	EAP-Server-Id	176	octets
ATTRIBUTE	Mobility-Domain-Id	177	integer
ATTRIBUTE	Preauth-Timeout	178	integer
ATTRIBUTE	Network-Id-Name	179	octets
ATTRIBUTE	EAPoL-Announcement	180	octets	concat
ATTRIBUTE	WLAN-HESSID	181	string
ATTRIBUTE	WLAN-Venue-Info	182	integer
ATTRIBUTE	WLAN-Venue-Language	183	octets[3]
ATTRIBUTE	WLAN-Venue-Name	184	string
ATTRIBUTE	WLAN-Reason-Code	185	integer
ATTRIBUTE	WLAN-Pairwise-Cipher	186	integer
ATTRIBUTE	WLAN-Group-Cipher	187	integer
ATTRIBUTE	WLAN-AKM-Suite	188	integer
ATTRIBUTE	WLAN-Group-Mgmt-Cipher	189	integer
ATTRIBUTE	WLAN-RF-Band	190	integer
`,
  },
  {
    name: 'dictionary.rfc7499',
    text: `
ATTRIBUTE	Frag-Status	241.1	integer
ATTRIBUTE	Proxy-State-Length	241.2	integer
VALUE	Frag-Status	Reserved	0
VALUE	Frag-Status	Fragmentation-Supported	1
VALUE	Frag-Status	More-Data-Pending	2
VALUE	Frag-Status	More-Data-Request	3
`,
  },
  {
    name: 'dictionary.rfc7930',
    text: `
ATTRIBUTE	Response-Length	241.3	integer
ATTRIBUTE	Original-Packet-Code	241.4	integer
`,
  },
  {
    name: 'dictionary.rfc8045',
    text: `
ATTRIBUTE	IP-Port-Limit-Info	241.5	tlv
ATTRIBUTE	IP-Port-Range	241.6	tlv
ATTRIBUTE	IP-Port-Forwarding-Map	241.7	tlv
ATTRIBUTE	IP-Port-Type	241.5.1	integer
ATTRIBUTE	IP-Port-Limit	241.5.2	integer
ATTRIBUTE	IP-Port-Ext-IPv4-Addr	241.5.3	ipaddr
ATTRIBUTE	IP-Port-Int-IPv4-Addr	241.5.4	ipaddr
ATTRIBUTE	IP-Port-Int-IPv6-Addr	241.5.5	ipv6addr
ATTRIBUTE	IP-Port-Int-Port	241.5.6	integer
ATTRIBUTE	IP-Port-Ext-Port	241.5.7	integer
ATTRIBUTE	IP-Port-Alloc	241.5.8	integer
ATTRIBUTE	IP-Port-Range-Start	241.5.9	integer
ATTRIBUTE	IP-Port-Range-End	241.5.10	integer
ATTRIBUTE	IP-Port-Local-Id	241.5.11	string
VALUE	IP-Port-Alloc	Reserved	0
VALUE	IP-Port-Alloc	Allocation	1
VALUE	IP-Port-Alloc	Deallocation	2
ATTRIBUTE	IP-Port-Range-Type	241.6.1	integer
ATTRIBUTE	IP-Port-Range-Limit	241.6.2	integer
ATTRIBUTE	IP-Port-Range-Ext-IPv4-Addr	241.6.3	ipaddr
ATTRIBUTE	IP-Port-Range-Int-IPv4-Addr	241.6.4	ipaddr
ATTRIBUTE	IP-Port-Range-Int-IPv6-Addr	241.6.5	ipv6addr
ATTRIBUTE	IP-Port-Range-Int-Port	241.6.6	integer
ATTRIBUTE	IP-Port-Range-Ext-Port	241.6.7	integer
ATTRIBUTE	IP-Port-Range-Alloc	241.6.8	integer
ATTRIBUTE	IP-Port-Range-Range-Start	241.6.9	integer
ATTRIBUTE	IP-Port-Range-Range-End	241.6.10	integer
ATTRIBUTE	IP-Port-Range-Local-Id	241.6.11	string
VALUE	IP-Port-Range-Alloc	Reserved	0
VALUE	IP-Port-Range-Alloc	Allocation	1
VALUE	IP-Port-Range-Alloc	Deallocation	2
ATTRIBUTE	IP-Port-Map-Type	241.7.1	integer
ATTRIBUTE	IP-Port-Map-Limit	241.7.2	integer
ATTRIBUTE	IP-Port-Map-Ext-IPv4-Addr	241.7.3	ipaddr
ATTRIBUTE	IP-Port-Map-Int-IPv4-Addr	241.7.4	ipaddr
ATTRIBUTE	IP-Port-Map-Int-IPv6-Addr	241.7.5	ipv6addr
ATTRIBUTE	IP-Port-Map-Int-Port	241.7.6	integer
ATTRIBUTE	IP-Port-Map-Ext-Port	241.7.7	integer
ATTRIBUTE	IP-Port-Map-Alloc	241.7.8	integer
ATTRIBUTE	IP-Port-Map-Range-Start	241.7.9	integer
ATTRIBUTE	IP-Port-Map-Range-End	241.7.10	integer
ATTRIBUTE	IP-Port-Map-Local-Id	241.7.11	string
VALUE	IP-Port-Map-Alloc	Reserved	0
VALUE	IP-Port-Map-Alloc	Allocation	1
VALUE	IP-Port-Map-Alloc	Deallocation	2
`,
  },
  {
    name: 'dictionary.rfc8559',
    text: `
ATTRIBUTE	Operator-NAS-Identifier	241.8	octets
`,
  },
];
