import { client, startTestServer, type Client, type TestServer } from './harness.ts';
import { createFounder } from '../modules/identity/index.ts';
import { systemActor } from '../platform/auth/actor.ts';

export type IspFixture = {
  id: string; slug: string; adminEmail: string; adminToken: string;
  hq: string; north: string; south: string; planId: string; subscriberId: string; northSubscriberId: string;
  managerToken: string; staffId: string; nasId: string;
};

export const password = 'correct horse battery';

export async function founderToken(server: TestServer, api: Client): Promise<string> {
  await createFounder(server.ctx, systemActor, { email: 'owner@platform.test', name: 'Owner', password });
  return api.login('owner@platform.test', password);
}

async function ok<T = any>(p: Promise<{ status: number; json: any; text: string }>, expected: number): Promise<T> {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.json as T;
}

/** An ISP with HQ → {North, South} branches, a plan, a subscriber in HQ and one in North, and a North manager. */
export async function createIspFixture(api: Client, founder: string, slug: string): Promise<IspFixture> {
  const adminEmail = `admin@${slug}.test`;
  const isp = await ok(api.post('/api/founder/isp/create', { token: founder, body: { slug, display_name: slug.toUpperCase(), currency: 'EUR', admin: { email: adminEmail, name: 'Admin', password } } }), 201);
  const adminToken = await api.login(adminEmail, password);
  const base = `/api/isp/${isp.id}`;
  const hq = await ok(api.post(`${base}/branches`, { token: adminToken, body: { name: 'HQ', code: 'HQ' } }), 201);
  const north = await ok(api.post(`${base}/branches`, { token: adminToken, body: { name: 'North', code: 'N', parent_branch_id: hq.id } }), 201);
  const south = await ok(api.post(`${base}/branches`, { token: adminToken, body: { name: 'South', code: 'S', parent_branch_id: hq.id } }), 201);
  const plan = await ok(api.post(`${base}/plans`, { token: adminToken, body: { name: 'Fiber 50', download_kbps: 51200, upload_kbps: 10240, price_minor: 2500 } }), 201);
  const sub = await ok(api.post(`${base}/subscribers`, { token: adminToken, body: { first_name: 'Ann', last_name: 'Hq', username: `ann.${slug}`, password: 'pppoe-pass', branch_id: hq.id, plan_id: plan.id, email: `ann@${slug}.test`, portal_password: password } }), 201);
  const northSub = await ok(api.post(`${base}/subscribers`, { token: adminToken, body: { first_name: 'Ned', last_name: 'North', username: `ned.${slug}`, password: 'pppoe-pass', branch_id: north.id, plan_id: plan.id } }), 201);
  const staff = await ok(api.post(`${base}/users`, { token: adminToken, body: { email: `north@${slug}.test`, name: 'North Manager', role: 'branch_manager', branch_id: north.id, password } }), 201);
  const managerToken = await api.login(`north@${slug}.test`, password);
  // A distinct loopback address per ISP: NAS addresses are unique across the platform.
  const octet = [...slug].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 250, 7) + 2;
  const nas = await ok(api.post(`${base}/nas`, { token: adminToken, body: { name: `NAS ${slug}`, address: `127.10.${octet}.1`, secret: 'nas-secret-1' } }), 201);
  return {
    id: isp.id, slug, adminEmail, adminToken, hq: hq.id, north: north.id, south: south.id, planId: plan.id,
    subscriberId: sub.id, northSubscriberId: northSub.id, managerToken, staffId: staff.id, nasId: nas.id,
  };
}

/** A fresh server with two ISPs of createIspFixture's shape: the setup of every isolation test. */
export async function startWithTwoIsps(slugA: string, slugB: string): Promise<{ server: TestServer; api: Client; a: IspFixture; b: IspFixture }> {
  const server = await startTestServer();
  const api = client(server.app);
  const founder = await founderToken(server, api);
  return { server, api, a: await createIspFixture(api, founder, slugA), b: await createIspFixture(api, founder, slugB) };
}
