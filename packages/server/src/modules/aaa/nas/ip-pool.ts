import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import { rows, tenantScope, withScope } from '../../../platform/db/scope.ts';
import type { Tx } from '../../../platform/db/database.ts';

/** How long an address offered in an Access-Accept waits for the session's Accounting Start. */
const offerSeconds = 120;

/**
 * Allocates an address for a new session: the subscriber's own free lease first (so a
 * reconnect keeps its address), else a free address. A conflicting insert means
 * another process took that address first; the loop then tries the next.
 */
export async function allocateIp(db: Database, ispId: string, poolId: string, subscriberId: string): Promise<string | null> {
  return withScope(db, tenantScope(ispId), async (tx) => {
    const [own] = await rows<{ ip: string }>(tx, sql`
      UPDATE ip_leases SET expires_at = now() + make_interval(secs => ${offerSeconds}), leased_at = now()
      WHERE ctid = (SELECT ctid FROM ip_leases WHERE pool_id = ${poolId} AND subscriber_id = ${subscriberId} AND acct_unique_id IS NULL
                    ORDER BY leased_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING host(ip) AS ip`);
    if (own) return own.ip;
    // Concurrent allocators start at random points of the pool, so that they rarely race for
    // the same address; a lost race simply moves on to another.
    for (let attempt = 0; attempt < 20; attempt++) {
      const offset = randomInt(1 << 30);
      const [got] = await rows<{ ip: string }>(tx, sql`
        INSERT INTO ip_leases (pool_id, ip, isp_id, subscriber_id, expires_at)
        SELECT p.id, p.first_ip + g.n, p.isp_id, ${subscriberId}, now() + make_interval(secs => ${offerSeconds})
        FROM ip_pools p, generate_series(0::bigint, (p.last_ip - p.first_ip)) g(n)
        WHERE p.id = ${poolId} AND NOT EXISTS (
          SELECT 1 FROM ip_leases l WHERE l.pool_id = p.id AND l.ip = p.first_ip + g.n AND (l.acct_unique_id IS NOT NULL OR l.expires_at > now()))
        ORDER BY (g.n + ${offset}) % (p.last_ip - p.first_ip + 1) LIMIT 1
        ON CONFLICT (pool_id, ip) DO UPDATE SET subscriber_id = excluded.subscriber_id, acct_unique_id = NULL, leased_at = now(), expires_at = excluded.expires_at
          WHERE ip_leases.acct_unique_id IS NULL AND ip_leases.expires_at <= now()
        RETURNING host(ip) AS ip`);
      if (got) return got.ip;
      const [full] = await rows<{ full: boolean }>(tx, sql`
        SELECT NOT EXISTS (SELECT 1 FROM ip_pools p, generate_series(0::bigint, (p.last_ip - p.first_ip)) g(n) WHERE p.id = ${poolId}
          AND NOT EXISTS (SELECT 1 FROM ip_leases l WHERE l.pool_id = p.id AND l.ip = p.first_ip + g.n AND (l.acct_unique_id IS NOT NULL OR l.expires_at > now()))) AS full`);
      if (full?.full) return null;
    }
    return null;
  });
}

/** Accounting binds offered leases to their sessions and frees the leases of stopped ones. */
export async function bindAndReleaseLeases(tx: Tx, started: { ispId: string; ip: string; uid: string }[], stopped: string[]): Promise<void> {
  if (started.length) {
    await tx.execute(sql`
      UPDATE ip_leases l SET acct_unique_id = s.uid, expires_at = 'infinity'
      FROM unnest(${pgArray(started.map((s) => s.ispId))}::uuid[], ${pgArray(started.map((s) => s.ip))}::inet[], ${pgArray(started.map((s) => s.uid))}::text[])
        AS s(isp_id, ip, uid)
      WHERE l.isp_id = s.isp_id AND l.ip = s.ip AND (l.acct_unique_id IS NULL OR l.acct_unique_id = s.uid)`);
  }
  if (stopped.length) await tx.execute(sql`DELETE FROM ip_leases WHERE acct_unique_id = ANY (${pgArray(stopped)}::text[])`);
}
