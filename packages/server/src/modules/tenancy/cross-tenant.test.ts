import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import type { Client, TestServer } from '../../test/harness.ts';
import { password, startWithTwoIsps, type IspFixture } from '../../test/fixtures.ts';
import { addDevice } from '../../test/noc-test-devices.ts';
import Stripe from 'stripe';
import { issuedInvoice } from '../../test/payments.fixtures.ts';

let server: TestServer;
let api: Client;
let a: IspFixture;
let b: IspFixture;

beforeAll(async () => {
  ({ server, api, a, b } = await startWithTwoIsps('alpha-net', 'beta-net'));
});
afterAll(() => server.close());

describe("an ISP admin cannot reach another ISP's data", () => {
  const readRoutes = (x: IspFixture) => [
    `/api/isp/${x.id}`,
    `/api/isp/${x.id}/dashboard`,
    `/api/isp/${x.id}/subscribers`,
    `/api/isp/${x.id}/subscribers/${x.subscriberId}`,
    `/api/isp/${x.id}/branches`,
    `/api/isp/${x.id}/plans`,
    `/api/isp/${x.id}/plans/${x.planId}`,
    `/api/isp/${x.id}/users`,
    `/api/isp/${x.id}/users/${x.staffId}`,
    `/api/isp/${x.id}/api-keys`,
    `/api/isp/${x.id}/audit`,
    `/api/branch/${x.hq}`,
    `/api/branch/${x.hq}/dashboard`,
    `/api/branch/${x.hq}/users`,
    `/api/user/${x.subscriberId}/dashboard`,
    `/api/isp/${x.id}/nas`,
    `/api/isp/${x.id}/nas/${x.nasId}`,
    `/api/isp/${x.id}/sessions`,
    `/api/isp/${x.id}/postauth`,
    `/api/isp/${x.id}/subscribers/${x.subscriberId}/usage`,
    `/api/isp/${x.id}/platform-subscription`,
  ];

  it('reads: every route answers 404 (or 403 where no ISP is named) and leaks nothing', async () => {
    for (const url of readRoutes(b)) {
      const r = await api.get(url, { token: a.adminToken });
      expect([403, 404], `${url} → ${r.status}`).toContain(r.status);
      expect(r.text).not.toContain(b.slug);
      expect(r.text).not.toContain('Ned');
    }
  });

  it('ids of the other ISP are invisible even through the own ISP path', async () => {
    const own = `/api/isp/${a.id}`;
    for (const url of [`${own}/subscribers/${b.subscriberId}`, `${own}/plans/${b.planId}`, `${own}/users/${b.staffId}`, `${own}/nas/${b.nasId}`,
      `${own}/subscribers/${b.subscriberId}/usage`]) {
      expect((await api.get(url, { token: a.adminToken })).status, url).toBe(404);
    }
    const list = await api.get(`${own}/subscribers?limit=200`, { token: a.adminToken });
    expect(list.json.items.map((s: { isp_id: string }) => s.isp_id)).toEqual(list.json.items.map(() => a.id));
    expect(list.json.total).toBe(2);
    expect((await api.get(`${own}/subscribers?branch_id=${b.hq}`, { token: a.adminToken })).json.total).toBe(0);
    // The indexed search runs as the owner, but only inside the caller's ISP.
    expect((await api.get(`${own}/subscribers?q=beta-net`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get(`/api/isp/${b.id}/subscribers?q=beta-net`, { token: b.adminToken })).json.total).toBe(2);
    // And the branch manager's search stays inside the subtree.
    expect((await api.get(`${own}/subscribers?q=alpha-net`, { token: a.managerToken })).json.items.map((s: { id: string }) => s.id)).toEqual([a.northSubscriberId]);
  });

  it('changes and deletes: 404, and the rows are untouched', async () => {
    const attempts = [
      api.patch(`/api/isp/${b.id}`, { token: a.adminToken, body: { display_name: 'pwned' } }),
      api.patch(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: a.adminToken, body: { first_name: 'pwned' } }),
      api.patch(`/api/isp/${a.id}/subscribers/${b.subscriberId}`, { token: a.adminToken, body: { first_name: 'pwned' } }),
      api.del(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: a.adminToken }),
      api.del(`/api/isp/${a.id}/subscribers/${b.subscriberId}`, { token: a.adminToken }),
      api.post(`/api/isp/${a.id}/subscribers/bulk`, { token: a.adminToken, body: { ids: [b.subscriberId], action: 'suspend' } }),
      api.patch(`/api/isp/${a.id}/plans/${b.planId}`, { token: a.adminToken, body: { price_minor: 1 } }),
      api.del(`/api/isp/${a.id}/plans/${b.planId}`, { token: a.adminToken }),
      api.patch(`/api/branch/${b.south}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.del(`/api/branch/${b.south}`, { token: a.adminToken }),
      api.patch(`/api/isp/${a.id}/users/${b.staffId}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.del(`/api/isp/${a.id}/users/${b.staffId}`, { token: a.adminToken }),
      api.post(`/api/isp/${b.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'x', password: 'secret1' } }),
      api.post(`/api/branch/${b.id}/create`, { token: a.adminToken, body: { name: 'Evil', code: 'EVIL' } }),
      api.patch(`/api/isp/${a.id}/nas/${b.nasId}`, { token: a.adminToken, body: { secret: 'stolen-secret' } }),
      api.del(`/api/isp/${a.id}/nas/${b.nasId}`, { token: a.adminToken }),
      api.patch(`/api/isp/${b.id}/nas/${b.nasId}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.post(`/api/isp/${b.id}/nas`, { token: a.adminToken, body: { name: 'Evil', address: '127.99.0.1', secret: 'evil-secret' } }),
      // Own ISP, but pointing at the other ISP's branch or plan:
      api.post(`/api/isp/${a.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'xy', password: 'secret1', branch_id: b.hq } }),
      api.post(`/api/isp/${a.id}/subscribers`, { token: a.adminToken, body: { first_name: 'X', last_name: 'Y', username: 'xz', password: 'secret1', plan_id: b.planId } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    const sub = await api.get(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: b.adminToken });
    expect(sub.json.first_name).toBe('Ann');
    expect(sub.json.status).toBe('active');
    expect((await api.get(`/api/isp/${b.id}`, { token: b.adminToken })).json.display_name).toBe('BETA-NET');
    expect((await api.get(`/api/isp/${b.id}/plans/${b.planId}`, { token: b.adminToken })).json.price_minor).toBe(2500);
    expect((await api.get(`/api/isp/${b.id}/branches`, { token: b.adminToken })).json).toHaveLength(3);
    expect((await api.get(`/api/isp/${b.id}/subscribers`, { token: b.adminToken })).json.total).toBe(2);
    expect((await api.get(`/api/isp/${b.id}/nas/${b.nasId}`, { token: b.adminToken })).json.name).toBe('NAS beta-net');
    const nasList = await api.get(`/api/isp/${b.id}/nas`, { token: b.adminToken });
    expect(nasList.json.map((n: { id: string; sessions_online: number }) => [n.id, n.sessions_online])).toEqual([[b.nasId, 0]]);
    const plans = await api.get(`/api/isp/${b.id}/plans`, { token: b.adminToken });
    expect(plans.json.map((p: { id: string; subscribers: number }) => [p.id, p.subscribers])).toEqual([[b.planId, 2]]);
  });

  it('IP pools: the other ISP\'s pools cannot be listed, created in, deleted or attached to a plan', async () => {
    const pool = await api.post(`/api/isp/${b.id}/ip-pools`, { token: b.adminToken, body: { name: 'beta pool', first_ip: '100.64.9.1', last_ip: '100.64.9.50' } });
    expect(pool.status).toBe(201);
    expect((await api.get(`/api/isp/${b.id}/ip-pools`, { token: a.adminToken })).status).toBe(404);
    expect((await api.post(`/api/isp/${b.id}/ip-pools`, { token: a.adminToken, body: { name: 'evil', first_ip: '100.64.10.1', last_ip: '100.64.10.2' } })).status).toBe(404);
    expect((await api.del(`/api/isp/${b.id}/ip-pools/${pool.json.id}`, { token: a.adminToken })).status).toBe(404);
    expect((await api.del(`/api/isp/${a.id}/ip-pools/${pool.json.id}`, { token: a.adminToken })).status).toBe(404);
    expect((await api.patch(`/api/isp/${a.id}/plans/${a.planId}`, { token: a.adminToken, body: { ip_pool_id: pool.json.id } })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/ip-pools`, { token: a.adminToken })).json).toEqual([]);
    expect((await api.get(`/api/isp/${b.id}/ip-pools`, { token: b.adminToken })).json.map((p: { id: string }) => p.id)).toEqual([pool.json.id]);
    expect((await api.del(`/api/isp/${b.id}/ip-pools/${pool.json.id}`, { token: b.adminToken })).status).toBe(204);
  });

  it('a NAS address taken by another ISP cannot be registered again, and says nothing about whose it is', async () => {
    const nas = (await api.get(`/api/isp/${b.id}/nas/${b.nasId}`, { token: b.adminToken })).json;
    const r = await api.post(`/api/isp/${a.id}/nas`, { token: a.adminToken, body: { name: 'Clash', address: nas.address.replace('/32', ''), secret: 'whatever1' } });
    expect(r.status).toBe(409);
    expect(r.text).not.toContain(b.slug);
  });

  it('founder-only routes refuse ISP admins', async () => {
    for (const url of ['/api/founder/dashboard', '/api/founder/isp/list', `/api/founder/isp/${b.id}`, '/api/founder/founders', '/api/founder/system/metrics',
      '/api/founder/saas-plans', '/api/founder/saas-assignments', '/api/founder/platform-invoices', '/api/founder/platform-billing/metrics',
      '/api/founder/platform-billing/settings', '/api/founder/platform-billing/runs']) {
      expect((await api.get(url, { token: a.adminToken })).status, url).toBe(403);
    }
    expect((await api.post(`/api/founder/isp/${b.id}/suspend`, { token: a.adminToken })).status).toBe(403);
    expect((await api.post(`/api/founder/isp/${b.id}/terminate`, { token: a.adminToken })).status).toBe(403);
    expect((await api.patch(`/api/founder/isp/${b.id}`, { token: a.adminToken, body: { custom_domain: 'stolen.example' } })).status).toBe(403);
    expect((await api.get(`/api/isp/${b.id}`, { token: b.adminToken })).json).toMatchObject({ status: 'active', custom_domain: null });
  });
});

describe("a subscriber's self-service reaches only their own account", () => {
  it('/api/me/*: own row only; other accounts cannot be named; staff are refused', async () => {
    const annA = await api.login(`ann@${a.slug}.test`, 'correct horse battery', { isp: a.slug });
    const prof = await api.get('/api/me/profile', { token: annA });
    expect(prof.json.id).toBe(a.subscriberId);
    expect(prof.text).not.toContain(b.slug);
    // No id in the path, and ids in the body are refused: nobody else's row can be addressed.
    expect((await api.patch('/api/me/profile', { token: annA, body: { id: b.subscriberId, first_name: 'pwned' } })).status).toBe(400);
    expect((await api.patch('/api/me/profile', { token: annA, body: { first_name: 'Ann' } })).status).toBe(200);
    const usage = await api.get('/api/me/usage', { token: annA });
    expect(usage.status).toBe(200);
    for (const url of ['/api/me/profile', '/api/me/usage']) expect((await api.get(url, { token: a.adminToken })).status, url).toBe(403);
    expect((await api.patch('/api/me/profile', { token: a.adminToken, body: { first_name: 'pwned' } })).status).toBe(403);
    expect((await api.get(`/api/isp/${b.id}/subscribers/${b.subscriberId}`, { token: b.adminToken })).json.first_name).toBe('Ann');
  });
});

describe('a branch manager sees only their branch subtree', () => {
  it('lists only North subscribers and staff', async () => {
    const subs = await api.get(`/api/isp/${a.id}/subscribers`, { token: a.managerToken });
    expect(subs.status).toBe(200);
    expect(subs.json.items.map((s: { id: string }) => s.id)).toEqual([a.northSubscriberId]);
    const branches = await api.get(`/api/isp/${a.id}/branches`, { token: a.managerToken });
    expect(branches.json.map((x: { id: string }) => x.id)).toEqual([a.north]);
    const dash = await api.get(`/api/isp/${a.id}/dashboard`, { token: a.managerToken });
    expect(dash.json.subscribers.total).toBe(1);
  });

  it('cannot read or change a sibling branch or its subscribers', async () => {
    expect((await api.get(`/api/branch/${a.south}`, { token: a.managerToken })).status).toBe(404);
    expect((await api.get(`/api/branch/${a.south}/dashboard`, { token: a.managerToken })).status).toBe(404);
    expect((await api.patch(`/api/branch/${a.south}`, { token: a.managerToken, body: { name: 'mine' } })).status).toBe(404);
    expect((await api.get(`/api/isp/${a.id}/subscribers/${a.subscriberId}`, { token: a.managerToken })).status).toBe(404);
    expect((await api.patch(`/api/isp/${a.id}/subscribers/${a.subscriberId}`, { token: a.managerToken, body: { status: 'suspended' } })).status).toBe(404);
    // Moving an own subscriber into a sibling branch is refused too.
    const move = await api.patch(`/api/isp/${a.id}/subscribers/${a.northSubscriberId}`, { token: a.managerToken, body: { branch_id: a.south } });
    expect(move.status).toBe(404);
    const still = await api.get(`/api/isp/${a.id}/subscribers/${a.northSubscriberId}`, { token: a.adminToken });
    expect(still.json.branch_id).toBe(a.north);
  });

  it('can create a sub-branch beneath their own, and a subscriber there', async () => {
    const sub = await api.post(`/api/isp/${a.id}/branches`, { token: a.managerToken, body: { name: 'North East', code: 'NE', parent_branch_id: a.north } });
    expect(sub.status).toBe(201);
    const outside = await api.post(`/api/isp/${a.id}/branches`, { token: a.managerToken, body: { name: 'Rogue', code: 'RG', parent_branch_id: a.south } });
    expect(outside.status).toBe(404);
    const s = await api.post(`/api/isp/${a.id}/subscribers`, { token: a.managerToken, body: { first_name: 'Nia', last_name: 'East', username: 'nia.east', password: 'pppoe-pass', branch_id: sub.json.id } });
    expect(s.status).toBe(201);
    const noBranch = await api.post(`/api/isp/${a.id}/subscribers`, { token: a.managerToken, body: { first_name: 'No', last_name: 'Branch', username: 'no.branch', password: 'pppoe-pass' } });
    expect(noBranch.status).toBe(400);
  });

  it('cannot grant roles above their own', async () => {
    const r = await api.post(`/api/isp/${a.id}/users`, { token: a.managerToken, body: { email: 'boss@alpha.test', name: 'Boss', role: 'isp_admin', password: 'long enough pw' } });
    expect(r.status).toBe(403);
  });
});

describe("vouchers: another ISP's batches and cards are out of reach", () => {
  let batchId: string;
  let cardId: string;
  let pin: string;
  let southBatchId: string;
  beforeAll(async () => {
    const r = await api.post(`/api/isp/${b.id}/voucher-batches`, { token: b.adminToken, body: { name: 'Beta cards', kind: 'recharge', count: 2, validity_days: 30, value_minor: 500 } });
    expect(r.status).toBe(201);
    batchId = r.json.batch.id;
    pin = r.json.cards[0].pin;
    cardId = (await api.get(`/api/isp/${b.id}/vouchers?batch_id=${batchId}&limit=1`, { token: b.adminToken })).json.items[0].id;
    const south = await api.post(`/api/isp/${a.id}/voucher-batches`, { token: a.adminToken, body: { name: 'South cards', kind: 'recharge', count: 1, validity_days: 30, value_minor: 500, branch_id: a.south } });
    southBatchId = south.json.batch.id;
  });

  it('reads answer 404 on both paths, and lists stay empty', async () => {
    const urls = [
      `/api/isp/${b.id}/voucher-batches`, `/api/isp/${b.id}/voucher-batches/${batchId}`, `/api/isp/${b.id}/voucher-batches/${batchId}/pdf`,
      `/api/isp/${b.id}/voucher-batches/${batchId}/csv`, `/api/isp/${b.id}/vouchers`, `/api/isp/${b.id}/vouchers/${cardId}`,
      `/api/isp/${a.id}/voucher-batches/${batchId}`, `/api/isp/${a.id}/voucher-batches/${batchId}/pdf`, `/api/isp/${a.id}/voucher-batches/${batchId}/csv`,
      `/api/isp/${a.id}/vouchers/${cardId}`,
      // The sheet in a chosen language is the same guarded read.
      `/api/isp/${b.id}/voucher-batches/${batchId}/pdf?lang=ar`, `/api/isp/${a.id}/voucher-batches/${batchId}/pdf?lang=fr`,
    ];
    for (const url of urls) {
      const r = await api.get(url, { token: a.adminToken });
      expect(r.status, url).toBe(404);
      expect(r.text).not.toContain(pin);
    }
    expect((await api.get(`/api/isp/${a.id}/vouchers?batch_id=${batchId}`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get(`/api/isp/${a.id}/voucher-batches`, { token: a.adminToken })).json.items.map((x: { id: string }) => x.id)).not.toContain(batchId);
    // A branch manager does not see a sibling branch's batch either.
    expect((await api.get(`/api/isp/${a.id}/voucher-batches/${southBatchId}`, { token: a.managerToken })).status).toBe(404);
  });

  it('changes answer 404 and the rows are untouched; a PIN of another ISP does not redeem', async () => {
    const attempts = [
      api.post(`/api/isp/${b.id}/voucher-batches`, { token: a.adminToken, body: { name: 'Evil', kind: 'recharge', count: 1, validity_days: 1, value_minor: 1 } }),
      api.post(`/api/isp/${a.id}/voucher-batches`, { token: a.adminToken, body: { name: 'Evil', kind: 'recharge', count: 1, validity_days: 1, plan_id: b.planId } }),
      api.post(`/api/isp/${a.id}/voucher-batches`, { token: a.adminToken, body: { name: 'Evil', kind: 'recharge', count: 1, validity_days: 1, value_minor: 1, branch_id: b.hq } }),
      api.patch(`/api/isp/${b.id}/voucher-batches/${batchId}`, { token: a.adminToken, body: { status: 'disabled' } }),
      api.patch(`/api/isp/${a.id}/voucher-batches/${batchId}`, { token: a.adminToken, body: { status: 'disabled' } }),
      api.del(`/api/isp/${b.id}/voucher-batches/${batchId}`, { token: a.adminToken }),
      api.del(`/api/isp/${a.id}/voucher-batches/${batchId}`, { token: a.adminToken }),
      api.post(`/api/isp/${b.id}/vouchers/${cardId}/sell`, { token: a.adminToken, body: {} }),
      api.post(`/api/isp/${a.id}/vouchers/${cardId}/sell`, { token: a.adminToken, body: {} }),
      api.post(`/api/isp/${b.id}/vouchers/${cardId}/disable`, { token: a.adminToken }),
      api.post(`/api/isp/${a.id}/vouchers/${cardId}/disable`, { token: a.adminToken }),
      api.patch(`/api/isp/${a.id}/voucher-batches/${southBatchId}`, { token: a.managerToken, body: { status: 'disabled' } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    const subToken = await api.login(`ann@${a.slug}.test`, password);
    const redeem = await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin } });
    expect(redeem.status).toBe(422);
    const batch = await api.get(`/api/isp/${b.id}/voucher-batches/${batchId}`, { token: b.adminToken });
    expect(batch.json).toMatchObject({ status: 'active', print_count: 0, stats: { unused: 2, sold: 0, used: 0, expired: 0, disabled: 0 } });
    expect((await api.get(`/api/isp/${a.id}/voucher-batches/${southBatchId}`, { token: a.adminToken })).json.status).toBe('active');
  });
});

describe('NOC devices are isolated between ISPs', () => {
  const device = { snmp_version: 'v2c', snmp_community: 'tenant-community', mgmt_ip: '127.0.0.1' };
  let aDevice: string;
  let bDevice: string;
  let bInterface: string;
  beforeAll(async () => {
    aDevice = (await api.post(`/api/noc/${a.id}/devices`, { token: a.adminToken, body: { name: 'Alpha core', ...device } })).json.id;
    bDevice = (await api.post(`/api/noc/${b.id}/devices`, { token: b.adminToken, body: { name: 'Beta core', site: 'Beta POP', nas_id: b.nasId, ...device } })).json.id;
    // An interface row as the collector would write it, so that the other ISP has one to aim at.
    [{ id: bInterface }] = (await withScope(server.ctx.db, platformScope, (tx) => rows<{ id: string }>(tx, sql`INSERT INTO noc_interfaces (isp_id, device_id, if_index, name, in_bps, out_bps, last_sample_at, oper_status)
      VALUES (${b.id}::uuid, ${bDevice}::uuid, 1, 'beta-uplink', 5e8, 1e8, now(), 'up') RETURNING id`))) as [{ id: string }];
  });

  it('reads: 404 on every NOC route of the other ISP, and through the own path', async () => {
    const reads = [
      `/api/noc/${b.id}/dashboard`, `/api/noc/${b.id}/devices`, `/api/noc/${b.id}/devices/${bDevice}`,
      `/api/noc/${b.id}/devices/${bDevice}/interfaces`, `/api/noc/${b.id}/devices/${bDevice}/metrics?metric=if_in_bps`,
      `/api/noc/${a.id}/devices/${bDevice}`, `/api/noc/${a.id}/devices/${bDevice}/interfaces`,
      `/api/noc/${a.id}/devices/${bDevice}/metrics?metric=if_in_bps&interface_id=${bInterface}`,
      `/api/noc/${a.id}/devices/${aDevice}/metrics?metric=if_in_bps&interface_id=${bInterface}`,
      `/api/noc/${b.id}/devices/${bDevice}/routeros/queues`, `/api/noc/${a.id}/devices/${bDevice}/routeros/queues`,
      `/api/noc/${b.id}/devices/${bDevice}/routeros/interfaces`, `/api/noc/${a.id}/devices/${bDevice}/routeros/interfaces`,
    ];
    for (const url of reads) {
      const r = await api.get(url, { token: a.adminToken });
      expect(r.status, `${url} → ${r.status}`).toBe(404);
      expect(r.text).not.toContain('Beta');
    }
    const own = await api.get(`/api/noc/${a.id}/dashboard`, { token: a.adminToken });
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('beta-uplink');
    expect(own.json.sessions_per_nas.map((n: { nas_id: string }) => n.nas_id)).toEqual([a.nasId]);
    expect((await api.get(`/api/noc/${a.id}/devices`, { token: a.adminToken })).json.items.map((d: { id: string }) => d.id)).toEqual([aDevice]);
  });

  it('changes: 404, and the other ISP\'s device is untouched', async () => {
    const attempts = [
      api.patch(`/api/noc/${b.id}/devices/${bDevice}`, { token: a.adminToken, body: { name: 'pwned' } }),
      api.patch(`/api/noc/${a.id}/devices/${bDevice}`, { token: a.adminToken, body: { snmp_community: 'stolen' } }),
      api.del(`/api/noc/${a.id}/devices/${bDevice}`, { token: a.adminToken }),
      api.del(`/api/noc/${b.id}/devices/${bDevice}`, { token: a.adminToken }),
      api.post(`/api/noc/${a.id}/devices/${bDevice}/poll`, { token: a.adminToken }),
      api.post(`/api/noc/${b.id}/devices/${bDevice}/poll`, { token: a.adminToken }),
      api.post(`/api/noc/${b.id}/devices`, { token: a.adminToken, body: { name: 'Evil', ...device } }),
      api.post(`/api/noc/${a.id}/devices/${bDevice}/routeros/address-list`, { token: a.adminToken, body: { list: 'x', address: '10.0.0.1' } }),
      api.post(`/api/noc/${b.id}/devices/${bDevice}/routeros/address-list`, { token: a.adminToken, body: { list: 'x', address: '10.0.0.1' } }),
      // Own ISP, but pointing at the other ISP's device, NAS or branch:
      api.post(`/api/noc/${a.id}/devices`, { token: a.adminToken, body: { name: 'Child', parent_id: bDevice, ...device } }),
      api.patch(`/api/noc/${a.id}/devices/${aDevice}`, { token: a.adminToken, body: { nas_id: b.nasId } }),
      api.patch(`/api/noc/${a.id}/devices/${aDevice}`, { token: a.adminToken, body: { branch_id: b.hq } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    const still = (await api.get(`/api/noc/${b.id}/devices/${bDevice}`, { token: b.adminToken })).json;
    expect(still).toMatchObject({ name: 'Beta core', status: 'unknown', last_polled_at: null, has_snmp_community: true });
    expect((await api.get(`/api/noc/${b.id}/devices`, { token: b.adminToken })).json.total).toBe(1);
    expect((await api.get(`/api/noc/${a.id}/devices/${aDevice}`, { token: a.adminToken })).json).toMatchObject({ nas_id: null, branch_id: null, parent_id: null });
  });
});

describe('NOC alerts, incidents, rules, maintenance, escalation, logs and SLA are isolated between ISPs', () => {
  const ids = { device: '', rule: '', incident: '', window: '', policy: '', sla: '', aIncident: '' };
  beforeAll(async () => {
    const asB = { token: b.adminToken };
    ids.device = (await addDevice(server, b.id, { name: 'b-noc-router', ip: '127.0.2.2' })).id;
    ids.rule = (await api.post(`/api/noc/${b.id}/alert-rules`, { ...asB, body: { name: 'B rule', kind: 'device_down' } })).json.id;
    ids.incident = (await api.post(`/api/noc/${b.id}/alerts`, { ...asB, body: { key: 'b-1', title: 'B outage', device_id: ids.device } })).json.alert.incident_id;
    ids.aIncident = (await api.post(`/api/noc/${a.id}/alerts`, { token: a.adminToken, body: { key: 'a-1', title: 'A outage' } })).json.alert.incident_id;
    ids.window = (await api.post(`/api/noc/${b.id}/maintenance`, { ...asB, body: { device_id: ids.device, starts_at: new Date(Date.now() + 3600_000).toISOString(), ends_at: new Date(Date.now() + 7200_000).toISOString(), reason: 'B work' } })).json.id;
    ids.policy = (await api.post(`/api/noc/${b.id}/escalation-policies`, { ...asB, body: { name: 'B policy', steps: [{ after_minutes: 5, emails: ['b@beta-net.test'] }] } })).json.id;
    ids.sla = (await api.post(`/api/noc/${b.id}/sla`, { ...asB, body: { name: 'B SLA', device_ids: [ids.device], availability_target: 99.9 } })).json.id;
    await withScope(server.ctx.db, platformScope, (tx) => tx.execute(sql`INSERT INTO noc_log_messages (isp_id, device_id, kind, source_ip, severity, message) VALUES (${b.id}::uuid, ${ids.device}::uuid, 'syslog', '127.0.2.2', 3, 'B secret log line')`));
    await withScope(server.ctx.db, platformScope, (tx) => tx.execute(sql`INSERT INTO noc_lldp_neighbours (isp_id, device_id, local_port_num, chassis_id, port_id, sys_name) VALUES (${b.id}::uuid, ${ids.device}::uuid, 1, '02:00:00:00:0B:01', 'ge-0/0/1', 'B secret neighbour')`));
    for (const v of Object.values(ids)) expect(v).toBeTruthy();
  });

  it('reads: 404 on every route of the other ISP and for its ids through the own path; own lists hold nothing of it', async () => {
    const reads = [
      `/api/noc/${b.id}/alerts`, `/api/noc/${b.id}/topology`, `/api/noc/${b.id}/incidents`, `/api/noc/${b.id}/incidents/${ids.incident}`,
      `/api/noc/${b.id}/alert-rules`, `/api/noc/${b.id}/maintenance`, `/api/noc/${b.id}/escalation-policies`, `/api/noc/${b.id}/sla`,
      `/api/noc/${b.id}/sla/${ids.sla}/report`, `/api/noc/${b.id}/logs`,
      `/api/noc/${a.id}/incidents/${ids.incident}`, `/api/noc/${a.id}/sla/${ids.sla}/report`,
      `/api/noc/${b.id}/devices/${ids.device}/neighbours`, `/api/noc/${a.id}/devices/${ids.device}/neighbours`,
    ];
    for (const url of reads) {
      const r = await api.get(url, { token: a.adminToken });
      expect(r.status, `${url} → ${r.status}`).toBe(404);
      expect(r.text).not.toContain('B outage');
    }
    const own = `/api/noc/${a.id}`;
    const texts = await Promise.all([`${own}/alerts`, `${own}/topology`, `${own}/incidents`, `${own}/alert-rules`, `${own}/maintenance`, `${own}/escalation-policies`, `${own}/sla`, `${own}/logs`]
      .map(async (u) => (await api.get(u, { token: a.adminToken })).text));
    for (const t of texts) for (const secret of ['B outage', 'B rule', 'B work', 'B policy', 'B SLA', 'B secret log line', 'b-noc-router', 'B secret neighbour']) expect(t).not.toContain(secret);
    expect((await api.get(`${own}/logs?device_id=${ids.device}`, { token: a.adminToken })).json.total).toBe(0);
  });

  it('changes: 404, and the other ISP\'s rows are untouched', async () => {
    const asA = { token: a.adminToken };
    const inc = (isp: string) => `/api/noc/${isp}/incidents/${ids.incident}`;
    const attempts = [
      api.post(`/api/noc/${b.id}/alerts`, { ...asA, body: { key: 'evil', title: 'Evil' } }),
      api.post(`/api/noc/${a.id}/alerts`, { ...asA, body: { key: 'evil', title: 'Evil', device_id: ids.device } }),
      ...[a.id, b.id].flatMap((isp) => [
        api.post(`${inc(isp)}/ack`, asA), api.post(`${inc(isp)}/assign`, { ...asA, body: { user_id: null } }),
        api.post(`${inc(isp)}/comment`, { ...asA, body: { body: 'pwned' } }), api.post(`${inc(isp)}/resolve`, { ...asA, body: {} }),
        api.patch(`/api/noc/${isp}/alert-rules/${ids.rule}`, { ...asA, body: { enabled: false } }), api.del(`/api/noc/${isp}/alert-rules/${ids.rule}`, asA),
        api.del(`/api/noc/${isp}/maintenance/${ids.window}`, asA),
        api.patch(`/api/noc/${isp}/escalation-policies/${ids.policy}`, { ...asA, body: { enabled: false } }), api.del(`/api/noc/${isp}/escalation-policies/${ids.policy}`, asA),
        api.patch(`/api/noc/${isp}/sla/${ids.sla}`, { ...asA, body: { availability_target: 1 } }), api.del(`/api/noc/${isp}/sla/${ids.sla}`, asA),
      ]),
      api.post(`/api/noc/${b.id}/alert-rules`, { ...asA, body: { name: 'Evil', kind: 'device_down' } }),
      api.post(`/api/noc/${b.id}/maintenance`, { ...asA, body: { starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 1000).toISOString(), reason: 'x' } }),
      api.post(`/api/noc/${b.id}/escalation-policies`, { ...asA, body: { name: 'Evil', steps: [{ after_minutes: 0 }] } }),
      api.post(`/api/noc/${b.id}/sla`, { ...asA, body: { name: 'Evil', device_ids: [ids.device], availability_target: 99 } }),
      // Own ISP, but pointing at the other ISP's device or subscriber:
      api.post(`/api/noc/${a.id}/alert-rules`, { ...asA, body: { name: 'Evil', kind: 'device_down', device_id: ids.device } }),
      api.post(`/api/noc/${a.id}/maintenance`, { ...asA, body: { device_id: ids.device, starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 1000).toISOString(), reason: 'x' } }),
      api.post(`/api/noc/${a.id}/sla`, { ...asA, body: { name: 'Evil', device_ids: [ids.device], availability_target: 99 } }),
      api.post(`/api/noc/${a.id}/sla`, { ...asA, body: { name: 'Evil2', subscriber_id: b.subscriberId, device_ids: [ids.device], availability_target: 99 } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    // Assigning the own incident to the other ISP's staff: no such staff member here.
    expect((await api.post(`/api/noc/${a.id}/incidents/${ids.aIncident}/assign`, { token: a.adminToken, body: { user_id: b.staffId } })).status).toBe(400);
    const asB = { token: b.adminToken };
    const incident = (await api.get(`/api/noc/${b.id}/incidents/${ids.incident}`, asB)).json;
    expect(incident).toMatchObject({ status: 'open', assignee_id: null });
    expect(incident.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'alert']);
    expect((await api.get(`/api/noc/${b.id}/alert-rules`, asB)).json.map((r: { name: string; enabled: boolean }) => [r.name, r.enabled])).toEqual([['B rule', true]]);
    expect((await api.get(`/api/noc/${b.id}/maintenance`, asB)).json.map((w: { id: string }) => w.id)).toEqual([ids.window]);
    expect((await api.get(`/api/noc/${b.id}/escalation-policies`, asB)).json.map((p: { name: string; enabled: boolean }) => [p.name, p.enabled])).toEqual([['B policy', true]]);
    expect((await api.get(`/api/noc/${b.id}/sla`, asB)).json.map((s: { name: string; availability_target: number }) => [s.name, s.availability_target])).toEqual([['B SLA', 99.9]]);
    expect((await api.get(`/api/noc/${b.id}/alerts`, asB)).json.total).toBe(1);
  });
});

describe("billing: an ISP admin cannot reach another ISP's invoices, taxes, rates, subscriptions or runs", () => {
  let inv: { id: string; lines: { id: string }[]; total: number };
  let ruleId: string;
  let rateId: string;
  let runId: string;
  const put = (url: string, token: string, body: unknown) =>
    server.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    const t = b.adminToken;
    const base = `/api/isp/${b.id}`;
    ruleId = (await api.post(`${base}/tax-rules`, { token: t, body: { name: 'VAT', kind: 'vat', rate: '20' } })).json.id;
    rateId = (await api.post(`${base}/exchange-rates`, { token: t, body: { base: 'EUR', quote: 'USD', rate: '1.08', rate_date: '2026-11-01' } })).json.id;
    await api.post(`${base}/subscribers/${b.subscriberId}/subscription`, { token: t, body: { kind: 'postpaid', start_date: '2026-10-01' } });
    inv = (await api.post(`${base}/invoices`, { token: t, body: { subscriber_id: b.subscriberId, lines: [{ description: 'Setup', unit_price_minor: 1000 }] } })).json;
    runId = (await api.post(`${base}/billing-runs`, { token: t, body: { as_of: '2026-10-15' } })).json.id;
  });

  it('reads answer 404', async () => {
    for (const isp of [b.id, a.id]) {
      const base = `/api/isp/${isp}`;
      for (const url of [`${base}/invoices/${inv.id}`, `${base}/invoices/${inv.id}/pdf`, `${base}/tax-rules/${ruleId}`, `${base}/billing-runs/${runId}`,
        `${base}/subscribers/${b.subscriberId}/subscription`, `${base}/subscribers/${b.subscriberId}/billing-profile`]) {
        expect((await api.get(url, { token: a.adminToken })).status, url).toBe(404);
      }
    }
    for (const url of [`/api/isp/${b.id}/invoices`, `/api/isp/${b.id}/tax-rules`, `/api/isp/${b.id}/exchange-rates`, `/api/isp/${b.id}/billing-runs`, `/api/isp/${b.id}/billing-runs/schedule`,
      `/api/isp/${b.id}/billing/settings`, `/api/isp/${b.id}/billing/analytics`, `/api/isp/${b.id}/billing/plan-prices`, `/api/payment/analytics/${b.id}`]) {
      expect((await api.get(url, { token: a.adminToken })).status, url).toBe(404);
    }
    // Own-ISP lists do not include the other ISP's rows.
    expect((await api.get(`/api/isp/${a.id}/invoices`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get(`/api/isp/${a.id}/exchange-rates`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get(`/api/isp/${a.id}/tax-rules`, { token: a.adminToken })).json).toEqual([]);
  });

  it('changes answer 404 and leave the rows untouched', async () => {
    const attempts = [];
    for (const isp of [b.id, a.id]) {
      const base = `/api/isp/${isp}`;
      attempts.push(
        api.post(`${base}/invoices/${inv.id}/void`, { token: a.adminToken, body: { reason: 'pwned' } }),
        api.post(`${base}/invoices/${inv.id}/credit-note`, { token: a.adminToken, body: { reason: 'pwned' } }),
        api.post(`${base}/invoices/${inv.id}/issue`, { token: a.adminToken }),
        api.post(`${base}/invoices/${inv.id}/email`, { token: a.adminToken }),
        api.patch(`${base}/tax-rules/${ruleId}`, { token: a.adminToken, body: { rate: '0' } }),
        api.del(`${base}/tax-rules/${ruleId}`, { token: a.adminToken }),
        api.patch(`${base}/exchange-rates/${rateId}`, { token: a.adminToken, body: { rate: '9' } }),
        api.del(`${base}/exchange-rates/${rateId}`, { token: a.adminToken }),
        api.post(`${base}/subscribers/${b.subscriberId}/subscription`, { token: a.adminToken, body: { kind: 'prepaid' } }),
        api.post(`${base}/subscribers/${b.subscriberId}/subscription/change-plan`, { token: a.adminToken, body: { plan_id: a.planId } }),
        api.post(`${base}/subscribers/${b.subscriberId}/subscription/cancel`, { token: a.adminToken }),
        api.post(`${base}/subscribers/${b.subscriberId}/charges`, { token: a.adminToken, body: { description: 'x', amount_minor: 1 } }),
        api.post(`${base}/subscribers/${b.subscriberId}/recharge`, { token: a.adminToken }),
        put(`${base}/subscribers/${b.subscriberId}/billing-profile`, a.adminToken, { country: 'FR' }).then((r) => ({ status: r.statusCode, text: r.body })),
      );
    }
    attempts.push(
      api.post(`/api/isp/${b.id}/invoices`, { token: a.adminToken, body: { subscriber_id: b.subscriberId, lines: [{ description: 'x', unit_price_minor: 1 }] } }),
      api.post(`/api/isp/${a.id}/invoices`, { token: a.adminToken, body: { subscriber_id: b.subscriberId, lines: [{ description: 'x', unit_price_minor: 1 }] } }),
      api.post(`/api/isp/${b.id}/tax-rules`, { token: a.adminToken, body: { name: 'x', kind: 'vat', rate: '1' } }),
      api.post(`/api/isp/${b.id}/exchange-rates`, { token: a.adminToken, body: { base: 'EUR', quote: 'GBP', rate: '1', rate_date: '2026-11-01' } }),
      api.post(`/api/isp/${b.id}/exchange-rates/ecb-import`, { token: a.adminToken, body: { xml: '<x/>' } }),
      api.patch(`/api/isp/${b.id}/billing/settings`, { token: a.adminToken, body: { tax_id: 'pwned' } }),
      api.post(`/api/isp/${b.id}/billing-runs`, { token: a.adminToken, body: {} }),
      api.patch(`/api/isp/${b.id}/billing-runs/schedule`, { token: a.adminToken, body: { enabled: false, hour: 5 } }),
      api.post('/api/payment/invoice/generate', { token: a.adminToken, body: { subscriber_id: b.subscriberId } }),
      api.post('/api/payment/invoice/generate', { token: a.adminToken, body: { isp_id: b.id, subscriber_id: b.subscriberId } }),
    );
    for (const r of await Promise.all(attempts)) expect([400, 404], r.text).toContain(r.status);
    const tb = b.adminToken;
    const after = (await api.get(`/api/isp/${b.id}/invoices/${inv.id}`, { token: tb })).json;
    expect(after).toMatchObject({ status: 'issued', total: inv.total, amount_credited: 0 });
    expect((await api.get(`/api/isp/${b.id}/invoices`, { token: tb })).json.total).toBe(1);
    expect((await api.get(`/api/isp/${b.id}/tax-rules/${ruleId}`, { token: tb })).json.rate).toBe('20');
    expect((await api.get(`/api/isp/${b.id}/exchange-rates`, { token: tb })).json.items.map((r: { rate: string }) => r.rate)).toEqual(['1.08']);
    const subs = (await api.get(`/api/isp/${b.id}/subscribers/${b.subscriberId}/subscription`, { token: tb })).json;
    expect(subs.subscriptions.map((s: { status: string; plan_id: string }) => [s.status, s.plan_id])).toEqual([['active', b.planId]]);
    expect(subs.charges).toEqual([]);
    expect((await api.get(`/api/isp/${b.id}/billing/settings`, { token: tb })).json.tax_id).toBeNull();
    expect((await api.get(`/api/isp/${b.id}/billing-runs`, { token: tb })).json.total).toBe(1);
    expect((await api.get(`/api/isp/${b.id}/billing-runs/schedule`, { token: tb })).json).toMatchObject({ enabled: true, hour: 2 });
  });
});

describe("payments, gateways and dunning: another ISP's are out of reach", () => {
  let bPayment: string;
  let bInvoice: string;
  beforeAll(async () => {
    bInvoice = await issuedInvoice(server, b, { total: 1000 });
    bPayment = (await api.post(`/api/isp/${b.id}/payments`, { token: b.adminToken, body: { subscriber_id: b.subscriberId, method: 'cash', amount: 400 } })).json.id;
    expect((await api.patch(`/api/isp/${b.id}/payment-gateways/stripe`, { token: b.adminToken, body: { secrets: { secret_key: 'sk_test_beta', webhook_secret: 'whsec_beta' } } })).status).toBe(200);
    expect((await api.patch(`/api/isp/${b.id}/dunning/settings`, { token: b.adminToken, body: { enabled: true, grace_days: 9 } })).status).toBe(200);
  });

  it('reads answer 404 on both paths', async () => {
    const own = `/api/isp/${a.id}`;
    const other = `/api/isp/${b.id}`;
    for (const url of [`${other}/payments`, `${other}/payments/${bPayment}`, `${other}/payments/${bPayment}/receipt.pdf`, `${own}/payments/${bPayment}`,
      `${own}/payments/${bPayment}/receipt.pdf`, `${other}/subscribers/${b.subscriberId}/wallet`, `${own}/subscribers/${b.subscriberId}/wallet`,
      `${other}/payment-gateways`, `${other}/dunning/settings`, `${other}/sms-provider`, `${other}/subscribers/${b.subscriberId}/dunning`,
      `${own}/subscribers/${b.subscriberId}/dunning`, `/api/user/${b.subscriberId}/payments`, `/api/user/${b.subscriberId}/payable-invoices`,
      `${other}/invoices/${bInvoice}/payments`, `${own}/invoices/${bInvoice}/payments`, `${other}/exchange-rates/convert?from=EUR&to=USD&amount=100`]) {
      const r = await api.get(url, { token: a.adminToken });
      expect(r.status, `${url} → ${r.status}`).toBe(404);
      expect(r.text).not.toContain('sk_test_beta');
    }
    expect((await api.get(`/api/isp/${a.id}/payments`, { token: a.adminToken })).json.total).toBe(0);
    expect((await api.get('/api/payment/methods', { token: a.adminToken })).json.online).toEqual([]);
  });

  it('changes answer 404 and leave the rows untouched', async () => {
    const own = `/api/isp/${a.id}`;
    const other = `/api/isp/${b.id}`;
    const attempts = [
      api.post(`${other}/payments`, { token: a.adminToken, body: { subscriber_id: b.subscriberId, method: 'cash', amount: 1 } }),
      api.post(`${own}/payments`, { token: a.adminToken, body: { subscriber_id: b.subscriberId, method: 'cash', amount: 1 } }),
      api.post(`${own}/payments/${bPayment}/refund`, { token: a.adminToken, body: {} }),
      api.post(`${other}/payments/${bPayment}/refund`, { token: a.adminToken, body: {} }),
      api.post(`${own}/payments/${bPayment}/allocate`, { token: a.adminToken, body: { allocations: [{ invoice_id: bInvoice, amount: 1 }] } }),
      api.post(`${own}/payments/${bPayment}/review`, { token: a.adminToken, body: { decision: 'reject' } }),
      api.patch(`${other}/payment-gateways/stripe`, { token: a.adminToken, body: { secrets: { secret_key: 'sk_evil', webhook_secret: 'whsec_evil' } } }),
      api.del(`${other}/payment-gateways/stripe`, { token: a.adminToken }),
      api.patch(`${other}/dunning/settings`, { token: a.adminToken, body: { enabled: false } }),
      api.patch(`${other}/sms-provider`, { token: a.adminToken, body: { provider: 'twilio', config: { from: '+1' }, secrets: { account_sid: 'AC1', auth_token: 't' } } }),
      api.post(`${other}/dunning/run`, { token: a.adminToken }),
      api.post(`${other}/invoices/${bInvoice}/checkout`, { token: a.adminToken, body: {} }),
      api.post(`${own}/invoices/${bInvoice}/checkout`, { token: a.adminToken, body: {} }),
      api.post('/api/payment/process', { token: a.adminToken, body: { invoice_id: bInvoice } }),
      api.post(`/api/user/${b.subscriberId}/invoices/${bInvoice}/checkout`, { token: a.adminToken, body: {} }),
      api.post(`${other}/subscribers/${b.subscriberId}/wallet/pay`, { token: a.adminToken, body: { invoice_id: bInvoice, currency: 'EUR' } }),
      api.post(`${own}/subscribers/${b.subscriberId}/wallet/pay`, { token: a.adminToken, body: { invoice_id: bInvoice, currency: 'EUR' } }),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status, r.text).toBe(404);
    const p = (await api.get(`/api/isp/${b.id}/payments/${bPayment}`, { token: b.adminToken })).json;
    expect(p).toMatchObject({ status: 'succeeded', amount_refunded: 0, amount: 400 });
    const paidBy = (await api.get(`/api/isp/${b.id}/invoices/${bInvoice}/payments`, { token: b.adminToken })).json;
    expect(paidBy.map((x: { payment_id: string; amount: number }) => [x.payment_id, x.amount])).toEqual([[bPayment, 400]]);
    expect((await api.get(`/api/isp/${b.id}/dunning/settings`, { token: b.adminToken })).json).toMatchObject({ enabled: true, grace_days: 9 });
    expect((await api.get(`/api/isp/${b.id}/payment-gateways`, { token: b.adminToken })).json.find((g: { provider: string }) => g.provider === 'stripe')).toMatchObject({ configured: true, enabled: true });
    expect((await api.get(`/api/isp/${b.id}/sms-provider`, { token: b.adminToken })).json.provider).toBeNull();
  });

  it("a webhook for one ISP signed with another ISP's secret is refused", async () => {
    const payload = JSON.stringify({ id: 'evt_x', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_x', object: 'payment_intent', amount: 1, amount_received: 1, currency: 'eur', metadata: { subscriber_id: b.subscriberId } } } });
    const signature = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload, secret: 'whsec_alpha' });
    const r = await api.post(`/api/webhooks/payments/stripe/${b.slug}`, { body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    expect(r.status).toBe(400);
    expect((await api.get(`/api/isp/${b.id}/payments`, { token: b.adminToken })).json.total).toBe(1);
  });
});
