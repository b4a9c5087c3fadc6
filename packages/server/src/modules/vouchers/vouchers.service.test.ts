import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, password, type IspFixture } from '../../test/fixtures.ts';
import { readPdf } from '../../platform/pdf/pdf-glyphs.fixture.ts';
import { generatePin, looksLikePin, maxPinLength, minPinLength, normalisePin, pinAlphabet } from './pins.ts';

let server: TestServer;
let api: Client;
let isp: IspFixture;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'voucher-net');
  base = `/api/isp/${isp.id}`;
});
afterAll(() => server.close());

const rechargeBatch = (extra: Record<string, unknown> = {}) => ({
  name: 'Monthly recharge', kind: 'recharge', count: 20, validity_days: 30, value_minor: 1500, price_minor: 1500, ...extra,
});

describe('PINs', () => {
  it('use only the unambiguous alphabet and the requested length', () => {
    expect(pinAlphabet).not.toMatch(/[01OIL]/);
    for (let len = minPinLength; len <= maxPinLength; len++) {
      const pin = generatePin(len);
      expect(pin).toHaveLength(len);
      expect(looksLikePin(pin)).toBe(true);
    }
    expect(normalisePin(' abcd-efgh 234 ')).toBe('ABCDEFGH234');
    expect(looksLikePin('user.name@isp')).toBe(false);
    expect(looksLikePin('O0000000000')).toBe(false);
  });
});

describe('voucher batches', () => {
  it('generates 10,000 cards with unique PINs, stores only their HMAC and a sealed copy, and returns the PINs once', async () => {
    const r = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ name: 'Big run', count: 10_000 }) });
    expect(r.status, r.text).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const { batch, cards } = r.json as { batch: { id: string; number: number; stats: { unused: number }; entropy_bits: number }; cards: { serial: string; pin: string }[] };
    expect(cards).toHaveLength(10_000);
    expect(batch.stats.unused).toBe(10_000);
    expect(batch.entropy_bits).toBeCloseTo(55, 0);
    expect(new Set(cards.map((c) => c.pin)).size).toBe(10_000);
    expect(cards[0]!.serial).toBe(`${String(batch.number).padStart(4, '0')}-00001`);
    const stored = await server.ctx.db.query<{ pin_hash: string; pin_enc: string }>(
      'SELECT pin_hash, pin_enc FROM voucher_cards WHERE batch_id = $1 AND serial = $2', [batch.id, cards[0]!.serial]);
    expect(stored[0]!.pin_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.pin_enc).not.toContain(cards[0]!.pin);
    expect(server.ctx.secrets.open(stored[0]!.pin_enc)).toBe(cards[0]!.pin);
    // Later reads never carry PINs.
    const again = await api.get(`${base}/voucher-batches/${batch.id}`, { token: isp.adminToken });
    expect(again.text).not.toContain(cards[0]!.pin);
    const list = await api.get(`${base}/vouchers?batch_id=${batch.id}&limit=5`, { token: isp.adminToken });
    expect(list.json.total).toBe(10_000);
    expect(list.text).not.toContain(cards[0]!.pin);
  });

  it('refuses bad input with problem+json', async () => {
    const noValue = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: { name: 'x', kind: 'recharge', count: 1, validity_days: 1 } });
    expect(noValue.status).toBe(400);
    expect(noValue.headers['content-type']).toContain('application/problem+json');
    const short = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ pin_length: 6 }) });
    expect(short.status).toBe(400);
    const tooMany = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 10_001 }) });
    expect(tooMany.status).toBe(400);
    // A plan card needs days; only a value card (face value, no plan) goes without.
    const noValidity = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ validity_days: null, plan_id: isp.planId }) });
    expect(noValidity.status).toBe(400);
    expect(noValidity.json.errors[0].pointer).toBe('/body/validity_days');
  });

  it('prints the shelf as PDF and CSV, counting and auditing each print', async () => {
    const { json } = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 12, plan_id: isp.planId }) });
    const pdf = await server.app.inject({ method: 'GET', url: `${base}/voucher-batches/${json.batch.id}/pdf`, headers: { authorization: `Bearer ${isp.adminToken}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Two A4 pages for 12 cards at 10 a page.
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    const csv = await api.get(`${base}/voucher-batches/${json.batch.id}/csv`, { token: isp.adminToken });
    expect(csv.text.trim().split('\n')).toHaveLength(13);
    expect(csv.text).toContain(`${json.cards[0].serial},${json.cards[0].pin},unused`);
    const batch = await api.get(`${base}/voucher-batches/${json.batch.id}`, { token: isp.adminToken });
    expect(batch.json.print_count).toBe(2);
    const audit = await api.get(`${base}/audit?entity_id=${json.batch.id}`, { token: isp.adminToken });
    const printed = audit.json.items.filter((a: { action: string; entity_id: string }) => a.action === 'voucher_batch.printed' && a.entity_id === json.batch.id);
    expect(printed).toHaveLength(2);
    expect(audit.text).not.toContain(json.cards[0].pin);
    // Billing read-only roles cannot print.
    const support = await api.post(`${base}/users`, { token: isp.adminToken, body: { email: 'support@voucher-net.test', name: 'S', role: 'support_agent', password } });
    expect(support.status).toBe(201);
    const supportToken = await api.login('support@voucher-net.test', password);
    expect((await api.get(`${base}/voucher-batches/${json.batch.id}/pdf`, { token: supportToken })).status).toBe(403);
    expect((await api.get(`${base}/voucher-batches/${json.batch.id}`, { token: supportToken })).status).toBe(200);
  });

  it("prints the sheet in the language asked for, else in the ISP's default language, and refuses other languages", async () => {
    const { json } = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ name: 'Cartes', count: 2, plan_id: isp.planId }) });
    const sheet = (query: string) => server.app.inject({ method: 'GET', url: `${base}/voucher-batches/${json.batch.id}/pdf${query}`, headers: { authorization: `Bearer ${isp.adminToken}` } });
    const textOf = async (pdf: Buffer) => (await readPdf(pdf)).flatMap((p) => p.lines.map((l) => l.text));

    const fr = await sheet('?lang=fr');
    expect(fr.statusCode).toBe(200);
    const french = await textOf(fr.rawPayload);
    expect(french.some((t) => t.endsWith(` · Cartes (lot ${json.batch.number}) · page 1/1`))).toBe(true);
    expect(french.filter((t) => t === 'Code PIN')).toHaveLength(2);
    expect(french).toContain('Ajoute 30 jours de service');
    expect(french).toContain('Recharge : saisissez le code PIN dans votre espace client en ligne');
    expect(french.join('\n')).not.toMatch(/Extends|Recharge: enter/);

    // No language asked: the ISP's default.
    expect((await api.patch(base, { token: isp.adminToken, body: { default_locale: 'es' } })).status).toBe(200);
    const spanish = await textOf((await sheet('')).rawPayload);
    expect(spanish).toContain('Añade 30 días de servicio');
    expect(spanish).toContain('Recarga: introduzca el PIN en su portal de autoservicio');
    expect((await api.patch(base, { token: isp.adminToken, body: { default_locale: 'en' } })).status).toBe(200);

    const bad = await sheet('?lang=de');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/querystring/lang');

    const audit = await api.get(`${base}/audit?entity_id=${json.batch.id}`, { token: isp.adminToken });
    const printed = audit.json.items.filter((a: { action: string }) => a.action === 'voucher_batch.printed');
    expect(printed.map((a: { after: { language: string } }) => a.after.language).sort()).toEqual(['es', 'fr']);
  });

  it('sells, searches by serial, disables, and keeps who did what', async () => {
    const { json } = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 3, branch_id: isp.north }) });
    const serial = json.cards[1].serial as string;
    const found = await api.get(`${base}/vouchers?serial=${serial}`, { token: isp.adminToken });
    expect(found.json.total).toBe(1);
    const card = found.json.items[0];
    // The North manager sells it at their branch.
    const sold = await api.post(`${base}/vouchers/${card.id}/sell`, { token: isp.managerToken, body: {} });
    expect(sold.status, sold.text).toBe(200);
    expect(sold.json).toMatchObject({ status: 'sold', sold_branch_id: isp.north, sold_by_name: 'North Manager' });
    expect((await api.post(`${base}/vouchers/${card.id}/sell`, { token: isp.adminToken, body: {} })).status).toBe(409);
    const disabled = await api.post(`${base}/vouchers/${card.id}/disable`, { token: isp.adminToken });
    expect(disabled.json.status).toBe('disabled');
    const stats = await api.get(`${base}/voucher-batches/${json.batch.id}`, { token: isp.adminToken });
    expect(stats.json.stats).toEqual({ unused: 2, sold: 0, used: 0, expired: 0, disabled: 1 });
    const audit = await api.get(`${base}/audit?entity_id=${card.id}`, { token: isp.adminToken });
    const actions = audit.json.items.filter((a: { entity_id: string }) => a.entity_id === card.id).map((a: { action: string; actor_email: string }) => [a.action, a.actor_email]);
    expect(actions).toEqual([['voucher.disabled', isp.adminEmail], ['voucher.sold', `north@voucher-net.test`]]);
    // A batch with sold cards cannot be deleted; an untouched one can.
    expect((await api.del(`${base}/voucher-batches/${json.batch.id}`, { token: isp.adminToken })).status).toBe(409);
    // An admin (no branch of their own) sells at the batch's branch.
    const other = (await api.get(`${base}/vouchers?serial=${json.cards[2].serial}`, { token: isp.adminToken })).json.items[0];
    const byAdmin = await api.post(`${base}/vouchers/${other.id}/sell`, { token: isp.adminToken, body: {} });
    expect(byAdmin.json).toMatchObject({ status: 'sold', sold_branch_id: isp.north, sold_by_name: 'Admin' });
    const spare = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 2 }) });
    expect((await api.del(`${base}/voucher-batches/${spare.json.batch.id}`, { token: isp.adminToken })).status).toBe(204);
    // The South branch's manager would not even see North's batch: the North manager sees only theirs.
    const mine = await api.get(`${base}/voucher-batches`, { token: isp.managerToken });
    expect(mine.json.items.map((b: { id: string }) => b.id)).toEqual([json.batch.id]);
  });
});

describe('recharge in the self-service portal', () => {
  it('extends the subscription, switches the plan, and is single use', async () => {
    const plan = await api.post(`${base}/plans`, { token: isp.adminToken, body: { name: 'Fiber 100', download_kbps: 102400, upload_kbps: 20480, price_minor: 4000 } });
    const { json } = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 2, plan_id: plan.json.id, validity_days: 30 }) });
    const subToken = await api.login('ann@voucher-net.test', password);
    const before = Date.now();
    const pin = (json.cards[0].pin as string).toLowerCase().replace(/(.{4})/, '$1-');
    const r = await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.plan_id).toBe(plan.json.id);
    const expires = new Date(r.json.expires_at).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1000);
    expect(expires).toBeLessThan(before + 30 * 86_400_000 + 60_000);
    const sub = await api.get(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken });
    expect(sub.json).toMatchObject({ plan_id: plan.json.id, expires_at: r.json.expires_at });
    // A second card adds to the end, not to today.
    const second = await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin: json.cards[1].pin } });
    expect(new Date(second.json.expires_at).getTime() - expires).toBe(30 * 86_400_000);
    const again = await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin: json.cards[0].pin } });
    expect(again.status).toBe(409);
    const card = (await api.get(`${base}/vouchers?serial=${json.cards[0].serial}`, { token: isp.adminToken })).json.items[0];
    expect(card).toMatchObject({ status: 'used', used_by_subscriber_id: isp.subscriberId, used_by_subscriber_name: 'Ann Hq' });
    const audit = await api.get(`${base}/audit?entity_id=${card.id}`, { token: isp.adminToken });
    expect(audit.json.items.some((a: { action: string; entity_id: string; actor_email: string }) =>
      a.action === 'voucher.redeemed' && a.entity_id === card.id && a.actor_email === 'ann@voucher-net.test')).toBe(true);
  });

  it('a value card credits its face value to the wallet once, in its currency, and leaves the service dates alone', async () => {
    const created = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 1, validity_days: null, value_minor: 2500, currency: 'USD' }) });
    expect(created.status, created.text).toBe(201);
    const json = created.json;
    expect(json.batch).toMatchObject({ value_minor: 2500, currency: 'USD', validity_days: null });
    const subToken = await api.login('ann@voucher-net.test', password);
    const before = (await api.get(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken })).json;
    const r = await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin: json.cards[0].pin } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ serial: json.cards[0].serial, wallet_credit: 2500, currency: 'USD', value_minor: 2500, validity_days: null, plan_id: null });
    const after = (await api.get(`${base}/subscribers/${isp.subscriberId}`, { token: isp.adminToken })).json;
    expect([after.expires_at, after.plan_id]).toEqual([before.expires_at, before.plan_id]);
    const card = (await api.get(`${base}/vouchers?serial=${json.cards[0].serial}`, { token: isp.adminToken })).json.items[0];
    const wallet = (await api.get(`${base}/subscribers/${isp.subscriberId}/wallet`, { token: isp.adminToken })).json;
    expect(wallet.balances).toContainEqual({ currency: 'USD', balance: 2500 });
    expect(wallet.entries.filter((e: { voucher_card_id: string | null }) => e.voucher_card_id === card.id))
      .toEqual([expect.objectContaining({ kind: 'voucher', amount: 2500, currency: 'USD', payment_id: null, note: `Value card ${card.serial}` })]);
    // Single use: the card is used, and the ledger refuses a second credit for it even if asked directly.
    expect((await api.post('/api/me/vouchers/redeem', { token: subToken, body: { pin: json.cards[0].pin } })).status).toBe(409);
    await expect(server.ctx.db.query(`INSERT INTO wallet_entries (isp_id, subscriber_id, currency, amount, kind, voucher_card_id) VALUES ($1, $2, 'USD', 2500, 'voucher', $3)`,
      [isp.id, isp.subscriberId, card.id])).rejects.toThrow(/wallet_entries_voucher_key/);
    const audit = (await api.get(`${base}/audit?entity_id=${isp.subscriberId}`, { token: isp.adminToken })).json.items;
    expect(audit.find((a: { action: string }) => a.action === 'wallet.credited')).toMatchObject({ actor_email: 'ann@voucher-net.test' });
  });

  it('two concurrent redemptions of one PIN: exactly one wins', async () => {
    const other = await api.post(`${base}/subscribers`, { token: isp.adminToken, body: {
      first_name: 'Bo', last_name: 'Racer', username: 'bo.racer', password: 'pppoe-pass', email: 'bo@voucher-net.test', portal_password: password } });
    expect(other.status).toBe(201);
    const [annToken, boToken] = await Promise.all([api.login('ann@voucher-net.test', password), api.login('bo@voucher-net.test', password)]);
    for (let round = 0; round < 5; round++) {
      const { json } = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 1 }) });
      const pin = json.cards[0].pin as string;
      const results = await Promise.all([annToken, boToken].map((token) => api.post('/api/me/vouchers/redeem', { token, body: { pin } })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const rows = await server.ctx.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'voucher.redeemed' AND after->>'serial' = $1", [json.cards[0].serial]);
      expect(rows[0]!.n).toBe(1);
    }
  });

  it('rate-limits wrong PINs per subscriber, and a hotspot card cannot be redeemed', async () => {
    await api.post(`${base}/subscribers`, { token: isp.adminToken, body: {
      first_name: 'Gus', last_name: 'Guess', username: 'gus', password: 'pppoe-pass', email: 'gus@voucher-net.test', portal_password: password } });
    const token = await api.login('gus@voucher-net.test', password);
    const hotspot = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: { name: 'Hotspot', kind: 'hotspot', count: 1, plan_id: isp.planId, time_limit_s: 3600 } });
    expect((await api.post('/api/me/vouchers/redeem', { token, body: { pin: hotspot.json.cards[0].pin } })).status).toBe(409);
    for (let i = 0; i < 5; i++) {
      const r = await api.post('/api/me/vouchers/redeem', { token, body: { pin: generatePin(12) } });
      expect(r.status).toBe(422);
    }
    const valid = await api.post(`${base}/voucher-batches`, { token: isp.adminToken, body: rechargeBatch({ count: 1 }) });
    const blocked = await api.post('/api/me/vouchers/redeem', { token, body: { pin: valid.json.cards[0].pin } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    // Staff cannot use the subscriber route.
    expect((await api.post('/api/me/vouchers/redeem', { token: isp.adminToken, body: { pin: valid.json.cards[0].pin } })).status).toBe(403);
  });
});
