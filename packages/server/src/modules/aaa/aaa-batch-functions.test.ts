import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.ts';
import { platformScope, rows, tenantScope, withScope } from '../../platform/db/scope.ts';

/**
 * The AAA batch functions raise the platform flag for their own statement: only the owner
 * (the AAA engine's connection) may call them, never the role that API requests run as.
 */
describe('AAA batch functions (migrations/functions/aaa_*.sql)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => s.close());

  it('cannot be called by the app role, in a tenant scope or even the platform scope', async () => {
    for (const scope of [tenantScope('00000000-0000-0000-0000-000000000001'), platformScope]) {
      const err = await withScope(s.ctx.db, scope, (tx) => tx.execute(sql`SELECT aaa_log_postauth('{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')`))
        .then(() => null, (e: unknown) => e as { cause?: { message?: string } });
      expect(err?.cause?.message).toMatch(/permission denied for function aaa_log_postauth/);
    }
  });

  it('adds each accounting delta once and keeps the session counters monotonic', async () => {
    const isp = (await s.ctx.db.query<{ id: string }>("INSERT INTO isps (slug, display_name) VALUES ('fn-test', 'Fn Test') RETURNING id"))[0]!.id;
    const call = (inp: number, out: number, stop: string | null) => s.ctx.db.query<{ uid: string; delta: string }>(
      `SELECT uid, delta::text FROM aaa_apply_accounting($1::uuid[], '{NULL}', '{NULL}', '{u1}', '{s1}', '{uid-1}', '{127.0.0.9}', '{NULL}', '{NULL}', '{NULL}',
        '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{2026-11-25T10:00:00Z}', '{2026-11-25T10:05:00Z}', $2::timestamptz[], '{300}', $3::bigint[], $4::bigint[],
        '{NULL}', '{NULL}', '{NULL}')`, [`{${isp}}`, `{${stop ?? 'NULL'}}`, `{${inp}}`, `{${out}}`]);
    expect(await call(100, 50, null)).toEqual([{ uid: 'uid-1', delta: '150' }]);
    expect(await call(300, 50, null)).toEqual([{ uid: 'uid-1', delta: '200' }]);
    // A retransmitted older interim never lowers the counters nor counts twice.
    expect(await call(100, 50, null)).toEqual([{ uid: 'uid-1', delta: '0' }]);
    expect(await call(400, 60, '2026-11-25T10:06:00Z')).toEqual([{ uid: 'uid-1', delta: '110' }]);
    const [row] = await withScope(s.ctx.db, platformScope, (tx) => rows<{ input_octets: string; output_octets: string; stop_time: Date | null }>(tx,
      sql`SELECT input_octets::text, output_octets::text, stop_time FROM radius_sessions WHERE acct_unique_id = 'uid-1'`));
    expect(row).toMatchObject({ input_octets: '400', output_octets: '60' });
    expect(row?.stop_time).not.toBeNull();
  });

  it('lets a Start that arrives after its Stop neither reopen the session nor take the address offered to someone else', async () => {
    const isp = (await s.ctx.db.query<{ id: string }>("INSERT INTO isps (slug, display_name) VALUES ('fn-late', 'Fn Late') RETURNING id"))[0]!.id;
    const pool = (await s.ctx.db.query<{ id: string }>(
      `INSERT INTO ip_pools (isp_id, name, first_ip, last_ip) VALUES ($1, 'p', '10.77.0.1', '10.77.0.9') RETURNING id`, [isp]))[0]!.id;
    const call = (stop: string | null) => s.ctx.db.query(
      `SELECT uid FROM aaa_apply_accounting($1::uuid[], '{NULL}', '{NULL}', '{u2}', '{s2}', '{uid-late}', '{127.0.0.9}', '{NULL}', '{NULL}', '{NULL}',
        '{10.77.0.5}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{2026-11-25T10:00:00Z}', '{2026-11-25T10:05:00Z}', $2::timestamptz[], '{300}', '{10}', '{10}',
        '{NULL}', '{NULL}', '{NULL}')`, [`{${isp}}`, `{${stop ?? 'NULL'}}`]);
    await call('2026-11-25T10:05:00Z');
    // The address is free again and offered to the next subscriber's Access-Accept.
    await s.ctx.db.query(`INSERT INTO ip_leases (pool_id, ip, isp_id, expires_at) VALUES ($1, '10.77.0.5', $2, now() + interval '1 minute')`, [pool, isp]);
    // The Start of the finished session, applied late (from the journal, or a retried batch).
    await call(null);
    const [lease] = await s.ctx.db.query<{ acct_unique_id: string | null; expires_at: Date }>(`SELECT acct_unique_id, expires_at FROM ip_leases WHERE pool_id = $1`, [pool]);
    expect(lease?.acct_unique_id).toBeNull();
    expect(lease!.expires_at.getTime()).toBeLessThan(Date.now() + 120_000);
    const [row] = await s.ctx.db.query<{ stop_time: Date | null }>(`SELECT stop_time FROM radius_sessions WHERE acct_unique_id = 'uid-late'`);
    expect(row?.stop_time).not.toBeNull();
  });

  it('removes an ISP\'s post-auth log with the ISP, without a foreign key checked per logged row (migration 0028)', async () => {
    const [a, b] = await s.ctx.db.query<{ id: string }>("INSERT INTO isps (slug, display_name) VALUES ('fn-pa-a', 'A'), ('fn-pa-b', 'B') RETURNING id");
    for (const isp of [a!.id, b!.id]) {
      await s.ctx.db.query(`SELECT aaa_log_postauth($1::uuid[], '{NULL,NULL}', '{NULL,NULL}', '{u1,u2}', '{accept,reject}', '{ok,"wrong password"}', '{pap,pap}',
        '{NULL,NULL}', '{127.0.0.1,127.0.0.1}', '{2026-11-26T07:00:00Z,2026-11-26T07:00:01Z}')`, [`{${isp},${isp}}`]);
    }
    const count = async (isp: string) => (await s.ctx.db.query<{ n: string }>('SELECT count(*)::text AS n FROM radius_postauth WHERE isp_id = $1', [isp]))[0]!.n;
    expect([await count(a!.id), await count(b!.id)]).toEqual(['2', '2']);
    await s.ctx.db.query('DELETE FROM isps WHERE id = $1', [a!.id]);
    expect([await count(a!.id), await count(b!.id)]).toEqual(['0', '2']);
  });
});
