import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { client, startTestServer, type TestServer } from '../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../test/fixtures.ts';
import { rows, tenantScope, withScope } from '../../platform/db/scope.ts';
import { applyPaymentToInvoice } from './invoice-payment.ts';

let server: TestServer;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer();
  const api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'payapply');
});
afterAll(() => server.close());

async function issuedInvoice(total: number, status = 'issued', number = `T-${Math.random()}`): Promise<string> {
  return withScope(server.ctx.db, tenantScope(isp.id), async (tx) => {
    const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO invoices (isp_id, branch_id, subscriber_id, series, number, sequence, status, currency, base_currency, total, subtotal, issue_date, due_date)
      VALUES (${isp.id}, ${isp.hq}, ${isp.subscriberId}, 'T', ${number}, 1, ${status}, 'EUR', 'EUR', ${total}, ${total}, current_date, current_date + 10) RETURNING id`);
    return row!.id;
  });
}

describe('applyPaymentToInvoice', () => {
  it('moves an invoice to partially_paid, then paid, and back on a refund', async () => {
    const id = await issuedInvoice(1000);
    const apply = (amount: number) => withScope(server.ctx.db, tenantScope(isp.id), (tx) => applyPaymentToInvoice(tx, id, amount));
    expect(await apply(400)).toMatchObject({ status: 'partially_paid', amountPaid: 400, open: 600 });
    expect(await apply(600)).toMatchObject({ status: 'paid', amountPaid: 1000, open: 0 });
    await expect(apply(1)).rejects.toThrow(/exceeds/);
    expect(await apply(-1000)).toMatchObject({ status: 'issued', amountPaid: 0 });
    await expect(apply(-1)).rejects.toThrow(/refund more/);
  });

  it('refuses drafts and void invoices, and cannot see another ISP', async () => {
    const draft = await withScope(server.ctx.db, tenantScope(isp.id), async (tx) => {
      const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO invoices (isp_id, subscriber_id, series, status, currency, base_currency, total) VALUES (${isp.id}, ${isp.subscriberId}, 'T', 'draft', 'EUR', 'EUR', 500) RETURNING id`);
      return row!.id;
    });
    await expect(withScope(server.ctx.db, tenantScope(isp.id), (tx) => applyPaymentToInvoice(tx, draft, 100))).rejects.toThrow(/draft/);
    const voided = await issuedInvoice(500, 'void');
    await expect(withScope(server.ctx.db, tenantScope(isp.id), (tx) => applyPaymentToInvoice(tx, voided, 100))).rejects.toThrow(/void/);
    const other = await issuedInvoice(500);
    await expect(withScope(server.ctx.db, tenantScope('00000000-0000-0000-0000-000000000001'), (tx) => applyPaymentToInvoice(tx, other, 100))).rejects.toThrow(/not found/);
  });
});
