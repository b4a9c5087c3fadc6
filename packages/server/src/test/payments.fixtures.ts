import { sql } from 'drizzle-orm';
import { rows, tenantScope, withScope } from '../platform/db/scope.ts';
import type { TestServer } from './harness.ts';
import type { IspFixture } from './fixtures.ts';

/** Test-only: an issued invoice as the billing engine would leave it. */
export async function issuedInvoice(server: TestServer, isp: IspFixture, o: { total: number; subscriberId?: string; branchId?: string; dueInDays?: number; currency?: string; number?: string }): Promise<string> {
  return withScope(server.ctx.db, tenantScope(isp.id), async (tx) => {
    const number = o.number ?? `T-${Math.random().toString(36).slice(2, 10)}`;
    const [row] = await rows<{ id: string }>(tx, sql`
      INSERT INTO invoices (isp_id, branch_id, subscriber_id, series, number, sequence, status, currency, base_currency, total, subtotal, issue_date, due_date)
      VALUES (${isp.id}, ${o.branchId ?? isp.hq}, ${o.subscriberId ?? isp.subscriberId}, 'T', ${number}, 1, 'issued', ${o.currency ?? 'EUR'}, 'EUR', ${o.total}, ${o.total},
              current_date + ${(o.dueInDays ?? 10) - 15}::int, current_date + ${o.dueInDays ?? 10}::int) RETURNING id`);
    return row!.id;
  });
}

export async function invoiceState(server: TestServer, isp: IspFixture, id: string): Promise<{ status: string; amount_paid: number }> {
  return withScope(server.ctx.db, tenantScope(isp.id), async (tx) => {
    const [r] = await rows<{ status: string; amount_paid: string }>(tx, sql`SELECT status, amount_paid::text FROM invoices WHERE id = ${id}`);
    return { status: r!.status, amount_paid: Number(r!.amount_paid) };
  });
}
