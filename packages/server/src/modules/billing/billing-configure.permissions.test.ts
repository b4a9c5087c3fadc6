import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { clockStoppedAt } from '../../test/clocks.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';

/**
 * ISP-wide billing configuration (billing:configure) is the ISP admins' and the billing role's;
 * a branch manager keeps the billing of their own subscribers (billing:manage).
 */
let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;
let billingToken: string;

const ecbXml = readFileSync(new URL('./testdata/eurofxref-daily.xml', import.meta.url), 'utf8');
type Res = { status: number; text: string; json: any };
type Ids = { rule: string; rate: string; addon: string; coupon: string };

async function created(p: Promise<Res>): Promise<string> {
  const r = await p;
  expect(r.status, r.text).toBe(201);
  return r.json.id as string;
}

/** A tax rule, a rate, an add-on and a coupon to change and remove. */
async function fixtures(tag: string): Promise<Ids> {
  const token = isp.adminToken;
  return {
    rule: await created(api.post(`${base}/tax-rules`, { token, body: { name: `VAT ${tag}`, kind: 'vat', rate: '20' } })),
    rate: await created(api.post(`${base}/exchange-rates`, { token, body: { base: 'EUR', quote: 'USD', rate: '1.08', rate_date: `2026-10-${tag}` } })),
    addon: await created(api.post(`${base}/billing/addons`, { token, body: { name: `Static IP ${tag}`, kind: 'static_ip', billing: 'recurring', price_minor: 500, currency: 'EUR' } })),
    coupon: await created(api.post(`${base}/billing/coupons`, { token, body: { code: `welcome${tag}`, kind: 'percent', percent: '10', cycles: 1 } })),
  };
}

/** Every ISP-wide billing change, with valid bodies (so that only the permission can refuse it) and the status of success. */
function configurationChanges(ids: Ids, tag: string): [string, (token: string) => Promise<Res>, number][] {
  return [
    ['PATCH billing/settings', (token) => api.patch(`${base}/billing/settings`, { token, body: { tax_id: `TAX-${tag}`, payment_terms_days: 30 } }), 200],
    ['POST tax-rules', (token) => api.post(`${base}/tax-rules`, { token, body: { name: `Cess ${tag}`, kind: 'other', rate: '1' } }), 201],
    ['PATCH tax-rules/:id', (token) => api.patch(`${base}/tax-rules/${ids.rule}`, { token, body: { rate: '0' } }), 200],
    ['DELETE tax-rules/:id', (token) => api.del(`${base}/tax-rules/${ids.rule}`, { token }), 204],
    ['POST exchange-rates', (token) => api.post(`${base}/exchange-rates`, { token, body: { base: 'EUR', quote: 'GBP', rate: '0.85', rate_date: `2026-11-${tag}` } }), 201],
    ['PATCH exchange-rates/:id', (token) => api.patch(`${base}/exchange-rates/${ids.rate}`, { token, body: { rate: '9' } }), 200],
    ['DELETE exchange-rates/:id', (token) => api.del(`${base}/exchange-rates/${ids.rate}`, { token }), 204],
    ['POST exchange-rates/ecb-import', (token) => api.post(`${base}/exchange-rates/ecb-import`, { token, body: { xml: ecbXml } }), 200],
    ['POST billing/addons', (token) => api.post(`${base}/billing/addons`, { token, body: { name: `Setup ${tag}`, kind: 'other', billing: 'one_off', price_minor: 1500, currency: 'EUR' } }), 201],
    ['PATCH billing/addons/:id', (token) => api.patch(`${base}/billing/addons/${ids.addon}`, { token, body: { price_minor: 1 } }), 200],
    ['DELETE billing/addons/:id', (token) => api.del(`${base}/billing/addons/${ids.addon}`, { token }), 204],
    ['POST billing/coupons', (token) => api.post(`${base}/billing/coupons`, { token, body: { code: `free${tag}`, kind: 'percent', percent: '100', cycles: 12 } }), 201],
    ['PATCH billing/coupons/:id', (token) => api.patch(`${base}/billing/coupons/${ids.coupon}`, { token, body: { active: false } }), 200],
    ['POST billing-runs', (token) => api.post(`${base}/billing-runs`, { token, body: { as_of: '2026-11-01' } }), 202],
    ['PATCH billing-runs/schedule', (token) => api.patch(`${base}/billing-runs/schedule`, { token, body: { enabled: false, hour: 5 } }), 200],
    ['PATCH payment-gateways/stripe', (token) => api.patch(`${base}/payment-gateways/stripe`, { token, body: { secrets: { secret_key: `sk_test_${tag}`, webhook_secret: `whsec_${tag}` } } }), 200],
    ['DELETE payment-gateways/stripe', (token) => api.del(`${base}/payment-gateways/stripe`, { token }), 204],
    ['PATCH dunning/settings', (token) => api.patch(`${base}/dunning/settings`, { token, body: { enabled: false, grace_days: 3 } }), 200],
    ['PATCH sms-provider', (token) => api.patch(`${base}/sms-provider`, { token, body: { provider: 'twilio', config: { from: '+15005550006' }, secrets: { account_sid: 'AC0123456789abcdef0123456789abcdef', auth_token: `t-${tag}` } } }), 200],
    ['POST dunning/run', (token) => api.post(`${base}/dunning/run`, { token }), 200],
  ];
}

/** What the ISP's billing configuration is, as its admin reads it. */
async function configuration() {
  const token = isp.adminToken;
  const read = async (path: string) => {
    const r = await api.get(`${base}/${path}`, { token });
    expect(r.status, `${path}: ${r.text}`).toBe(200);
    return r.json;
  };
  return {
    settings: await read('billing/settings'), rules: await read('tax-rules'), rates: await read('exchange-rates?limit=200'), addons: await read('billing/addons'),
    coupons: await read('billing/coupons'), runs: await read('billing-runs'), schedule: await read('billing-runs/schedule'), gateways: await read('payment-gateways'),
    dunning: await read('dunning/settings'), sms: await read('sms-provider'),
  };
}

beforeAll(async () => {
  // Stopped: the schedule's next run is "now" once the day's hour has passed, and the test
  // compares the configuration read before and after.
  server = await startTestServer({}, { clock: clockStoppedAt('2027-03-01T07:56:00Z') });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'billperm');
  base = `/api/isp/${isp.id}`;
  const staff = await api.post(`${base}/users`, { token: isp.adminToken, body: { email: 'books@billperm.test', name: 'Books', role: 'billing', password } });
  expect(staff.status, staff.text).toBe(201);
  billingToken = await api.login('books@billperm.test', password);
  // Something configured to be changed: a gateway, dunning, an SMS provider.
  expect((await api.patch(`${base}/payment-gateways/stripe`, { token: isp.adminToken, body: { secrets: { secret_key: 'sk_test_admin', webhook_secret: 'whsec_admin' } } })).status).toBe(200);
  expect((await api.patch(`${base}/dunning/settings`, { token: isp.adminToken, body: { enabled: true, grace_days: 9 } })).status).toBe(200);
});
afterAll(() => server.close());

describe('ISP-wide billing configuration', () => {
  it('a branch manager gets 403 on every change, and nothing changes', async () => {
    const ids = await fixtures('01');
    const before = await configuration();
    for (const [name, call] of configurationChanges(ids, '01')) {
      const r = await call(isp.managerToken);
      expect(r.status, `${name}: ${r.text}`).toBe(403);
      expect(r.json.detail, name).toBe('Missing permission billing:configure');
    }
    expect(await configuration()).toEqual(before);
  });

  it('an ISP admin and the billing role can make each change', async () => {
    for (const [who, token, tag] of [['admin', isp.adminToken, '02'], ['billing', billingToken, '03']] as const) {
      const ids = await fixtures(tag);
      // The gateway removed by the previous round is configured again first.
      for (const [name, call, status] of configurationChanges(ids, tag)) {
        const r = await call(token);
        expect(r.status, `${who} ${name}: ${r.text}`).toBe(status);
      }
    }
    const after = await configuration();
    expect(after.settings).toMatchObject({ tax_id: 'TAX-03', payment_terms_days: 30 });
    expect(after.schedule).toMatchObject({ enabled: false, hour: 5 });
    expect(after.dunning).toMatchObject({ enabled: false, grace_days: 3 });
  });

  it('a branch manager keeps the billing of their own subscribers: records a payment, reads the invoices', async () => {
    const paid = await api.post(`${base}/payments`, { token: isp.managerToken, body: { subscriber_id: isp.northSubscriberId, method: 'cash', amount: 500 } });
    expect(paid.status, paid.text).toBe(201);
    expect((await api.get(`${base}/invoices`, { token: isp.managerToken })).status).toBe(200);
    expect((await api.get(`${base}/tax-rules`, { token: isp.managerToken })).status).toBe(200);
    // Not another branch's subscriber.
    expect((await api.post(`${base}/payments`, { token: isp.managerToken, body: { subscriber_id: isp.subscriberId, method: 'cash', amount: 1 } })).status).toBe(404);
  });

  it('a branch manager cannot make someone a billing user, who would configure the whole ISP', async () => {
    const r = await api.post(`${base}/users`, { token: isp.managerToken, body: { email: 'mole@billperm.test', name: 'Mole', role: 'billing', branch_id: isp.north, password } });
    expect(r.status, r.text).toBe(403);
    const support = await api.post(`${base}/users`, { token: isp.managerToken, body: { email: 'desk@billperm.test', name: 'Desk', role: 'support_agent', branch_id: isp.north, password } });
    expect(support.status, support.text).toBe(201);
    expect((await api.patch(`${base}/users/${support.json.id}`, { token: isp.managerToken, body: { role: 'billing' } })).status).toBe(403);
  });
});
