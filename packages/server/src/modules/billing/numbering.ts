import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';

/** Where a series' counter lives: an ISP's invoices, or the platform's invoices to ISPs. */
export type Counter = { kind: 'isp'; ispId: string } | { kind: 'platform' };

export const formatNumber = (series: string, seq: number) => `${series}-${String(seq).padStart(6, '0')}`;

/**
 * Reserves `count` consecutive numbers of a series and returns the first. The counter row
 * stays locked until the caller's transaction ends, so concurrent runs (in any process) queue
 * here, and a rolled-back transaction returns its numbers: gapless and never duplicated.
 */
export async function reserveSeries(tx: Tx, counter: Counter, series: string, count: number): Promise<number> {
  const query = counter.kind === 'isp'
    ? sql`INSERT INTO invoice_counters (isp_id, series, last_value) VALUES (${counter.ispId}, ${series}, ${count})
        ON CONFLICT (isp_id, series) DO UPDATE SET last_value = invoice_counters.last_value + ${count} RETURNING last_value`
    : sql`INSERT INTO platform_invoice_counters (series, last_value) VALUES (${series}, ${count})
        ON CONFLICT (series) DO UPDATE SET last_value = platform_invoice_counters.last_value + ${count} RETURNING last_value`;
  const [row] = await rows<{ last_value: string }>(tx, query);
  return Number(row!.last_value) - count + 1;
}
