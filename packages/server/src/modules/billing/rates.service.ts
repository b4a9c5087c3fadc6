import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { iso } from '../../platform/http/api.ts';
import type { Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { isCurrency } from './money/currencies.ts';
import { divideDecimal, parseDecimal } from './money/decimal.ts';
import { parseEcbXml } from './ecb.ts';
import { exchangeRates } from './schema.ts';

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

export async function createRate(ctx: AppContext, actor: Actor, scope: Scope, ispId: string, input: z.infer<typeof createRateBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const dto = await upsertRate(tx, ispId, { base: input.base, quote: input.quote, rate: input.rate, rateDate: input.rate_date, source: 'manual' });
    await recordChange(tx, actor, { ispId, action: 'exchange_rate.saved', entityType: 'exchange_rate', entityId: dto.id, after: dto });
    return dto;
  });
}

export async function updateRate(ctx: AppContext, actor: Actor, scope: Scope, id: string, input: z.infer<typeof updateRateBody>) {
  return withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.id, id)).for('update');
    if (!before) throw notFound('Exchange rate');
    const [after] = await tx.update(exchangeRates).set({ rate: input.rate, source: 'manual' }).where(eq(exchangeRates.id, id)).returning();
    const dto = toDto(after!);
    await recordChange(tx, actor, { ispId: before.ispId, action: 'exchange_rate.updated', entityType: 'exchange_rate', entityId: id, before: toDto(before), after: dto });
    return dto;
  });
}

export async function deleteRate(ctx: AppContext, actor: Actor, scope: Scope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.id, id)).for('update');
    if (!before) throw notFound('Exchange rate');
    await tx.delete(exchangeRates).where(eq(exchangeRates.id, id));
    await recordChange(tx, actor, { ispId: before.ispId, action: 'exchange_rate.deleted', entityType: 'exchange_rate', entityId: id, before: toDto(before) });
  });
}

/** Imports an uploaded ECB reference-rate file (EUR base); re-importing a day overwrites it. */
export async function importEcbRates(ctx: AppContext, actor: Actor, scope: Scope, ispId: string, xml: string) {
  let days;
  try {
    days = parseEcbXml(xml);
  } catch (err) {
    throw badRequest((err as Error).message);
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

export type RateUsed = { rate: string; date: string | null };

/**
 * The rate to convert `from` into `to` on `date`: the newest stored rate on or before that
 * day, direct, inverse, or crossed through EUR (what an ECB import provides). Throws a 409-able
 * error when none exists, so an invoice is never priced at a guessed rate.
 */
export async function rateFor(tx: Tx, ispId: string, from: string, to: string, date: string): Promise<RateUsed> {
  if (from === to) return { rate: '1', date: null };
  const latest = async (base: string, quote: string) => {
    const [r] = await rows<{ rate: string; rate_date: string }>(tx, sql`SELECT rate::text AS rate, to_char(rate_date, 'YYYY-MM-DD') AS rate_date FROM exchange_rates
      WHERE isp_id = ${ispId} AND base = ${base} AND quote = ${quote} AND rate_date <= ${date}::date ORDER BY rate_date DESC LIMIT 1`);
    return r ?? null;
  };
  const direct = await latest(from, to);
  if (direct) return { rate: trimRate(direct.rate), date: direct.rate_date };
  const inverse = await latest(to, from);
  if (inverse) return { rate: trimRate(divideDecimal('1', inverse.rate)), date: inverse.rate_date };
  const [eurFrom, eurTo] = [from === 'EUR' ? { rate: '1', rate_date: date } : await latest('EUR', from), to === 'EUR' ? { rate: '1', rate_date: date } : await latest('EUR', to)];
  if (eurFrom && eurTo) {
    return { rate: trimRate(divideDecimal(eurTo.rate, eurFrom.rate)), date: eurFrom.rate_date < eurTo.rate_date ? eurFrom.rate_date : eurTo.rate_date };
  }
  throw badRequest(`No exchange rate from ${from} to ${to} on or before ${date}; add one or import the ECB file`);
}
