import { BlockList, isIPv4 } from 'node:net';
import { sql } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import type { AaaNas } from '../policy/policy.ts';

type Row = { id: string; isp_id: string; name: string; address: string; secret_enc: string; vendor: AaaNas['vendor']; coa_port: number; require_message_authenticator: boolean; nas_group: string | null };

/**
 * Which NAS a datagram comes from, by source address: exact addresses in a map, subnets in
 * a list checked after. Reloaded whole on any NAS change (NAS lists are small).
 */
export class NasRegistry {
  private exact = new Map<string, AaaNas>();
  private subnets: { list: BlockList; nas: AaaNas }[] = [];

  constructor(private readonly db: Database, private readonly secrets: SecretBox) {}

  async load(): Promise<number> {
    // The AAA engine serves every ISP: this read is the system path, not a user's view.
    const list = await withScope(this.db, platformScope, (tx) =>
      rows<Row>(tx, sql`SELECT n.id, n.isp_id, n.name, n.address::text AS address, n.secret_enc, n.vendor, n.coa_port, n.require_message_authenticator, n.nas_group
                        FROM nas_devices n JOIN isps i ON i.id = n.isp_id WHERE n.status = 'active' AND i.status = 'active'`),
    );
    const exact = new Map<string, AaaNas>();
    const subnets: { list: BlockList; nas: AaaNas }[] = [];
    for (const r of list) {
      const nas: AaaNas = {
        id: r.id, ispId: r.isp_id, name: r.name, secret: this.secrets.open(r.secret_enc), vendor: r.vendor,
        coaPort: r.coa_port, requireMessageAuthenticator: r.require_message_authenticator, group: r.nas_group,
      };
      const [addr, bits] = r.address.split('/') as [string, string | undefined];
      const family = isIPv4(addr) ? 'ipv4' : 'ipv6';
      const full = family === 'ipv4' ? 32 : 128;
      if (!bits || Number(bits) === full) exact.set(addr, nas);
      else {
        const bl = new BlockList();
        bl.addSubnet(addr, Number(bits), family);
        subnets.push({ list: bl, nas });
      }
    }
    this.exact = exact;
    this.subnets = subnets;
    return list.length;
  }

  get size(): number {
    return this.exact.size + this.subnets.length;
  }

  find(address: string): AaaNas | undefined {
    const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
    const hit = this.exact.get(plain);
    if (hit) return hit;
    const family = isIPv4(plain) ? 'ipv4' : 'ipv6';
    for (const s of this.subnets) if (s.list.check(plain, family)) return s.nas;
    return undefined;
  }

  all(): AaaNas[] {
    return [...this.exact.values(), ...this.subnets.map((s) => s.nas)];
  }

  byId(id: string): AaaNas | undefined {
    for (const n of this.exact.values()) if (n.id === id) return n;
    return this.subnets.find((s) => s.nas.id === id)?.nas;
  }
}
