import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'omicron-net');
});
afterAll(() => server.close());

const parentOf = async (id: string) => (await api.get(`/api/branch/${id}`, { token: isp.adminToken })).json.parent_branch_id;

describe('editing branches', () => {
  it('renames and moves a branch under another, audited', async () => {
    const r = await api.patch(`/api/branch/${isp.south}`, { token: isp.adminToken, body: { name: 'South Side', parent_branch_id: isp.north } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ name: 'South Side', parent_branch_id: isp.north });
    const [row] = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'branch.updated' AND entity_id = $1`, [isp.south]);
    expect(row!.n).toBe(1);
  });

  it('refuses to move a branch beneath itself or its descendants, naming the field', async () => {
    // HQ → North → South now: HQ under South would be a cycle, and so would North under South.
    for (const [id, parent] of [[isp.hq, isp.south], [isp.north, isp.south], [isp.north, isp.north]] as const) {
      const r = await api.patch(`/api/branch/${id}`, { token: isp.adminToken, body: { parent_branch_id: parent } });
      expect(r.status).toBe(400);
      expect(r.text).toContain('/body/parent_branch_id');
    }
    expect(await parentOf(isp.hq)).toBeNull();
    expect(await parentOf(isp.north)).toBe(isp.hq);
  });

  it('deactivates a branch and moves it back to the top level', async () => {
    const r = await api.patch(`/api/branch/${isp.south}`, { token: isp.adminToken, body: { status: 'inactive', parent_branch_id: null } });
    expect(r.json).toMatchObject({ status: 'inactive', parent_branch_id: null });
  });

  it("a branch manager cannot move a branch out of their subtree", async () => {
    const child = await api.post(`/api/isp/${isp.id}/branches`, { token: isp.managerToken, body: { name: 'North Child', code: 'NC', parent_branch_id: isp.north } });
    expect(child.status).toBe(201);
    expect((await api.patch(`/api/branch/${child.json.id}`, { token: isp.managerToken, body: { parent_branch_id: isp.hq } })).status).toBe(404);
    expect((await api.patch(`/api/branch/${child.json.id}`, { token: isp.managerToken, body: { parent_branch_id: null } })).status).toBe(400);
    expect(await parentOf(child.json.id)).toBe(isp.north);
  });
});

describe('removing staff', () => {
  it('deactivates (sessions end), reactivates and deletes a staff member; never oneself', async () => {
    const u = await api.post(`/api/isp/${isp.id}/users`, { token: isp.adminToken, body: { email: 'leaver@omicron.test', name: 'Leaver', role: 'support_agent', password: 'long enough pw' } });
    const session = await api.post('/api/auth/login', { body: { email: 'leaver@omicron.test', password: 'long enough pw' } });
    expect((await api.patch(`/api/isp/${isp.id}/users/${u.json.id}`, { token: isp.adminToken, body: { status: 'disabled' } })).json.status).toBe('disabled');
    expect((await api.post('/api/auth/refresh', { body: { refresh_token: session.json.refresh_token } })).status).toBe(401);
    expect((await api.patch(`/api/isp/${isp.id}/users/${u.json.id}`, { token: isp.adminToken, body: { status: 'active' } })).json.status).toBe('active');
    expect((await api.del(`/api/isp/${isp.id}/users/${u.json.id}`, { token: isp.adminToken })).status).toBe(204);
    expect((await api.get(`/api/isp/${isp.id}/users/${u.json.id}`, { token: isp.adminToken })).status).toBe(404);
    const me = (await api.get('/api/auth/me', { token: isp.adminToken })).json;
    expect((await api.del(`/api/isp/${isp.id}/users/${me.id}`, { token: isp.adminToken })).status).toBe(409);
  });
});
