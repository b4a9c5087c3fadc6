import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformScope, rows, withScope } from '../../platform/db/scope.ts';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

// Ids of other records inside request bodies and query strings. ISP A's admin naming one of
// ISP B's records gets exactly the answer an id that exists nowhere gets (a 4xx for a change,
// the same empty result for a filter), and no row of either ISP changes; the same request
// with A's own record succeeds, so the refusal is about the id and nothing else. The routes
// are read from the OpenAPI document: every body or query field holding a uuid and named
// *_id, *_ids or ids must have an entry below, so a new route fails here until it has one.

let server: TestServer;
let api: Client;
let a: World;
let b: World;

type Res = { status: number; json: any; text: string };
type World = IspFixture & {
  plan2: string; pool: string; batch: string; card: string; device: string; iface: string; incident: string; rule: string; sla: string;
  invoice: string; lines: string[]; ticket: string; addon: string; octet: number;
};

async function ok(p: Promise<Res>, status = 201): Promise<any> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.json;
}

let seq = 0;
const unique = (p: string) => `${p}${++seq}`;

async function world(x: IspFixture, octet: number): Promise<World> {
  const t = { token: x.adminToken };
  const base = `/api/isp/${x.id}`;
  const noc = `/api/noc/${x.id}`;
  const plan2 = (await ok(api.post(`${base}/plans`, { ...t, body: { name: 'Fiber 100', download_kbps: 102400, upload_kbps: 20480, price_minor: 4000 } }))).id;
  const pool = (await ok(api.post(`${base}/ip-pools`, { ...t, body: { name: 'pool', first_ip: `100.64.${octet}.1`, last_ip: `100.64.${octet}.20` } }))).id;
  const batch = (await ok(api.post(`${base}/voucher-batches`, { ...t, body: { name: 'cards', kind: 'recharge', count: 1, validity_days: 30, value_minor: 500 } }))).batch.id;
  const card = (await ok(api.get(`${base}/vouchers?batch_id=${batch}`, t), 200)).items[0].id;
  const device = (await ok(api.post(`${noc}/devices`, { ...t, body: { name: 'core', mgmt_ip: '127.0.0.1', snmp_version: 'v2c', snmp_community: 'c' } }))).id;
  const [iface] = await withScope(server.ctx.db, platformScope, (tx) => rows<{ id: string }>(tx, sql`INSERT INTO noc_interfaces (isp_id, device_id, if_index, name, oper_status)
    VALUES (${x.id}::uuid, ${device}::uuid, 1, 'uplink', 'up') RETURNING id`));
  const incident = (await ok(api.post(`${noc}/alerts`, { ...t, body: { key: 'k1', title: 'outage', device_id: device } }), 201)).alert.incident_id;
  const rule = (await ok(api.post(`${noc}/alert-rules`, { ...t, body: { name: 'down', kind: 'device_down' } }))).id;
  const sla = (await ok(api.post(`${noc}/sla`, { ...t, body: { name: 'sla', device_ids: [device], availability_target: 99 } }))).id;
  const inv = await ok(api.post(`${base}/invoices`, { ...t, body: { subscriber_id: x.subscriberId, issue: true, lines: [{ description: 'Setup', unit_price_minor: 1000 }, { description: 'Cable', unit_price_minor: 500 }] } }));
  const ticket = (await ok(api.post(`${base}/tickets`, { ...t, body: { subject: 'slow', category: 'connectivity', body: 'slow line' } }))).id;
  const addon = (await ok(api.post(`${base}/billing/addons`, { ...t, body: { name: 'Static IP', kind: 'static_ip', billing: 'recurring', price_minor: 500, currency: 'EUR' } }))).id;
  await ok(api.post(`${base}/subscribers/${x.subscriberId}/subscription`, { ...t, body: { kind: 'postpaid', start_date: '2026-10-01' } }));
  return { ...x, plan2, pool, batch, card, device, iface: iface!.id, incident, rule, sla, invoice: inv.id, lines: inv.lines.map((l: { id: string }) => l.id), ticket, addon, octet };
}

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  const founder = await founderToken(server, api);
  a = await world(await createIspFixture(api, founder, 'alpha-ids'), 21);
  b = await world(await createIspFixture(api, founder, 'beta-ids'), 22);
}, 120_000);
afterAll(() => server.close());

// ---------------------------------------------------------------- A's records made per entry

const asA = () => ({ token: a.adminToken });
const A = () => `/api/isp/${a.id}`;
const N = () => `/api/noc/${a.id}`;

async function subscriber(o: { plan?: string; subscription?: boolean; portal?: boolean } = {}): Promise<{ id: string; token?: string }> {
  // Self-service changes take effect today, so the portal's subscription starts today (the
  // server's day, whatever it is); the staff routes are given fixed dates.
  const username = unique('sub.');
  const s = await ok(api.post(`${A()}/subscribers`, { ...asA(), body: { first_name: 'Sam', last_name: 'Fresh', username, password: 'pppoe-pass', branch_id: a.hq,
    plan_id: o.plan ?? a.planId, ...(o.portal && { email: `${username}@alpha-ids.test`, portal_password: password }) } }));
  if (o.subscription) await ok(api.post(`${A()}/subscribers/${s.id}/subscription`, { ...asA(), body: { kind: 'postpaid', ...(!o.portal && { start_date: '2026-10-01' }) } }));
  return { id: s.id, ...(o.portal && { token: await api.login(`${username}@alpha-ids.test`, password, { isp: a.slug }) }) };
}
const invoice = async (subscriberId = a.subscriberId) => (await ok(api.post(`${A()}/invoices`, { ...asA(), body: { subscriber_id: subscriberId, issue: true, lines: [{ description: 'Fee', unit_price_minor: 300 }] } }))).id as string;
const walletPayment = async (subscriberId = a.subscriberId) => (await ok(api.post(`${A()}/payments`, { ...asA(), body: { subscriber_id: subscriberId, method: 'cash', amount: 5000, invoice_ids: [] } }))).id as string;
const branch = async () => (await ok(api.post(`${A()}/branches`, { ...asA(), body: { name: unique('Spare '), code: unique('SP') } }))).id as string;
const staff = async () => (await ok(api.post(`${A()}/users`, { ...asA(), body: { email: `${unique('agent')}@alpha-ids.test`, name: 'Agent', role: 'support_agent', password, branch_id: a.hq } }))).id as string;

// ---------------------------------------------------------------- the table

type Prepared = { send: (id: string) => Promise<Res>; other: string; own: string };
/** ownAnswer: where the own record meets a later rule, the answer that shows it got past the id. */
type Entry = { route: string; field: string; prepare: () => Promise<Prepared>; ownAnswer?: { status: number; detail: string } };

const get = (url: string, field: string, extra = '') => (id: string) => api.get(`${url}?${field}=${id}${extra}`, asA());
const post = (url: string, body: (id: string) => unknown, token = () => a.adminToken) => (id: string) => api.post(url, { token: token(), body: body(id) });
const patch = (url: string, body: (id: string) => unknown) => (id: string) => api.patch(url, { ...asA(), body: body(id) });
/** Built when the entry runs, after the worlds exist. */
const simple = (make: () => Prepared) => async (): Promise<Prepared> => make();
const later = '2031-03-01T10:00:00Z';
const laterEnd = '2031-03-01T12:00:00Z';

const entries: Entry[] = [
  // Branches and staff
  { route: 'POST /api/branch/{isp_id}/create', field: 'body.parent_branch_id', prepare: async () => ({ send: post(`/api/branch/${a.id}/create`, (id) => ({ name: unique('Sub '), code: unique('SB'), parent_branch_id: id })), other: b.hq, own: a.hq }) },
  { route: 'POST /api/isp/{isp_id}/branches', field: 'body.parent_branch_id', prepare: async () => ({ send: post(`${A()}/branches`, (id) => ({ name: unique('Sub '), code: unique('SB'), parent_branch_id: id })), other: b.south, own: a.south }) },
  { route: 'PATCH /api/branch/{branch_id}', field: 'body.parent_branch_id', prepare: async () => { const br = await branch(); return { send: patch(`/api/branch/${br}`, (id) => ({ parent_branch_id: id })), other: b.north, own: a.north }; } },
  { route: 'GET /api/isp/{isp_id}/users', field: 'query.branch_id', prepare: async () => ({ send: get(`${A()}/users`, 'branch_id'), other: b.north, own: a.north }) },
  { route: 'POST /api/isp/{isp_id}/users', field: 'body.branch_id', prepare: async () => ({ send: post(`${A()}/users`, (id) => ({ email: `${unique('u')}@alpha-ids.test`, name: 'New', role: 'billing', password, branch_id: id })), other: b.hq, own: a.hq }) },
  { route: 'PATCH /api/isp/{isp_id}/users/{user_id}', field: 'body.branch_id', prepare: async () => { const u = await staff(); return { send: patch(`${A()}/users/${u}`, (id) => ({ branch_id: id })), other: b.south, own: a.south }; } },
  // Plans and subscribers
  { route: 'POST /api/isp/{isp_id}/plans', field: 'body.ip_pool_id', prepare: async () => ({ send: post(`${A()}/plans`, (id) => ({ name: unique('Plan '), download_kbps: 1024, upload_kbps: 512, price_minor: 100, ip_pool_id: id })), other: b.pool, own: a.pool }) },
  { route: 'PATCH /api/isp/{isp_id}/plans/{plan_id}', field: 'body.ip_pool_id', prepare: simple(() => ({ send: patch(`${A()}/plans/${a.plan2}`, (id) => ({ ip_pool_id: id })), other: b.pool, own: a.pool })) },
  { route: 'GET /api/isp/{isp_id}/subscribers', field: 'query.branch_id', prepare: simple(() => ({ send: get(`${A()}/subscribers`, 'branch_id'), other: b.hq, own: a.hq })) },
  { route: 'GET /api/isp/{isp_id}/subscribers', field: 'query.plan_id', prepare: simple(() => ({ send: get(`${A()}/subscribers`, 'plan_id'), other: b.planId, own: a.planId })) },
  { route: 'POST /api/isp/{isp_id}/subscribers', field: 'body.branch_id', prepare: async () => ({ send: post(`${A()}/subscribers`, (id) => ({ first_name: 'N', last_name: 'B', username: unique('nb.'), password: 'pppoe-pass', branch_id: id })), other: b.hq, own: a.north }) },
  { route: 'POST /api/isp/{isp_id}/subscribers', field: 'body.plan_id', prepare: async () => ({ send: post(`${A()}/subscribers`, (id) => ({ first_name: 'N', last_name: 'P', username: unique('np.'), password: 'pppoe-pass', branch_id: a.hq, plan_id: id })), other: b.planId, own: a.plan2 }) },
  { route: 'PATCH /api/isp/{isp_id}/subscribers/{subscriber_id}', field: 'body.branch_id', prepare: async () => { const s = await subscriber(); return { send: patch(`${A()}/subscribers/${s.id}`, (id) => ({ branch_id: id })), other: b.south, own: a.south }; } },
  { route: 'PATCH /api/isp/{isp_id}/subscribers/{subscriber_id}', field: 'body.plan_id', prepare: async () => { const s = await subscriber(); return { send: patch(`${A()}/subscribers/${s.id}`, (id) => ({ plan_id: id })), other: b.plan2, own: a.plan2 }; } },
  { route: 'POST /api/isp/{isp_id}/subscribers/bulk', field: 'body.ids', prepare: async () => { const s = await subscriber(); return { send: post(`${A()}/subscribers/bulk`, (id) => ({ ids: [s.id, id], action: 'suspend' })), other: b.subscriberId, own: a.northSubscriberId }; } },
  { route: 'POST /api/isp/{isp_id}/subscribers/bulk', field: 'body.plan_id', prepare: async () => { const s = await subscriber(); return { send: post(`${A()}/subscribers/bulk`, (id) => ({ ids: [s.id], action: 'change_plan', plan_id: id })), other: b.plan2, own: a.plan2 }; } },
  { route: 'POST /api/isp/{isp_id}/subscribers/bulk', field: 'body.branch_id', prepare: async () => { const s = await subscriber(); return { send: post(`${A()}/subscribers/bulk`, (id) => ({ ids: [s.id], action: 'move_branch', branch_id: id })), other: b.north, own: a.north }; } },
  // AAA
  { route: 'GET /api/isp/{isp_id}/sessions', field: 'query.nas_id', prepare: simple(() => ({ send: get(`${A()}/sessions`, 'nas_id'), other: b.nasId, own: a.nasId })) },
  { route: 'GET /api/isp/{isp_id}/sessions', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/sessions`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'GET /api/isp/{isp_id}/sessions', field: 'query.branch_id', prepare: simple(() => ({ send: get(`${A()}/sessions`, 'branch_id'), other: b.hq, own: a.hq })) },
  { route: 'GET /api/isp/{isp_id}/postauth', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/postauth`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'GET /api/isp/{isp_id}/coa-requests', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/coa-requests`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/aaa/test-login', field: 'body.nas_id', prepare: simple(() => ({ send: post(`${A()}/aaa/test-login`, (id) => ({ username: `ann.${a.slug}`, password: 'pppoe-pass', nas_id: id }), () => a.adminToken), other: b.nasId, own: a.nasId })) },
  // Vouchers
  { route: 'POST /api/isp/{isp_id}/voucher-batches', field: 'body.branch_id', prepare: simple(() => ({ send: post(`${A()}/voucher-batches`, (id) => ({ name: 'B', kind: 'recharge', count: 1, validity_days: 30, value_minor: 100, branch_id: id })), other: b.hq, own: a.hq })) },
  { route: 'POST /api/isp/{isp_id}/voucher-batches', field: 'body.plan_id', prepare: simple(() => ({ send: post(`${A()}/voucher-batches`, (id) => ({ name: 'P', kind: 'recharge', count: 1, validity_days: 30, plan_id: id })), other: b.planId, own: a.planId })) },
  { route: 'GET /api/isp/{isp_id}/vouchers', field: 'query.batch_id', prepare: simple(() => ({ send: get(`${A()}/vouchers`, 'batch_id'), other: b.batch, own: a.batch })) },
  { route: 'POST /api/isp/{isp_id}/vouchers/{card_id}/sell', field: 'body.branch_id', prepare: simple(() => ({ send: post(`${A()}/vouchers/${a.card}/sell`, (id) => ({ branch_id: id })), other: b.north, own: a.north })) },
  // NOC
  { route: 'POST /api/noc/{isp_id}/devices', field: 'body.branch_id', prepare: simple(() => ({ send: post(`${N()}/devices`, (id) => ({ name: unique('edge'), mgmt_ip: '127.0.0.1', snmp_version: 'none', branch_id: id })), other: b.hq, own: a.hq })) },
  { route: 'POST /api/noc/{isp_id}/devices', field: 'body.nas_id', prepare: simple(() => ({ send: post(`${N()}/devices`, (id) => ({ name: unique('edge'), mgmt_ip: '127.0.0.1', snmp_version: 'none', nas_id: id })), other: b.nasId, own: a.nasId })) },
  { route: 'POST /api/noc/{isp_id}/devices', field: 'body.parent_id', prepare: simple(() => ({ send: post(`${N()}/devices`, (id) => ({ name: unique('edge'), mgmt_ip: '127.0.0.1', snmp_version: 'none', parent_id: id })), other: b.device, own: a.device })) },
  { route: 'PATCH /api/noc/{isp_id}/devices/{device_id}', field: 'body.branch_id', prepare: simple(() => ({ send: patch(`${N()}/devices/${a.device}`, (id) => ({ branch_id: id })), other: b.south, own: a.south })) },
  { route: 'PATCH /api/noc/{isp_id}/devices/{device_id}', field: 'body.nas_id', prepare: simple(() => ({ send: patch(`${N()}/devices/${a.device}`, (id) => ({ nas_id: id })), other: b.nasId, own: a.nasId })) },
  { route: 'PATCH /api/noc/{isp_id}/devices/{device_id}', field: 'body.parent_id', prepare: async () => {
    const child = (await ok(api.post(`${N()}/devices`, { ...asA(), body: { name: unique('leaf'), mgmt_ip: '127.0.0.1', snmp_version: 'none' } }))).id;
    return { send: patch(`${N()}/devices/${child}`, (id) => ({ parent_id: id })), other: b.device, own: a.device };
  } },
  { route: 'GET /api/noc/{isp_id}/devices/{device_id}/metrics', field: 'query.interface_id', prepare: simple(() => ({ send: get(`${N()}/devices/${a.device}/metrics`, 'interface_id', '&metric=if_in_bps'), other: b.iface, own: a.iface })) },
  { route: 'GET /api/ai/predict/network/{tenant_id}', field: 'query.device_id', prepare: simple(() => ({ send: get(`/api/ai/predict/network/${a.id}`, 'device_id'), other: b.device, own: a.device })) },
  { route: 'GET /api/noc/{isp_id}/alerts', field: 'query.device_id', prepare: simple(() => ({ send: get(`${N()}/alerts`, 'device_id'), other: b.device, own: a.device })) },
  { route: 'POST /api/noc/{isp_id}/alerts', field: 'body.device_id', prepare: async () => ({ send: post(`${N()}/alerts`, (id) => ({ key: unique('k'), title: 'link down', device_id: id })), other: b.device, own: a.device }) },
  { route: 'POST /api/noc/{isp_id}/incidents/{id}/assign', field: 'body.user_id', prepare: simple(() => ({ send: post(`${N()}/incidents/${a.incident}/assign`, (id) => ({ user_id: id })), other: b.staffId, own: a.staffId })) },
  { route: 'POST /api/noc/{isp_id}/alert-rules', field: 'body.device_id', prepare: simple(() => ({ send: post(`${N()}/alert-rules`, (id) => ({ name: 'r', kind: 'device_down', device_id: id })), other: b.device, own: a.device })) },
  { route: 'PATCH /api/noc/{isp_id}/alert-rules/{id}', field: 'body.device_id', prepare: simple(() => ({ send: patch(`${N()}/alert-rules/${a.rule}`, (id) => ({ device_id: id })), other: b.device, own: a.device })) },
  { route: 'POST /api/noc/{isp_id}/maintenance', field: 'body.device_id', prepare: simple(() => ({ send: post(`${N()}/maintenance`, (id) => ({ device_id: id, starts_at: later, ends_at: laterEnd, reason: 'swap' })), other: b.device, own: a.device })) },
  { route: 'GET /api/noc/{isp_id}/logs', field: 'query.device_id', prepare: simple(() => ({ send: get(`${N()}/logs`, 'device_id'), other: b.device, own: a.device })) },
  { route: 'POST /api/noc/{isp_id}/sla', field: 'body.device_ids', prepare: simple(() => ({ send: post(`${N()}/sla`, (id) => ({ name: unique('sla'), device_ids: [id], availability_target: 99 })), other: b.device, own: a.device })) },
  { route: 'POST /api/noc/{isp_id}/sla', field: 'body.subscriber_id', prepare: simple(() => ({ send: post(`${N()}/sla`, (id) => ({ name: unique('sla'), subscriber_id: id, device_ids: [a.device], availability_target: 99 })), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'PATCH /api/noc/{isp_id}/sla/{id}', field: 'body.device_ids', prepare: simple(() => ({ send: patch(`${N()}/sla/${a.sla}`, (id) => ({ device_ids: [id] })), other: b.device, own: a.device })) },
  { route: 'PATCH /api/noc/{isp_id}/sla/{id}', field: 'body.subscriber_id', prepare: simple(() => ({ send: patch(`${N()}/sla/${a.sla}`, (id) => ({ subscriber_id: id })), other: b.subscriberId, own: a.subscriberId })) },
  // Payments
  { route: 'GET /api/isp/{isp_id}/payments', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/payments`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/payments', field: 'body.subscriber_id', prepare: simple(() => ({ send: post(`${A()}/payments`, (id) => ({ subscriber_id: id, method: 'cash', amount: 100, invoice_ids: [] })), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/payments', field: 'body.invoice_ids', prepare: async () => ({ send: post(`${A()}/payments`, (id) => ({ subscriber_id: a.subscriberId, method: 'cash', amount: 100, invoice_ids: [id] })), other: b.invoice, own: await invoice() }) },
  { route: 'POST /api/isp/{isp_id}/payments/{payment_id}/allocate', field: 'body.allocations[].invoice_id', prepare: async () => {
    const p = await walletPayment();
    return { send: post(`${A()}/payments/${p}/allocate`, (id) => ({ allocations: [{ invoice_id: id, amount: 100 }] })), other: b.invoice, own: await invoice() };
  } },
  { route: 'POST /api/isp/{isp_id}/subscribers/{subscriber_id}/wallet/pay', field: 'body.invoice_id', prepare: async () => {
    const s = await subscriber();
    await walletPayment(s.id);
    return { send: post(`${A()}/subscribers/${s.id}/wallet/pay`, (id) => ({ invoice_id: id, currency: 'EUR' })), other: b.invoice, own: await invoice(s.id) };
  } },
  // Billing
  { route: 'GET /api/isp/{isp_id}/invoices', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/invoices`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/invoices', field: 'body.subscriber_id', prepare: simple(() => ({ send: post(`${A()}/invoices`, (id) => ({ subscriber_id: id, lines: [{ description: 'x', unit_price_minor: 1 }] })), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/invoices/{invoice_id}/credit-note', field: 'body.line_ids', prepare: simple(() => ({ send: post(`${A()}/invoices/${a.invoice}/credit-note`, (id) => ({ reason: 'refund', line_ids: [id] })), other: b.lines[0]!, own: a.lines[0]! })) },
  { route: 'POST /api/isp/{isp_id}/subscribers/{subscriber_id}/subscription', field: 'body.plan_id', prepare: async () => {
    const s = await subscriber();
    return { send: post(`${A()}/subscribers/${s.id}/subscription`, (id) => ({ kind: 'postpaid', plan_id: id, start_date: '2026-10-01' })), other: b.plan2, own: a.plan2 };
  } },
  { route: 'POST /api/isp/{isp_id}/subscribers/{subscriber_id}/subscription/change-plan', field: 'body.plan_id', prepare: async () => {
    const s = await subscriber({ subscription: true });
    return { send: post(`${A()}/subscribers/${s.id}/subscription/change-plan`, (id) => ({ plan_id: id, effective_date: '2026-10-11' })), other: b.plan2, own: a.plan2 };
  } },
  { route: 'POST /api/isp/{isp_id}/subscribers/{subscriber_id}/subscription/change-plan/preview', field: 'body.plan_id', prepare: async () => {
    const s = await subscriber({ subscription: true });
    return { send: post(`${A()}/subscribers/${s.id}/subscription/change-plan/preview`, (id) => ({ plan_id: id, effective_date: '2026-10-11' })), other: b.plan2, own: a.plan2 };
  } },
  { route: 'POST /api/payment/invoice/generate', field: 'body.subscriber_id', prepare: async () => {
    const s = await subscriber({ subscription: true });
    return { send: post('/api/payment/invoice/generate', (id) => ({ subscriber_id: id, as_of: '2026-11-15' })), other: b.subscriberId, own: s.id };
  } },
  { route: 'POST /api/payment/invoice/generate', field: 'body.isp_id', prepare: async () => {
    const s = await subscriber({ subscription: true });
    return { send: post('/api/payment/invoice/generate', (id) => ({ isp_id: id, subscriber_id: s.id, as_of: '2026-11-15' })), other: b.id, own: a.id };
  } },
  { route: 'POST /api/isp/{isp_id}/subscribers/{subscriber_id}/addons', field: 'body.addon_id', prepare: async () => {
    const s = await subscriber({ subscription: true });
    return { send: post(`${A()}/subscribers/${s.id}/addons`, (id) => ({ addon_id: id, start_date: '2026-10-01' })), other: b.addon, own: a.addon };
  } },
  // A checkout needs a gateway and its peer (gateways.*.test.ts); A's invoice gets past the invoice to the gateway.
  { route: 'POST /api/payment/process', field: 'body.invoice_id', prepare: async () => ({ send: post('/api/payment/process', (id) => ({ invoice_id: id })), other: b.invoice, own: await invoice() }),
    ownAnswer: { status: 404, detail: 'Online payment gateway not found' } },
  // Self-service
  { route: 'POST /api/me/plan-change/preview', field: 'body.plan_id', prepare: async () => {
    const s = await subscriber({ subscription: true, portal: true });
    return { send: post('/api/me/plan-change/preview', (id) => ({ plan_id: id }), () => s.token!), other: b.plan2, own: a.plan2 };
  } },
  { route: 'POST /api/me/plan-change', field: 'body.plan_id', prepare: async () => {
    const s = await subscriber({ subscription: true, portal: true });
    return { send: post('/api/me/plan-change', (id) => ({ plan_id: id }), () => s.token!), other: b.plan2, own: a.plan2 };
  } },
  // Support
  { route: 'GET /api/isp/{isp_id}/tickets', field: 'query.assignee_id', prepare: simple(() => ({ send: get(`${A()}/tickets`, 'assignee_id'), other: b.staffId, own: a.staffId })) },
  { route: 'GET /api/isp/{isp_id}/tickets', field: 'query.subscriber_id', prepare: simple(() => ({ send: get(`${A()}/tickets`, 'subscriber_id'), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/tickets', field: 'body.subscriber_id', prepare: simple(() => ({ send: post(`${A()}/tickets`, (id) => ({ subject: 'x', category: 'other', body: 'x', subscriber_id: id })), other: b.subscriberId, own: a.subscriberId })) },
  { route: 'POST /api/isp/{isp_id}/tickets', field: 'body.assignee_id', prepare: simple(() => ({ send: post(`${A()}/tickets`, (id) => ({ subject: 'x', category: 'other', body: 'x', assignee_id: id })), other: b.staffId, own: a.staffId })) },
  { route: 'PATCH /api/isp/{isp_id}/tickets/{ticket_id}', field: 'body.assignee_id', prepare: simple(() => ({ send: patch(`${A()}/tickets/${a.ticket}`, (id) => ({ assignee_id: id })), other: b.staffId, own: a.staffId })) },
];

/** Founders act across ISPs by design; ISP staff are refused those routes whole (cross-tenant.test.ts). */
const outOfScope = (route: string) => route.split(' ')[1]!.startsWith('/api/founder/');

// ---------------------------------------------------------------- which routes carry ids

type Schema = { type?: string | string[]; format?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; $ref?: string };
type Doc = { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

/** Field paths ("body.x", "body.list[].x", "query.x") of uuids named like a reference to another record. */
function idFields(doc: Doc): string[] {
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s);
  const isUuid = (s: Schema): boolean => { const r = resolve(s); return r.format === 'uuid' || [...(r.anyOf ?? []), ...(r.oneOf ?? [])].some(isUuid) || (r.items !== undefined && isUuid(r.items)); };
  const named = (n: string) => /(_id|_ids)$/.test(n) || n === 'ids';
  const walk = (s: Schema, at: string, out: string[]) => {
    const r = resolve(s);
    for (const sub of [...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])]) walk(sub, at, out);
    if (r.items) walk(r.items, `${at}[]`, out);
    for (const [n, p] of Object.entries(r.properties ?? {})) {
      if (named(n) && isUuid(p)) out.push(`${at}.${n}`);
      else walk(p, `${at}.${n}`, out);
    }
  };
  const found: string[] = [];
  for (const [url, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const route = `${method.toUpperCase()} ${url}`;
      const fields: string[] = [];
      for (const p of op.parameters ?? []) if (p.in === 'query' && named(p.name) && p.schema && isUuid(p.schema)) fields.push(`query.${p.name}`);
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, 'body', fields);
      for (const f of new Set(fields)) found.push(`${route} ${f}`);
    }
  }
  return found.sort();
}

// ---------------------------------------------------------------- nothing changes

/** A digest of every row of every table but the outbox, whose relay marks rows as it goes. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = (await server.ctx.db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'domain_events') ORDER BY 1`)).map((r) => r.t);
  const parts = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
  parts.push(`SELECT 'domain_events' AS t, count(*)::text AS h FROM domain_events`);
  const out = await server.ctx.db.query<{ t: string; h: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(out.map((r) => [r.t, r.h]));
}

/** Waits until the events of earlier requests are published and whatever they set off has settled. */
async function settled(): Promise<Record<string, string>> {
  let last = await fingerprint();
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 30));
    const [{ n }] = (await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE published_at IS NULL`)) as [{ n: number }];
    const now = await fingerprint();
    if (n === 0 && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the database did not settle');
}

describe('ids of another ISP inside request bodies and query strings', () => {
  it('every route with such a field has an entry, and every entry names such a field', async () => {
    const doc = (await api.get('/api/openapi.json')).json as Doc;
    const fromDoc = idFields(doc).filter((k) => !outOfScope(k));
    const covered = entries.map((e) => `${e.route} ${e.field}`).sort();
    expect(covered.filter((k) => !fromDoc.includes(k)), 'entries naming no such field').toEqual([]);
    expect(fromDoc.filter((k) => !covered.includes(k)), 'routes with an id field and no entry').toEqual([]);
    expect(new Set(covered).size).toBe(covered.length);
  });

  for (const e of entries) {
    it(`${e.route} ${e.field}`, async () => {
      const p = await e.prepare();
      const before = await settled();
      const other = await p.send(p.other);
      const unknown = await p.send(randomUUID());
      expect(await fingerprint(), 'rows changed').toEqual(before);
      // A filter on a record the ISP does not have finds nothing (or names the bad id); a change is refused.
      if (!(e.route.startsWith('GET ') && other.status === 200)) {
        expect(other.status, other.text).toBeGreaterThanOrEqual(400);
        expect(other.status, other.text).toBeLessThan(500);
      }
      expect(other.json, 'the answer tells another ISP\'s record from a missing one').toEqual(unknown.json);
      const own = await p.send(p.own);
      if (e.ownAnswer) {
        expect({ status: own.status, detail: own.json?.detail }).toEqual(e.ownAnswer);
        expect(other.json?.detail).not.toBe(e.ownAnswer.detail);
      } else {
        expect(own.status, `own record: ${own.text}`).toBeGreaterThanOrEqual(200);
        expect(own.status, `own record: ${own.text}`).toBeLessThan(300);
      }
    });
  }
});
