import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestServer } from '../../test/harness.ts';
import { password, startWithTwoIsps, type IspFixture } from '../../test/fixtures.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('alpha-staff', 'beta-staff'));
});
afterAll(() => server.close());

describe("a staff member's branch", () => {
  it("cannot be another ISP's branch when changed, whose answer is the one for no branch at all", async () => {
    const agent = await api.post(`/api/isp/${a.id}/users`, { token: a.adminToken, body: { email: 'agent@alpha-staff.test', name: 'Agent', role: 'support_agent', password, branch_id: a.hq } });
    expect(agent.status).toBe(201);
    const move = (branch_id: string) => api.patch(`/api/isp/${a.id}/users/${agent.json.id}`, { token: a.adminToken, body: { branch_id } });
    const other = await move(b.south);
    const unknown = await move(randomUUID());
    expect(other.status, other.text).toBe(404);
    expect({ ...other.json, instance: null }).toEqual({ ...unknown.json, instance: null });
    expect((await api.get(`/api/isp/${a.id}/users/${agent.json.id}`, { token: a.adminToken })).json.branch_id).toBe(a.hq);
    // The other ISP's branch is still its own to delete.
    const south = `/api/branch/${b.south}`;
    expect((await api.del(south, { token: b.adminToken })).status).toBe(204);
    expect((await move(a.south)).json.branch_id).toBe(a.south);
  });

  it("a branch manager cannot move staff into a branch outside their subtree", async () => {
    const agent = await api.post(`/api/isp/${a.id}/users`, { token: a.managerToken, body: { email: 'north.agent@alpha-staff.test', name: 'North agent', role: 'support_agent', password, branch_id: a.north } });
    expect(agent.status, agent.text).toBe(201);
    for (const branch of [a.south, a.hq, b.hq]) {
      const r = await api.patch(`/api/isp/${a.id}/users/${agent.json.id}`, { token: a.managerToken, body: { branch_id: branch } });
      expect(r.status, branch).toBe(404);
    }
    expect((await api.get(`/api/isp/${a.id}/users/${agent.json.id}`, { token: a.adminToken })).json.branch_id).toBe(a.north);
  });
});
