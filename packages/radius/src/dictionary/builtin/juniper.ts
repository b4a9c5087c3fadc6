/**
 * Built-in dictionary data: Juniper (vendor 2636) and Juniper ERX / Unisphere (vendor 4874).
 *
 * Derived from the FreeRADIUS dictionaries of the same file names,
 * Copyright (C) 2019-2020 The FreeRADIUS Server project and contributors,
 * licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0).
 * Changes: comments and blank lines removed, whitespace normalised.
 * Kept in FreeRADIUS format so the same loader parses built-ins and operator files.
 */
import type { BuiltinDictionary } from './builtin-types.ts';

export const juniperDictionaries: readonly BuiltinDictionary[] = [
  {
    name: 'dictionary.juniper',
    text: `
VENDOR	Juniper	2636
BEGIN-VENDOR	Juniper
ATTRIBUTE	Juniper-Local-User-Name	1	string
ATTRIBUTE	Juniper-Allow-Commands	2	string
ATTRIBUTE	Juniper-Deny-Commands	3	string
ATTRIBUTE	Juniper-Allow-Configuration	4	string
ATTRIBUTE	Juniper-Deny-Configuration	5	string
ATTRIBUTE	Juniper-Interactive-Command	8	string
ATTRIBUTE	Juniper-Configuration-Change	9	string
ATTRIBUTE	Juniper-User-Permissions	10	string
ATTRIBUTE	Juniper-Junosspace-Profile	11	String
ATTRIBUTE	Juniper-Junosspace-Profiles	11	String
ATTRIBUTE	Juniper-CTP-Group	21	integer
ATTRIBUTE	Juniper-CTPView-APP-Group	22	integer
ATTRIBUTE	Juniper-CTPView-OS-Group	23	integer
ATTRIBUTE	Juniper-Primary-Dns	31	ipaddr
ATTRIBUTE	Juniper-Primary-Wins	32	ipaddr
ATTRIBUTE	Juniper-Secondary-Dns	33	ipaddr
ATTRIBUTE	Juniper-Secondary-Wins	34	ipaddr
ATTRIBUTE	Juniper-Interface-id	35	string
ATTRIBUTE	Juniper-Ip-Pool-Name	36	string
ATTRIBUTE	Juniper-Keep-Alive	37	integer
ATTRIBUTE	Juniper-CoS-Traffic-Control-Profile	38	string
ATTRIBUTE	Juniper-CoS-Parameter	39	string
ATTRIBUTE	Juniper-encapsulation-overhead	40	integer
ATTRIBUTE	Juniper-cell-overhead	41	integer
ATTRIBUTE	Juniper-tx-connect-speed	42	integer
ATTRIBUTE	Juniper-rx-connect-speed	43	integer
ATTRIBUTE	Juniper-Firewall-filter-name	44	string
ATTRIBUTE	Juniper-Policer-Parameter	45	string
ATTRIBUTE	Juniper-Local-Group-Name	46	string
ATTRIBUTE	Juniper-Local-Interface	47	string
ATTRIBUTE	Juniper-Switching-Filter	48	string
ATTRIBUTE	Juniper-VoIP-Vlan	49	string
ATTRIBUTE	Juniper-CWA-Redirect	50	string
ATTRIBUTE	Juniper-AV-Pair	52	string
VALUE	Juniper-CTPView-APP-Group	Net_View	1
VALUE	Juniper-CTPView-APP-Group	Net_Admin	2
VALUE	Juniper-CTPView-APP-Group	Global_Admin	3
VALUE	Juniper-CTP-Group	Read_Only	1
VALUE	Juniper-CTP-Group	Admin	2
VALUE	Juniper-CTP-Group	Privileged_Admin	3
VALUE	Juniper-CTP-Group	Auditor	4
VALUE	Juniper-CTPView-OS-Group	Web_Manager	1
VALUE	Juniper-CTPView-OS-Group	System_Admin	2
VALUE	Juniper-CTPView-OS-Group	Auditor	3
END-VENDOR	Juniper
`,
  },
  {
    name: 'dictionary.erx',
    text: `
VENDOR	ERX	4874
BEGIN-VENDOR	ERX
ATTRIBUTE	ERX-Virtual-Router-Name	1	string
ATTRIBUTE	ERX-Address-Pool-Name	2	string
ATTRIBUTE	ERX-Local-Loopback-Interface	3	string
ATTRIBUTE	ERX-Primary-Dns	4	ipaddr
ATTRIBUTE	ERX-Secondary-Dns	5	ipaddr
ATTRIBUTE	ERX-Primary-Wins	6	ipaddr
ATTRIBUTE	ERX-Secondary-Wins	7	ipaddr
ATTRIBUTE	ERX-Tunnel-Virtual-Router	8	string	has_tag
ATTRIBUTE	ERX-Tunnel-Password	9	string	has_tag
ATTRIBUTE	ERX-Ingress-Policy-Name	10	string
ATTRIBUTE	ERX-Egress-Policy-Name	11	string
ATTRIBUTE	ERX-Ingress-Statistics	12	integer
ATTRIBUTE	ERX-Egress-Statistics	13	integer
ATTRIBUTE	ERX-Atm-Service-Category	14	integer
ATTRIBUTE	ERX-Atm-PCR	15	integer
ATTRIBUTE	ERX-Atm-SCR	16	integer
ATTRIBUTE	ERX-Atm-MBS	17	integer
ATTRIBUTE	ERX-Cli-Initial-Access-Level	18	string
ATTRIBUTE	ERX-Cli-Allow-All-VR-Access	19	integer
ATTRIBUTE	ERX-Alternate-Cli-Access-Level	20	string
ATTRIBUTE	ERX-Alternate-Cli-Vrouter-Name	21	string
ATTRIBUTE	ERX-Sa-Validate	22	integer
ATTRIBUTE	ERX-Igmp-Enable	23	integer
ATTRIBUTE	ERX-Pppoe-Description	24	string
ATTRIBUTE	ERX-Redirect-VR-Name	25	string
ATTRIBUTE	ERX-Qos-Profile-Name	26	string
ATTRIBUTE	ERX-Pppoe-Max-Sessions	27	integer
ATTRIBUTE	ERX-Pppoe-Url	28	string
ATTRIBUTE	ERX-Qos-Profile-Interface-Type	29	integer
ATTRIBUTE	ERX-Tunnel-Nas-Port-Method	30	integer
ATTRIBUTE	ERX-Service-Bundle	31	string
ATTRIBUTE	ERX-Tunnel-Tos	32	integer
ATTRIBUTE	ERX-Tunnel-Maximum-Sessions	33	integer
ATTRIBUTE	ERX-Framed-Ip-Route-Tag	34	string
ATTRIBUTE	ERX-Dial-Out-Number	35	string
ATTRIBUTE	ERX-PPP-Username	36	string
ATTRIBUTE	ERX-PPP-Password	37	string
ATTRIBUTE	ERX-PPP-Auth-Protocol	38	integer
ATTRIBUTE	ERX-Minimum-BPS	39	integer
ATTRIBUTE	ERX-Maximum-BPS	40	integer
ATTRIBUTE	ERX-Bearer-Type	41	integer
ATTRIBUTE	ERX-Input-Gigapkts	42	integer
ATTRIBUTE	ERX-Output-Gigapkts	43	integer
ATTRIBUTE	ERX-Tunnel-Interface-Id	44	string
ATTRIBUTE	ERX-IpV6-Virtual-Router	45	string
ATTRIBUTE	ERX-IpV6-Local-Interface	46	string
ATTRIBUTE	ERX-Ipv6-Primary-Dns	47	ipv6addr
ATTRIBUTE	ERX-Ipv6-Secondary-Dns	48	ipv6addr
ATTRIBUTE	Sdx-Service-Name	49	string
ATTRIBUTE	Sdx-Session-Volume-Quota	50	string
ATTRIBUTE	Sdx-Tunnel-Disconnect-Cause-Info	51	string
ATTRIBUTE	ERX-Radius-Client-Address	52	ipaddr
ATTRIBUTE	ERX-Service-Description	53	string
ATTRIBUTE	ERX-L2tp-Recv-Window-Size	54	integer
ATTRIBUTE	ERX-Dhcp-Options	55	octets
ATTRIBUTE	ERX-Dhcp-Mac-Addr	56	string
ATTRIBUTE	ERX-Dhcp-Gi-Address	57	ipaddr
ATTRIBUTE	ERX-LI-Action	58	integer	encrypt=2
ATTRIBUTE	ERX-Med-Dev-Handle	59	octets	encrypt=2
ATTRIBUTE	ERX-Med-Ip-Address	60	ipaddr	encrypt=2
ATTRIBUTE	ERX-Med-Port-Number	61	integer	encrypt=2
ATTRIBUTE	ERX-MLPPP-Bundle-Name	62	string
ATTRIBUTE	ERX-Interface-Desc	63	string
ATTRIBUTE	ERX-Tunnel-Group	64	string
ATTRIBUTE	ERX-Service-Activate	65	string	has_tag
ATTRIBUTE	ERX-Service-Deactivate	66	string
ATTRIBUTE	ERX-Service-Volume	67	integer	has_tag
ATTRIBUTE	ERX-Service-Timeout	68	integer	has_tag
ATTRIBUTE	ERX-Service-Statistics	69	integer	has_tag
ATTRIBUTE	ERX-DF-Bit	70	integer
ATTRIBUTE	ERX-IGMP-Access-Name	71	string
ATTRIBUTE	ERX-IGMP-Access-Src-Name	72	string
ATTRIBUTE	ERX-IGMP-OIF-Map-Name	73	string
ATTRIBUTE	ERX-MLD-Access-Name	74	string
ATTRIBUTE	ERX-MLD-Access-Src-Name	75	string
ATTRIBUTE	ERX-MLD-OIF-Map-Name	76	string
ATTRIBUTE	ERX-MLD-Version	77	integer
ATTRIBUTE	ERX-IGMP-Version	78	integer
ATTRIBUTE	ERX-IP-Mcast-Adm-Bw-Limit	79	integer
ATTRIBUTE	ERX-IPv6-Mcast-Adm-Bw-Limit	80	integer
ATTRIBUTE	ERX-Qos-Parameters	82	string
ATTRIBUTE	ERX-Service-Session	83	string
ATTRIBUTE	ERX-Mobile-IP-Algorithm	84	integer
ATTRIBUTE	ERX-Mobile-IP-SPI	85	integer
ATTRIBUTE	ERX-Mobile-IP-Key	86	string
ATTRIBUTE	ERX-Mobile-IP-Replay	87	integer
ATTRIBUTE	ERX-Mobile-IP-Access-Control	88	string
ATTRIBUTE	ERX-Mobile-IP-Lifetime	89	integer
ATTRIBUTE	ERX-L2TP-Resynch-Method	90	integer
ATTRIBUTE	ERX-Tunnel-Switch-Profile	91	string
ATTRIBUTE	ERX-L2c-Up-Stream-Data	92	string
ATTRIBUTE	ERX-L2c-Down-Stream-Data	93	string
ATTRIBUTE	ERX-Tunnel-Tx-Speed-Method	94	integer
ATTRIBUTE	ERX-IGMP-Query-Interval	95	integer
ATTRIBUTE	ERX-IGMP-Max-Resp-Time	96	integer
ATTRIBUTE	ERX-IGMP-Immediate-Leave	97	integer
ATTRIBUTE	ERX-MLD-Query-Interval	98	integer
ATTRIBUTE	ERX-MLD-Max-Resp-Time	99	integer
ATTRIBUTE	ERX-MLD-Immediate-Leave	100	integer
ATTRIBUTE	ERX-IP-Block-Multicast	101	integer
ATTRIBUTE	ERX-IGMP-Explicit-Tracking	102	integer
ATTRIBUTE	ERX-IGMP-No-Tracking-V2-Grps	103	integer
ATTRIBUTE	ERX-MLD-Explicit-Tracking	104	integer
ATTRIBUTE	ERX-MLD-No-Tracking-V1-Grps	105	integer
ATTRIBUTE	ERX-IPv6-Ingress-Policy-Name	106	string
ATTRIBUTE	ERX-IPv6-Egress-Policy-Name	107	string
ATTRIBUTE	ERX-CoS-Shaping-Pmt-Type	108	string
ATTRIBUTE	ERX-DHCP-Guided-Relay-Server	109	ipaddr
ATTRIBUTE	ERX-Acc-Loop-Cir-Id	110	string
ATTRIBUTE	ERX-Acc-Aggr-Cir-Id-Bin	111	octets
ATTRIBUTE	ERX-Acc-Aggr-Cir-Id-Asc	112	string
ATTRIBUTE	ERX-Act-Data-Rate-Up	113	integer
ATTRIBUTE	ERX-Act-Data-Rate-Dn	114	integer
ATTRIBUTE	ERX-Min-Data-Rate-Up	115	integer
ATTRIBUTE	ERX-Min-Data-Rate-Dn	116	integer
ATTRIBUTE	ERX-Att-Data-Rate-Up	117	integer
ATTRIBUTE	ERX-Att-Data-Rate-Dn	118	integer
ATTRIBUTE	ERX-Max-Data-Rate-Up	119	integer
ATTRIBUTE	ERX-Max-Data-Rate-Dn	120	integer
ATTRIBUTE	ERX-Min-LP-Data-Rate-Up	121	integer
ATTRIBUTE	ERX-Min-LP-Data-Rate-Dn	122	integer
ATTRIBUTE	ERX-Max-Interlv-Delay-Up	123	integer
ATTRIBUTE	ERX-Act-Interlv-Delay-Up	124	integer
ATTRIBUTE	ERX-Max-Interlv-Delay-Dn	125	integer
ATTRIBUTE	ERX-Act-Interlv-Delay-Dn	126	integer
ATTRIBUTE	ERX-DSL-Line-State	127	integer
ATTRIBUTE	ERX-DSL-Type	128	integer
ATTRIBUTE	ERX-IPv6-NdRa-Prefix	129	ipv6prefix
ATTRIBUTE	ERX-Qos-Set-Name	130	string
ATTRIBUTE	ERX-Service-Acct-Interval	140	integer	has_tag
ATTRIBUTE	ERX-DownStream-Calc-Rate	141	integer
ATTRIBUTE	ERX-UpStream-Calc-Rate	142	integer
ATTRIBUTE	ERX-Max-Clients-Per-Interface	143	integer
ATTRIBUTE	ERX-PPP-Monitor-Ingress-Only	144	integer
ATTRIBUTE	ERX-CoS-Scheduler-Pmt-Type	146	string
ATTRIBUTE	ERX-Backup-Address-Pool	147	string
ATTRIBUTE	ERX-ICR-Partition-Id	150	string
ATTRIBUTE	ERX-IPv6-Acct-Input-Octets	151	integer
ATTRIBUTE	ERX-IPv6-Acct-Output-Octets	152	integer
ATTRIBUTE	ERX-IPv6-Acct-Input-Packets	153	integer
ATTRIBUTE	ERX-IPv6-Acct-Output-Packets	154	integer
ATTRIBUTE	ERX-IPv6-Acct-Input-Gigawords	155	integer
ATTRIBUTE	ERX-IPv6-Acct-Output-Gigawords	156	integer
ATTRIBUTE	ERX-IPv6-NdRa-Pool-Name	157	string
ATTRIBUTE	ERX-PppoE-Padn	158	string
ATTRIBUTE	ERX-Dhcp-Option-82	159	octets
ATTRIBUTE	ERX-Vlan-Map-Id	160	integer
ATTRIBUTE	ERX-IPv6-Delegated-Pool-Name	161	string
ATTRIBUTE	ERX-Tx-Connect-Speed	162	integer
ATTRIBUTE	ERX-Rx-Connect-Speed	163	integer
ATTRIBUTE	ERX-Service-Activate-Type	173	integer	has_tag
ATTRIBUTE	ERX-Client-Profile-Name	174	string
ATTRIBUTE	ERX-Redirect-GW-Address	175	ipaddr
ATTRIBUTE	ERX-APN-Name	176	string
ATTRIBUTE	ERX-Cos-Shaping-Rate	177	string
ATTRIBUTE	ERX-Action-Reason	178	string
ATTRIBUTE	ERX-Service-Volume-Gigawords	179	integer	has_tag
ATTRIBUTE	ERX-Update-Service	180	string	has_tag
ATTRIBUTE	ERX-DHCPv6-Guided-Relay-Server	181	ipv6addr
ATTRIBUTE	ERX-Acc-Loop-Remote-Id	182	string
ATTRIBUTE	ERX-Acc-Loop-Encap	183	octets
ATTRIBUTE	ERX-Inner-Vlan-Map-Id	184	integer
ATTRIBUTE	ERX-Core-Facing-Interface	185	string
ATTRIBUTE	ERX-DHCP-First-Relay-IPv4-Address	189	ipaddr
ATTRIBUTE	ERX-DHCP-First-Relay-IPv6-Address	190	ipv6addr
ATTRIBUTE	ERX-Input-Interface-Filter	191	string
ATTRIBUTE	ERX-Output-Interface-Filter	192	string
ATTRIBUTE	ERX-Pim-Enable	193	integer
ATTRIBUTE	ERX-Bulk-CoA-Transaction-Id	194	integer
ATTRIBUTE	ERX-Bulk-CoA-Identifier	195	integer
ATTRIBUTE	ERX-IPv4-Input-Service-Set	196	string
ATTRIBUTE	ERX-IPv4-Output-Service-Set	197	string
ATTRIBUTE	ERX-IPv4-Input-Service-Filter	198	string
ATTRIBUTE	ERX-IPv4-Output-Service-Filter	199	string
ATTRIBUTE	ERX-IPv6-Input-Service-Set	200	string
ATTRIBUTE	ERX-IPv6-Output-Service-Set	201	string
ATTRIBUTE	ERX-IPv6-Input-Service-Filter	202	string
ATTRIBUTE	ERX-IPv6-Output-Service-Filter	203	string
ATTRIBUTE	ERX-Adv-Pcef-Profile-Name	204	string
ATTRIBUTE	ERX-Adv-Pcef-Rule-Name	205	string
ATTRIBUTE	ERX-Re-Authentication-Catalyst	206	integer
ATTRIBUTE	ERX-DHCPv6-Options	207	octets
ATTRIBUTE	ERX-DHCP-Header	208	octets
ATTRIBUTE	ERX-DHCPv6-Header	209	octets
ATTRIBUTE	ERX-Acct-Request-Reason	210	integer
ATTRIBUTE	ERX-Inner-Tag-Protocol-Id	211	string
ATTRIBUTE	ERX-Routing-Services	212	integer
ATTRIBUTE	ERX-Interface-Set-Targeting-Weight	213	integer
ATTRIBUTE	ERX-Interface-Targeting-Weight	214	integer
ATTRIBUTE	ERX-Hybrid-Access-DSL-Downstream-Speed	216	integer
ATTRIBUTE	ERX-Hybrid-Access-LTE-Downstream-Speed	217	integer
ATTRIBUTE	ERX-PON-Access-Type	219	integer
ATTRIBUTE	ERX-ONT-ONU-Average-Data-Rate-Downstream	220	integer
ATTRIBUTE	ERX-ONT-ONU-Peak-Data-Rate-Downstream	221	integer
ATTRIBUTE	ERX-ONT-ONU-Maximum-Data-Rate-Upstream	222	integer
ATTRIBUTE	ERX-ONT-ONU-Assured-Data-Rate-Upstream	223	integer
ATTRIBUTE	ERX-PON-Tree-Maximum-Data-Rate-Upstream	224	integer
ATTRIBUTE	ERX-PON-Tree-Maximum-Data-Rate-Downstream	225	integer
ATTRIBUTE	ERX-Expected-Throughput-Upstream	226	integer
ATTRIBUTE	ERX-Expected-Throughput-Downstream	227	integer
ATTRIBUTE	ERX-Attainable-Expected-Throughput-Upstream	228	integer
ATTRIBUTE	ERX-Attainable-Expected-Throughput-Downstream	229	integer
ATTRIBUTE	ERX-Gamma-Data-Rate-Upstream	230	integer
ATTRIBUTE	ERX-Gamma-Data-Rate-Downstream	231	integer
ATTRIBUTE	ERX-Attainable-Gamma-Data-Rate-Upstream	232	integer
ATTRIBUTE	ERX-Attainable-Gamma-Data-Rate-Downstream	233	integer
VALUE	ERX-Ingress-Statistics	disable	0
VALUE	ERX-Ingress-Statistics	enable	1
VALUE	ERX-Egress-Statistics	disable	0
VALUE	ERX-Egress-Statistics	enable	1
VALUE	ERX-Atm-Service-Category	UBR	1
VALUE	ERX-Atm-Service-Category	UBRPCR	2
VALUE	ERX-Atm-Service-Category	nrtVBR	3
VALUE	ERX-Atm-Service-Category	CBR	4
VALUE	ERX-Cli-Allow-All-VR-Access	disable	0
VALUE	ERX-Cli-Allow-All-VR-Access	enable	1
VALUE	ERX-Sa-Validate	disable	0
VALUE	ERX-Sa-Validate	enable	1
VALUE	ERX-Igmp-Enable	disable	0
VALUE	ERX-Igmp-Enable	enable	1
VALUE	ERX-Qos-Profile-Interface-Type	IP	1
VALUE	ERX-Qos-Profile-Interface-Type	ATM	2
VALUE	ERX-Qos-Profile-Interface-Type	HDLC	3
VALUE	ERX-Qos-Profile-Interface-Type	ETHERNET	4
VALUE	ERX-Qos-Profile-Interface-Type	SERVER-PORT	5
VALUE	ERX-Qos-Profile-Interface-Type	ATM-1483	6
VALUE	ERX-Qos-Profile-Interface-Type	FRAME-RELAY	7
VALUE	ERX-Qos-Profile-Interface-Type	MPLS-MINOR	8
VALUE	ERX-Qos-Profile-Interface-Type	CBF	9
VALUE	ERX-Qos-Profile-Interface-Type	IP-TUNNEL	10
VALUE	ERX-Qos-Profile-Interface-Type	VLAN-SUB	11
VALUE	ERX-Qos-Profile-Interface-Type	PPPOE-SUB	12
VALUE	ERX-Tunnel-Nas-Port-Method	None	0
VALUE	ERX-Tunnel-Nas-Port-Method	CISCO-CLID	1
VALUE	ERX-PPP-Auth-Protocol	None	0
VALUE	ERX-PPP-Auth-Protocol	PAP	1
VALUE	ERX-PPP-Auth-Protocol	CHAP	2
VALUE	ERX-PPP-Auth-Protocol	PAP-CHAP	3
VALUE	ERX-PPP-Auth-Protocol	CHAP-PAP	4
VALUE	ERX-Bearer-Type	None	0
VALUE	ERX-Bearer-Type	Analog	1
VALUE	ERX-Bearer-Type	Digital	2
VALUE	ERX-LI-Action	off	0
VALUE	ERX-LI-Action	on	1
VALUE	ERX-LI-Action	noop	2
VALUE	ERX-DF-Bit	dont-ignore-df-bit	0
VALUE	ERX-DF-Bit	ignore-df-bit	1
VALUE	ERX-MLD-Version	v1	1
VALUE	ERX-MLD-Version	v2	2
VALUE	ERX-IGMP-Version	v1	1
VALUE	ERX-IGMP-Version	v2	2
VALUE	ERX-IGMP-Version	v3	3
VALUE	ERX-Service-Statistics	disabled	0
VALUE	ERX-Service-Statistics	time	1
VALUE	ERX-Service-Statistics	time-volume	2
VALUE	ERX-L2TP-Resynch-Method	disable	0
VALUE	ERX-L2TP-Resynch-Method	failover	1
VALUE	ERX-L2TP-Resynch-Method	silent-failover	2
VALUE	ERX-L2TP-Resynch-Method	failover-with-silent-backup	3
VALUE	ERX-Tunnel-Tx-Speed-Method	static-layer2	1
VALUE	ERX-Tunnel-Tx-Speed-Method	dynamic-layer2	2
VALUE	ERX-Tunnel-Tx-Speed-Method	qos	3
VALUE	ERX-Tunnel-Tx-Speed-Method	actual	4
VALUE	ERX-IGMP-Immediate-Leave	disabled	0
VALUE	ERX-IGMP-Immediate-Leave	enabled	1
VALUE	ERX-MLD-Immediate-Leave	disabled	0
VALUE	ERX-MLD-Immediate-Leave	enabled	1
VALUE	ERX-IP-Block-Multicast	disabled	0
VALUE	ERX-IP-Block-Multicast	enabled	1
VALUE	ERX-IGMP-Explicit-Tracking	disabled	0
VALUE	ERX-IGMP-Explicit-Tracking	enabled	1
VALUE	ERX-IGMP-No-Tracking-V2-Grps	disabled	0
VALUE	ERX-IGMP-No-Tracking-V2-Grps	enabled	1
VALUE	ERX-MLD-Explicit-Tracking	disabled	0
VALUE	ERX-MLD-Explicit-Tracking	enabled	1
VALUE	ERX-MLD-No-Tracking-V1-Grps	disabled	0
VALUE	ERX-MLD-No-Tracking-V1-Grps	enabled	1
VALUE	ERX-DSL-Line-State	SHOWTIME	1
VALUE	ERX-DSL-Line-State	IDLE	2
VALUE	ERX-DSL-Line-State	SILENT	3
VALUE	ERX-DSL-Type	ADSL1	1
VALUE	ERX-DSL-Type	ADSL2	2
VALUE	ERX-DSL-Type	ADSL2PLUS	3
VALUE	ERX-DSL-Type	VDSL1	4
VALUE	ERX-DSL-Type	VDSL2	5
VALUE	ERX-DSL-Type	SDSL	6
VALUE	ERX-DSL-Type	UNKNOWN	7
VALUE	ERX-PPP-Monitor-Ingress-Only	disabled	0
VALUE	ERX-PPP-Monitor-Ingress-Only	enabled	1
VALUE	ERX-Service-Activate-Type	dynamic	1
VALUE	ERX-Service-Activate-Type	opscript	1
VALUE	ERX-Pim-Enable	disabled	0
VALUE	ERX-Pim-Enable	enabled	1
VALUE	ERX-Re-Authentication-Catalyst	disabled	0
VALUE	ERX-Re-Authentication-Catalyst	client-renew	1
VALUE	ERX-Acct-Request-Reason	Acct-Start-Ack	1
VALUE	ERX-Acct-Request-Reason	Periodic	2
VALUE	ERX-Acct-Request-Reason	IP-Active	4
VALUE	ERX-Acct-Request-Reason	IP-Inactive	8
VALUE	ERX-Acct-Request-Reason	IPv6-Active	16
VALUE	ERX-Acct-Request-Reason	IPv6-Inactive	32
VALUE	ERX-Acct-Request-Reason	Session-Active	64
VALUE	ERX-Acct-Request-Reason	Session-Inactive	128
VALUE	ERX-Acct-Request-Reason	Line-Speed-Change	256
VALUE	ERX-Acct-Request-Reason	Address-Assignment-Change	512
VALUE	ERX-Acct-Request-Reason	CoA-Complete	1024
VALUE	ERX-Routing-Services	disabled	0
VALUE	ERX-Routing-Services	enabled	1
VALUE	ERX-PON-Access-Type	Other	0
VALUE	ERX-PON-Access-Type	GPON	1
VALUE	ERX-PON-Access-Type	XG-PON1	2
VALUE	ERX-PON-Access-Type	TWDM-PON	3
VALUE	ERX-PON-Access-Type	XGS-PON	4
VALUE	ERX-PON-Access-Type	WDM-PON	5
VALUE	ERX-PON-Access-Type	UNKNOWN	7
END-VENDOR	ERX
`,
  },
];
