import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { retryPortZero } from './retry-port-zero.ts';

/** A trap as stored: its OID (v2c snmpTrapOID, or the v1 trap translated per RFC 3584 §3.1) and readable text. */
export type Trap = { sourceIp: string; version: 1 | 2; trapOid: string; severity: number; message: string; varbinds: Record<string, string>; community: string | null };

const snmpTraps = '1.3.6.1.6.3.1.1.5';
const names: Record<string, string> = {
  [`${snmpTraps}.1`]: 'coldStart', [`${snmpTraps}.2`]: 'warmStart', [`${snmpTraps}.3`]: 'linkDown',
  [`${snmpTraps}.4`]: 'linkUp', [`${snmpTraps}.5`]: 'authenticationFailure', [`${snmpTraps}.6`]: 'egpNeighborLoss',
};
/** Syslog-style severity, so that one search and one rule language cover both: linkDown is an error. */
const severities: Record<string, number> = { linkDown: 3, authenticationFailure: 4, egpNeighborLoss: 4, coldStart: 5, warmStart: 5, linkUp: 5 };
const ifIndexOid = '1.3.6.1.2.1.2.2.1.1.';

type Varbind = { oid: string; type: number; value: unknown };
type Pdu = { type: number; varbinds?: Varbind[]; enterprise?: string; generic?: number; specific?: number; community?: string | Buffer };

function text(v: Varbind): string {
  const value = v.value;
  if (Buffer.isBuffer(value)) {
    // Printable octet strings as text, others (MAC addresses, Counter64) as hex.
    const s = value.toString('utf8');
    return /^[\x20-\x7e\t]*$/.test(s) ? s : value.toString('hex');
  }
  if (value === null || value === undefined) return '';
  return String(value).slice(0, 1024);
}

/** Pure: a net-snmp notification PDU to a Trap; null when it is not a trap. */
export function normalizeTrap(pdu: Pdu, sourceIp: string): Trap | null {
  const list = Array.isArray(pdu.varbinds) ? pdu.varbinds.slice(0, 100) : [];
  let trapOid: string;
  let version: 1 | 2;
  let rest: Varbind[];
  if (pdu.type === snmp.PduType.Trap) {
    version = 1;
    const generic = Number(pdu.generic);
    trapOid = generic >= 0 && generic <= 5 ? `${snmpTraps}.${generic + 1}` : `${pdu.enterprise ?? ''}.0.${Number(pdu.specific) || 0}`;
    rest = list;
  } else if (pdu.type === snmp.PduType.TrapV2 || pdu.type === snmp.PduType.InformRequest) {
    version = 2;
    // RFC 3416 §4.2.6: varbind 1 is sysUpTime.0, varbind 2 snmpTrapOID.0.
    const oidVb = list.find((v) => v.oid === '1.3.6.1.6.3.1.1.4.1.0');
    if (!oidVb) return null;
    trapOid = String(oidVb.value);
    rest = list.filter((v) => v.oid !== '1.3.6.1.6.3.1.1.4.1.0' && v.oid !== '1.3.6.1.2.1.1.3.0');
  } else return null;
  const varbinds: Record<string, string> = {};
  for (const v of rest) varbinds[String(v.oid)] = text(v);
  const name = names[trapOid];
  const ifIndex = Object.keys(varbinds).find((o) => o.startsWith(ifIndexOid));
  const parts = [name ?? trapOid];
  if (ifIndex) parts.push(`ifIndex=${varbinds[ifIndex]}`);
  for (const [oid, value] of Object.entries(varbinds)) if (oid !== ifIndex) parts.push(`${oid}=${value}`);
  const community = pdu.community === undefined ? null : Buffer.isBuffer(pdu.community) ? pdu.community.toString('utf8') : String(pdu.community);
  return { sourceIp, version, trapOid, severity: name ? severities[name] ?? 4 : 4, message: parts.join(' ').slice(0, 4000), varbinds, community };
}

/** Picks a free UDP port (net-snmp's listener cannot bind port 0 and report it). */
async function freeUdpPort(host: string): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, host, () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * SNMP v1/v2c trap (and inform) receiver on net-snmp's Receiver. Every community is let
 * through with the trap: the ingest checks it against the community of the device the
 * source address belongs to (each device has its own, which one receiver-wide list cannot say).
 */
export class TrapReceiver {
  private receiver: { close(cb?: () => void): void; listener: { sockets: Record<string, dgram.Socket> } } | null = null;

  constructor(private readonly onTrap: (t: Trap) => void, private readonly onError: (err: unknown) => void = () => undefined) {}

  async start(host: string, port: number): Promise<number> {
    // With port 0 the number is picked first and bound after, so another socket may take it in between.
    return retryPortZero(port, async () => {
      try {
        return await this.listen(host, port || (await freeUdpPort(host)));
      } catch (err) {
        await this.stop();
        throw err;
      }
    });
  }

  private async listen(host: string, bindPort: number): Promise<number> {
    this.receiver = snmp.createReceiver({ port: bindPort, address: host, transport: 'udp4', disableAuthorization: true, includeAuthentication: true }, (error: unknown, notification: { pdu: Pdu; rinfo: { address: string } } | null) => {
      if (error || !notification) return this.onError(error);
      try {
        const trap = normalizeTrap(notification.pdu, notification.rinfo.address);
        if (trap) this.onTrap(trap);
      } catch (err) {
        this.onError(err);
      }
    });
    const socket = Object.values(this.receiver!.listener.sockets)[0]!;
    await new Promise<void>((resolve, reject) => {
      socket.once('listening', () => resolve());
      socket.once('error', reject);
    });
    return socket.address().port;
  }

  async stop(): Promise<void> {
    const r = this.receiver;
    this.receiver = null;
    if (!r) return;
    await new Promise<void>((resolve) => {
      const sockets = Object.values(r.listener.sockets);
      let open = sockets.length;
      if (!open) return resolve();
      r.close(() => { if (--open === 0) resolve(); });
    });
  }
}
