import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../platform/db/database.ts';
import { migrate, migrationsDir } from '../platform/db/migrate.ts';
import { tenantScope, withScope } from '../platform/db/scope.ts';
import { scratchPostgres } from '../test/scratch-database.ts';
import type { Client, TestServer } from '../test/harness.ts';
import { startWithTwoIsps, type IspFixture } from '../test/fixtures.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('alpha-keys', 'beta-keys'));
});
afterAll(() => server.close());

type Fk = { name: string; table: string; columns: string[]; ref: string; ref_columns: string[]; on_delete: string };

/** Every foreign key between two tables that both carry isp_id, as the database has it. */
async function tenantForeignKeys(db: Database): Promise<Fk[]> {
  const hasIsp = (rel: string) => `EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = ${rel} AND attname = 'isp_id' AND NOT attisdropped)`;
  const names = (rel: string, keys: string) =>
    `(SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(${keys}) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n)`;
  return db.query<Fk>(`
    SELECT c.conname AS name, c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS ref,
      ${names('c.conrelid', 'c.conkey')} AS columns, ${names('c.confrelid', 'c.confkey')} AS ref_columns,
      CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END AS on_delete
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND ${hasIsp('c.conrelid')} AND ${hasIsp('c.confrelid')}
    ORDER BY 1`);
}

describe('links between tenant rows name the ISP', () => {
  it('every foreign key between two tenant tables is (isp_id, x) -> (isp_id, id)', async () => {
    const fks = await tenantForeignKeys(server.ctx.db);
    expect(fks.length).toBeGreaterThan(90);
    const single = fks.filter((fk) => fk.columns.length !== 2 || fk.columns[0] !== 'isp_id' || fk.ref_columns.join() !== 'isp_id,id');
    expect(single.map((fk) => `${fk.name}: (${fk.columns.join(', ')}) -> ${fk.ref} (${fk.ref_columns.join(', ')})`)).toEqual([]);
  });

  it("a tenant's own transaction cannot point a row at another ISP's row, though it may at its own", async () => {
    const asA = tenantScope(a.id);
    const attempt = (branch: string) => withScope(server.ctx.db, asA, (tx) => tx.execute(sql`UPDATE users SET branch_id = ${branch}::uuid WHERE id = ${a.staffId}::uuid`));
    await expect(attempt(b.hq)).rejects.toMatchObject({ cause: { code: '23503', constraint: 'users_branch_id_fkey' } });
    await expect(withScope(server.ctx.db, asA, (tx) => tx.execute(sql`UPDATE subscribers SET plan_id = ${b.planId}::uuid WHERE id = ${a.subscriberId}::uuid`)))
      .rejects.toMatchObject({ cause: { code: '23503', constraint: 'subscribers_plan_id_fkey' } });
    await attempt(a.south);
    await attempt(a.north);
  });

  it('ON DELETE SET NULL clears the reference and keeps the row in its ISP', async () => {
    const device = await api.post(`/api/noc/${a.id}/devices`, { token: a.adminToken, body: { name: 'Edge', mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'c', nas_id: a.nasId } });
    expect(device.status, device.text).toBe(201);
    const nas = await api.post(`/api/isp/${a.id}/nas`, { token: a.adminToken, body: { name: 'Spare', address: '127.10.250.9', secret: 'nas-secret-2' } });
    expect((await api.patch(`/api/noc/${a.id}/devices/${device.json.id}`, { token: a.adminToken, body: { nas_id: nas.json.id } })).status).toBe(200);
    expect((await api.del(`/api/isp/${a.id}/nas/${nas.json.id}`, { token: a.adminToken })).status).toBe(204);
    expect((await api.get(`/api/noc/${a.id}/devices/${device.json.id}`, { token: a.adminToken })).json).toMatchObject({ nas_id: null, name: 'Edge' });
  });
});

/** Every table that a module's schema.ts declares to Drizzle. */
async function drizzleTables(): Promise<PgTable[]> {
  const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');
  const files = readdirSync(modulesDir, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'schema.ts');
  const tables: PgTable[] = [];
  for (const f of files) {
    const mod = (await import(path.join(modulesDir, f))) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (is(v, PgTable)) tables.push(v);
  }
  return tables;
}

describe('the Drizzle schema declares the tenant keys the migrations create', () => {
  // Keys that point up the module order live in the migrations alone: a module's tables name
  // only lower modules' tables (billing sits below vouchers, aaa below subscribers).
  const undeclared = ['wallet_entries_voucher_card_id_fkey', 'radius_sessions_subscriber_id_fkey', 'usage_daily_subscriber_id_fkey'];

  it('the same keys, columns, targets and delete actions, and the unique (isp_id, id) they need', async () => {
    const tables = await drizzleTables();
    const declared = new Set(tables.map((t) => getTableConfig(t).name));
    const inDb = (await tenantForeignKeys(server.ctx.db))
      .filter((fk) => declared.has(fk.table) && declared.has(fk.ref) && !undeclared.includes(fk.name));
    // Keys to a table without isp_id (isps, platform plans) are not tenant keys: the schema drift check holds those.
    const tenantTable = (t: PgTable) => getTableConfig(t).columns.some((c) => c.name === 'isp_id');
    const inDrizzle = tables.flatMap((t) => getTableConfig(t).foreignKeys.filter((fk) => tenantTable(t) && tenantTable(fk.reference().foreignTable)).map((fk) => {
      const r = fk.reference();
      return { name: fk.getName(), table: getTableConfig(t).name, columns: r.columns.map((c) => c.name), ref: getTableConfig(r.foreignTable).name,
        ref_columns: r.foreignColumns.map((c) => c.name), on_delete: fk.onDelete ?? 'no action' };
    }));
    const byName = (x: Fk[]) => [...x].sort((p, q) => p.name.localeCompare(q.name));
    expect(byName(inDrizzle)).toEqual(byName(inDb));

    const uniques = await server.ctx.db.query<{ name: string }>(`SELECT conname AS name FROM pg_constraint WHERE contype = 'u' AND conname LIKE '%\\_isp\\_id\\_id\\_key' ORDER BY 1`);
    const declaredUniques = tables.flatMap((t) => getTableConfig(t).uniqueConstraints.map((u) => ({ name: u.getName(), cols: u.columns.map((c) => c.name).join() })));
    expect(declaredUniques.every((u) => u.cols === 'isp_id,id')).toBe(true);
    const drizzleReferenced = new Set(inDrizzle.map((fk) => `${fk.ref}_isp_id_id_key`));
    expect(declaredUniques.map((u) => u.name).sort()).toEqual(uniques.map((u) => u.name).filter((n) => declared.has(n.replace(/_isp_id_id_key$/, ''))).sort());
    for (const n of drizzleReferenced) expect(declaredUniques.map((u) => u.name)).toContain(n);
  });
});

describe('migration 0029 on rows written before it', () => {
  let db: Database;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) ({ db, drop } = await scratchPostgres(process.env.TEST_DATABASE_URL, 'anx_test'));
    else db = await openPglite(null);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("takes staff off another ISP's branch; a branch manager, who must have one, becomes a disabled support agent; the trail says so", async () => {
    const file = readdirSync(migrationsDir).find((f) => f.endsWith('_tenant_composite_fks.sql'))!;
    await migrate(db, { before: file });
    await db.exec(`
      INSERT INTO isps (id, slug, display_name) VALUES ('00000000-0000-4000-8000-00000000000a', 'isp-a', 'A'), ('00000000-0000-4000-8000-00000000000b', 'isp-b', 'B');
      INSERT INTO branches (id, isp_id, name, code) VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000a', 'A HQ', 'HQ'),
        ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-00000000000b', 'B HQ', 'HQ');
      INSERT INTO users (id, isp_id, branch_id, email, name, role, password_hash) VALUES
        ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000b1', 'm@a.test', 'Manager', 'branch_manager', 'x'),
        ('00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000b1', 'n@a.test', 'Agent', 'support_agent', 'x'),
        ('00000000-0000-4000-8000-0000000000f3', '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000a1', 'o@a.test', 'Own', 'branch_manager', 'x');`);
    const applied = await migrate(db);
    expect(applied.filter((f) => !f.startsWith('functions/'))).toEqual([file, ...readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && f > file).sort()]);
    const users = await db.query<{ email: string; branch_id: string | null; role: string; status: string }>(`SELECT email, branch_id, role, status FROM users ORDER BY email`);
    expect(users).toEqual([
      { email: 'm@a.test', branch_id: null, role: 'support_agent', status: 'disabled' },
      { email: 'n@a.test', branch_id: null, role: 'support_agent', status: 'active' },
      { email: 'o@a.test', branch_id: '00000000-0000-4000-8000-0000000000a1', role: 'branch_manager', status: 'active' },
    ]);
    const trail = await db.query<{ entity_id: string; actor_kind: string; before: unknown; after: unknown }>(`SELECT entity_id, actor_kind, before, after FROM audit_log ORDER BY entity_id`);
    expect(trail).toEqual([
      { entity_id: '00000000-0000-4000-8000-0000000000f1', actor_kind: 'system', before: { branch_id: '00000000-0000-4000-8000-0000000000b1', role: 'branch_manager', status: 'active' },
        after: { branch_id: null, role: 'support_agent', status: 'disabled' } },
      { entity_id: '00000000-0000-4000-8000-0000000000f2', actor_kind: 'system', before: { branch_id: '00000000-0000-4000-8000-0000000000b1', role: 'support_agent', status: 'active' },
        after: { branch_id: null, role: 'support_agent', status: 'active' } },
    ]);
    // B's branch is B's to delete again.
    await db.exec(`DELETE FROM branches WHERE id = '00000000-0000-4000-8000-0000000000b1'`);
  });
});
