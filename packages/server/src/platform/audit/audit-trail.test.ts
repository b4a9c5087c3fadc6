import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { verifyAuditChain } from './verify-chain.ts';
import { platformScope, withScope, rows } from '../db/scope.ts';
import { sql } from 'drizzle-orm';

let server: TestServer;
let api: Client;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'audit-net');
});
afterAll(() => server.close());

describe('audit trail and outbox', () => {
  it('a mutation writes its audit row (who, what, from where, before/after) and its event in the same transaction', async () => {
    const r = await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, {
      token: isp.adminToken, body: { phone: '+1 555 0199' }, headers: { 'user-agent': 'audit-test' },
    });
    expect(r.status).toBe(200);
    const trail = await api.get(`/api/isp/${isp.id}/audit?entity_id=${isp.subscriberId}`, { token: isp.adminToken });
    const latest = trail.json.items[0];
    expect(latest).toMatchObject({ action: 'subscriber.updated', actor_email: isp.adminEmail, actor_kind: 'user', ip: '127.0.0.1' });
    expect(latest.before.phone).toBeNull();
    expect(latest.after.phone).toBe('+1 555 0199');
    const events = await server.ctx.db.query<{ type: string }>('SELECT type FROM domain_events WHERE aggregate_id = $1 ORDER BY seq', [isp.subscriberId]);
    expect(events.map((e) => e.type)).toEqual(['subscriber.created', 'subscriber.updated']);
  });

  it('a failed mutation leaves neither audit row nor event', async () => {
    const before = await server.ctx.db.query<{ n: number }>('SELECT (SELECT count(*) FROM audit_log)::int + (SELECT count(*) FROM domain_events)::int AS n');
    const r = await api.post(`/api/isp/${isp.id}/subscribers/bulk`, { token: isp.adminToken, body: { ids: [isp.subscriberId, '00000000-0000-4000-8000-000000000000'], action: 'suspend' } });
    expect(r.status).toBe(404);
    const after = await server.ctx.db.query<{ n: number }>('SELECT (SELECT count(*) FROM audit_log)::int + (SELECT count(*) FROM domain_events)::int AS n');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('never records secrets', async () => {
    const all = await server.ctx.db.query<{ t: string }>('SELECT coalesce(before::text, \'\') || coalesce(after::text, \'\') AS t FROM audit_log');
    const text = all.map((r) => r.t).join('\n');
    expect(text).not.toContain('pppoe-pass');
    expect(text).not.toContain('$argon2');
  });

  it('the app role cannot alter the trail, and the chain exposes tampering by the owner', async () => {
    await expect(withScope(server.ctx.db, platformScope, (tx) => rows(tx, sql`UPDATE audit_log SET action = 'x'`))).rejects.toThrow();
    await expect(withScope(server.ctx.db, platformScope, (tx) => rows(tx, sql`DELETE FROM audit_log`))).rejects.toThrow();
    const clean = await verifyAuditChain(server.ctx.db);
    expect(clean.rows).toBeGreaterThan(10);
    expect(clean.broken).toEqual([]);
    // Someone with the owner's rights disables the guard and edits history:
    await server.ctx.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable;
      UPDATE audit_log SET actor_email = 'someone@else' WHERE seq = (SELECT min(seq) + 3 FROM audit_log);
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_immutable;`);
    const tampered = await verifyAuditChain(server.ctx.db);
    expect(tampered.broken.length).toBeGreaterThan(0);
    expect(tampered.broken[0]!.reason).toMatch(/hash/);
  });
});
