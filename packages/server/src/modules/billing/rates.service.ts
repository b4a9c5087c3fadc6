import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { HttpProblem } from '../../platform/http/errors.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/http/api.ts';
import type { Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { isCurrency } from '../../platform/money/currencies.ts';
import { divideDecimal, parseDecimal } from '../../platform/money/decimal.ts';
import { convert } from '../../platform/money/money.ts';
import { parseEcbXml } from './ecb.ts';
import { exchangeRates } from './schema.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

export const currencyCode = z.string().length(3).regex(/^[A-Z]{3}$/).refine(isCurrency, 'must be an ISO 4217 currency code');
const rateText = z.string().regex(/^\d{1,14}(\.\d{1,10})?$/, 'a positive decimal with at most 10 decimals').refine((v) => parseDecimal(v).digits > 0n, 'must be positive');
const day = z.iso.date();

export const createRateBody = z.strictObject({ base: currencyCode, quote: currencyCode, rate: rateText, rate_date: day })
  .refine((v) => v.base !== v.quote, { message: 'base and quote must differ', path: ['quote'] });
export const updateRateBody = z.strictObject({ rate: rateText });
export const rateDto = z.object({ id: z.string(), base: z.string(), quote: z.string(), rate: z.string(), rate_date: z.string(), source: z.string(), created_at: z.string() });
export type RateDto = z.infer<typeof rateDto>;

type RateRow = typeof exchangeRates.$inferSelect;
const trimRate = (r: string) => (r.includes('.') ? r.replace(/0+$/, '').replace(/\.$/, '') : r);
const toDto = (r: RateRow): RateDto => ({ id: r.id, base: r.base.trim(), quote: r.quote.trim(), rate: trimRate(r.rate), rate_date: r.rateDate, source: r.source, created_at: iso(r.createdAt)! });

export async function listRates(ctx: AppContext, scope: Scope, ispId: string, q: { limit: number; offset: number; quote?: string | undefined }): Promise<Page<RateDto>> {
  return withScope(ctx.db, scope, async (tx) => {
    const where = and(eq(exchangeRates.ispId, ispId), q.quote ? eq(exchangeRates.quote, q.quote) : undefined);
    const list = await tx.select().from(exchangeRates).where(where).orderBy(desc(exchangeRates.rateDate), exchangeRates.base, exchangeRates.quote).limit(q.limit).offset(q.offset);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(exchangeRates).where(where);
    return { items: list.map(toDto), total: count?.n ?? 0, limit: q.limit, offset: q.offset };
  });
}

async function upsertRate(tx: Tx, ispId: string, r: { base: string; quote: string; rate: string; rateDate: string; source: 'manual' | 'ecb' }) {
  const [row] = await tx.insert(exchangeRates).values({ ispId, ...r })
    .onConflictDoUpdate({ target: [exchangeRates.ispId, exchangeRates.base, exchangeRates.quote, exchangeRates.rateDate], set: { rate: r.rate, source: r.source } })
    .returning();
  return toDto(row!);
}

export async function createRate(ctx: AppContext, { actor, scope, ispId }: Tenant, input: z.infer<typeof createRateBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const dto = await upsertRate(tx, ispId, { base: input.base, quote: input.quote, rate: input.rate, rateDate: input.rate_date, source: 'manual' });
    await recordChange(tx, actor, { ispId, action: 'exchange_rate.saved', entityType: 'exchange_rate', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateRate(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: z.infer<typeof updateRateBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.id, id)).for('update');
    if (!before) throw notFound('Exchange rate');
    const [after] = await tx.update(exchangeRates).set({ rate: input.rate, source: 'manual' }).where(eq(exchangeRates.id, id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'exchange_rate.updated', entityType: 'exchange_rate', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

export async function deleteRate(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.id, id)).for('update');
    if (!before) throw notFound('Exchange rate');
    await tx.delete(exchangeRates).where(eq(exchangeRates.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'exchange_rate.deleted', entityType: 'exchange_rate', entityId: id, before: toDto(before) });
  });
}

/** Imports an uploaded ECB reference-rate file (EUR base); re-importing a day overwrites it. */
export async function importEcbRates(ctx: AppContext, { actor, scope, ispId }: Tenant, xml: string) {
  let days;
  try {
    days = parseEcbXml(xml);
  } catch (err) {
    throw invalidField((err as Error).message);
  }
  return withScope(ctx.db, scope, async (tx) => {
    let imported = 0;
    for (const d of days) {
      for (const r of d.rates) {
        await upsertRate(tx, ispId, { base: 'EUR', quote: r.currency, rate: r.rate, rateDate: d.date, source: 'ecb' });
        imported++;
      }
    }
    const summary = { dates: days.map((d) => d.date), imported };
    await recordChange(tx, actor, { ispId, action: 'exchange_rate.ecb_imported', entityType: 'exchange_rate', entityId: days[0]!.date, after: summary });
    return summary;
  });
}

/** A rate and where it came from: the stored row's source (manual, ecb), and "/inverse" or "/eur-cross" when derived. */
export type RateUsed = { rate: string; date: string | null; source: string | null };

/** No stored rate for a pair: an RFC 9457 problem naming the pair, never a guessed rate. */
export const missingRate = (from: string, to: string, date: string) => new HttpProblem(422, 'Unprocessable Content',
  `No exchange rate from ${from} to ${to} on or before ${date}; add one or import the ECB file`, { currency_pair: `${from}/${to}`, rate_date: date });

export const isMissingRate = (err: unknown): boolean => err instanceof HttpProblem && err.status === 422 && 'currency_pair' in err.extra;

/**
 * The rate to convert `from` into `to` on `date`: the newest stored rate on or before that
 * day, direct, inverse, or crossed through EUR (what an ECB import provides). Throws a 422
 * problem when none exists, so nothing is ever priced or converted at a guessed rate.
 */
export async function rateFor(tx: Tx, ispId: string, from: string, to: string, date: string): Promise<RateUsed> {
  if (from === to) return { rate: '1', date: null, source: null };
  const latest = async (base: string, quote: string) => {
    const [r] = await rows<{ rate: string; rate_date: string; source: string }>(tx, sql`SELECT rate::text AS rate, to_char(rate_date, 'YYYY-MM-DD') AS rate_date, source FROM exchange_rates
      WHERE isp_id = ${ispId} AND base = ${base} AND quote = ${quote} AND rate_date <= ${date}::date ORDER BY rate_date DESC LIMIT 1`);
    return r ?? null;
  };
  const direct = await latest(from, to);
  if (direct) return { rate: trimRate(direct.rate), date: direct.rate_date, source: direct.source };
  const inverse = await latest(to, from);
  if (inverse) return { rate: trimRate(divideDecimal('1', inverse.rate)), date: inverse.rate_date, source: `${inverse.source}/inverse` };
  const [eurFrom, eurTo] = [from === 'EUR' ? { rate: '1', rate_date: date, source: '' } : await latest('EUR', from), to === 'EUR' ? { rate: '1', rate_date: date, source: '' } : await latest('EUR', to)];
  if (eurFrom && eurTo) {
    const source = eurFrom.source && eurTo.source && eurFrom.source !== eurTo.source ? 'manual' : eurFrom.source || eurTo.source;
    return { rate: trimRate(divideDecimal(eurTo.rate, eurFrom.rate)), date: eurFrom.rate_date < eurTo.rate_date ? eurFrom.rate_date : eurTo.rate_date, source: `${source}/eur-cross` };
  }
  throw missingRate(from, to, date);
}

export const conversionQuery = z.strictObject({
  from: currencyCode, to: currencyCode,
  amount: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Minor units of `from`'),
  date: day.optional().describe("The day whose rate applies; today in the ISP's time zone by default"),
});
export const conversionDto = z.object({
  from: z.string(), to: z.string(), amount: z.number().int(), converted: z.number().int().describe('Minor units of `to`, rounded half up once'),
  rate: z.string(), rate_date: z.string().nullable(), source: z.string().nullable(), date: z.string(),
});

/** What an amount is worth in another currency at the stored rate of a day: the preview a cashier sees before recording. */
export async function previewConversion(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof conversionQuery>): Promise<z.infer<typeof conversionDto>> {
  return withScope(ctx.db, scope, async (tx) => {
    const [isp] = await rows<{ today: string }>(tx, sql`SELECT to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD') AS today FROM isps WHERE id = ${ispId}`);
    if (!isp) throw notFound('ISP');
    const date = q.date ?? isp.today;
    const r = await rateFor(tx, ispId, q.from, q.to, date);
    return { from: q.from, to: q.to, amount: q.amount, converted: convert(q.amount, q.from, q.to, r.rate), rate: r.rate, rate_date: r.date, source: r.source, date };
  });
}
