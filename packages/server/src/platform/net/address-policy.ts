import ipaddr from 'ipaddr.js';

/**
 * Which addresses a request to a user-given URL may reach. A URL typed in by an ISP (a BTCPay
 * server, a webhook receiver) must not make this server talk to itself, its LAN or the cloud's
 * metadata service with the ISP's credentials attached (SSRF). Everything is refused that is
 * not ordinary global unicast, unless the platform owner allowed a range by name (a
 * self-hosted ISP's BTCPay on its own LAN). Pure functions: no I/O.
 */

type Ip = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = { text: string; net: [Ip, number] };

type AddressClass = { name: string; nets: Cidr[]; allowable: boolean };

const cidr = (text: string): Cidr => ({ text, net: ipaddr.parseCIDR(text) });
const klass = (name: string, allowable: boolean, ...nets: string[]): AddressClass => ({ name, allowable, nets: nets.map(cidr) });

// First match wins: the specific ones (metadata inside link-local and ULA, :: inside ::/96) first.
const classes: readonly AddressClass[] = [
  klass('cloud metadata', false, '169.254.169.254/32', 'fd00:ec2::254/128'),
  klass('unspecified', false, '0.0.0.0/8', '::/128'),
  klass('loopback', true, '127.0.0.0/8', '::1/128'),
  klass('private', true, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'),
  klass('carrier-grade NAT', true, '100.64.0.0/10'),
  klass('unique local', true, 'fc00::/7'),
  klass('link-local', true, '169.254.0.0/16', 'fe80::/10'),
  klass('multicast', false, '224.0.0.0/4', 'ff00::/8'),
  // Documentation, benchmarking, IETF protocol assignments, 240/4 and the broadcast address.
  klass('reserved', false, '192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4',
    '2001:db8::/32', '100::/64', '2001:2::/48'),
  // Addresses that carry an IPv4 address the network would translate to: the one inside
  // could be any of the above. (IPv4-mapped ::ffff:a.b.c.d is unwrapped and checked as IPv4.)
  klass('IPv4-embedding IPv6', false, '::/96', '::ffff:0:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '2002::/16', '2001::/32'),
];

/** The address as IPv4 when it is an IPv4-mapped IPv6 one; null when it is not an address. */
function parse(address: string): Ip | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.process(bare);
}

const inNet = (ip: Ip, c: Cidr) => ip.kind() === c.net[0].kind() && ip.match(c.net);

/**
 * Why an outbound request to `address` is refused, or null when it may go: a global unicast
 * address, or one inside a range the platform owner allowed (never the metadata service,
 * multicast, unspecified or reserved addresses).
 */
export function refusal(address: string, allowed: readonly Cidr[]): string | null {
  const ip = parse(address);
  if (!ip) return 'not an IP address';
  const hit = classes.find((c) => c.nets.some((n) => inNet(ip, n)));
  if (!hit) return null;
  if (hit.allowable && allowed.some((a) => inNet(ip, a))) return null;
  return `${ip.toString()} is a ${hit.name} address`;
}

/** True for a literal IP address (dotted IPv4, or IPv6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare);
}

/**
 * Parses one allowed range. It must be written as a CIDR (`10.20.0.0/16`, `fd12::/48`, a single
 * address as /32 or /128) and lie inside one private class: the allowance opens the LAN, it
 * cannot switch the protection off (0.0.0.0/0) or open the metadata service.
 */
export function parseAllowedCidr(text: string): Cidr | string {
  const t = text.trim();
  const v4 = ipaddr.IPv4.isValidCIDRFourPartDecimal(t);
  if (!v4 && !(t.includes(':') && ipaddr.IPv6.isValidCIDR(t))) return 'not a CIDR range such as 10.20.0.0/16 or fd12:3456::/48';
  const [ip, bits] = ipaddr.parseCIDR(t);
  const network = v4 ? ipaddr.IPv4.networkAddressFromCIDR(t) : ipaddr.IPv6.networkAddressFromCIDR(t);
  const canonical = `${network.toString()}/${bits}`;
  const home = classes.find((c) => c.allowable && c.nets.some((n) => ip.kind() === n.net[0].kind() && bits >= n.net[1] && network.match(n.net)));
  if (!home) return `${canonical} is not inside a loopback, private (RFC 1918), carrier-grade NAT, unique local or link-local range`;
  return { text: canonical, net: [network, bits] };
}

/** Parses a list of allowed ranges; the first bad one is reported with its position. */
export function parseAllowedCidrs(texts: readonly string[]): { ok: Cidr[] } | { index: number; error: string } {
  const ok: Cidr[] = [];
  for (const [index, text] of texts.entries()) {
    const c = parseAllowedCidr(text);
    if (typeof c === 'string') return { index, error: `${text.trim()}: ${c}` };
    if (!ok.some((o) => o.text === c.text)) ok.push(c);
  }
  return { ok };
}
