import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { pgArray } from '../../platform/db/pg-array.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { parseSort, type Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { pickLocale, type DocumentLocale } from '../../platform/i18n/document-locale.ts';
import { bitsPerSymbol, generatePin, PinHasher } from './pins.ts';
import type { BatchDto, BatchQuery, CreateBatchInput, UpdateBatchInput } from './vouchers.schemas.ts';
import type { ActorInScope, Tenant } from '../../platform/tenant.ts';

/**
 * "expired" is not stored: an unused card expires with its batch, a used hotspot card at
 * its own expiry (first use + validity). Reading it from the dates needs no sweeper job.
 */
export const effectiveStatus = sql.raw(`CASE
  WHEN c.status = 'disabled' OR b.status = 'disabled' THEN 'disabled'
  WHEN c.status = 'used' AND c.expires_at IS NOT NULL AND c.expires_at <= now() THEN 'expired'
  WHEN c.status IN ('unused', 'sold') AND b.expires_at IS NOT NULL AND b.expires_at <= now() THEN 'expired'
  ELSE c.status END`);

type BatchRow = {
  id: string; isp_id: string; branch_id: string | null; number: number; name: string; kind: BatchDto['kind']; card_count: number;
  pin_length: number; currency: string; value_minor: string | null; plan_id: string | null; plan_name: string | null; price_minor: string;
  validity_days: number | null; expires_at: Date | string | null; data_limit_bytes: string | null; time_limit_s: string | null;
  status: BatchDto['status']; print_count: number; last_printed_at: Date | string | null; created_at: Date | string; updated_at: Date | string;
  unused: number; sold: number; used: number; expired: number; disabled: number;
};

const n = (v: string | number | null) => (v === null ? null : Number(v));
const toDto = (r: BatchRow): BatchDto => ({
  id: r.id, isp_id: r.isp_id, branch_id: r.branch_id, number: r.number, name: r.name, kind: r.kind, card_count: r.card_count,
  pin_length: r.pin_length, entropy_bits: Math.round(r.pin_length * bitsPerSymbol * 10) / 10, currency: r.currency.trim(),
  value_minor: n(r.value_minor), plan_id: r.plan_id, plan_name: r.plan_name, price_minor: Number(r.price_minor), validity_days: r.validity_days,
  expires_at: iso(r.expires_at), data_limit_bytes: n(r.data_limit_bytes), time_limit_s: n(r.time_limit_s), status: r.status,
  print_count: r.print_count, last_printed_at: iso(r.last_printed_at), created_at: iso(r.created_at)!, updated_at: iso(r.updated_at)!,
  stats: { unused: r.unused, sold: r.sold, used: r.used, expired: r.expired, disabled: r.disabled },
});

const selectBatches = (where: SQL, tail: SQL = sql``) => sql`
  SELECT b.*, p.name AS plan_name, st.unused, st.sold, st.used, st.expired, st.disabled
  FROM voucher_batches b LEFT JOIN subscription_plans p ON p.id = b.plan_id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE s = 'unused')::int AS unused, count(*) FILTER (WHERE s = 'sold')::int AS sold,
           count(*) FILTER (WHERE s = 'used')::int AS used, count(*) FILTER (WHERE s = 'expired')::int AS expired,
           count(*) FILTER (WHERE s = 'disabled')::int AS disabled
    FROM (SELECT ${effectiveStatus} AS s FROM voucher_cards c WHERE c.batch_id = b.id) x) st ON true
  WHERE ${where} ${tail}`;

async function loadBatch(tx: Tx, id: string): Promise<BatchDto> {
  const [r] = await rows<BatchRow>(tx, selectBatches(sql`b.id = ${id}`));
  if (!r) throw notFound('Voucher batch');
  return toDto(r);
}

const chunk = 1000;

/**
 * Creates the batch and its cards in one transaction. Inserts go 1,000 rows per statement
 * (unnest of one array per column); a PIN that collides with an existing card of the ISP
 * (possible in principle, never in practice at 55 bits) is drawn again.
 */
export async function createBatch(ctx: AppContext, { actor, scope, ispId }: Tenant, input: CreateBatchInput) {
  const hasher = new PinHasher(ctx.config.secretKey);
  return withScope(ctx.db, scope, async (tx) => {
    const branchId = input.branch_id ?? (scope.kind === 'tenant' && scope.branchIds ? actor.branchId : null);
    if (branchId && !(await rows(tx, sql`SELECT 1 FROM branches WHERE id = ${branchId}`)).length) throw notFound('Branch');
    if (input.plan_id && !(await rows(tx, sql`SELECT 1 FROM subscription_plans WHERE id = ${input.plan_id} AND isp_id = ${ispId}`)).length)
      throw notFound('Plan');
    const [isp] = await rows<{ currency: string }>(tx, sql`SELECT currency FROM isps WHERE id = ${ispId}`);
    if (!isp) throw notFound('ISP');
    const [counter] = await rows<{ value: number }>(tx, sql`
      INSERT INTO isp_counters (isp_id, name, value) VALUES (${ispId}, 'voucher_batch', 1)
      ON CONFLICT (isp_id, name) DO UPDATE SET value = isp_counters.value + 1 RETURNING value::int`);
    const [batch] = await rows<{ id: string; number: number }>(tx, sql`
      INSERT INTO voucher_batches (isp_id, branch_id, number, name, kind, card_count, pin_length, currency, value_minor, plan_id, price_minor,
        validity_days, expires_at, data_limit_bytes, time_limit_s, created_by)
      VALUES (${ispId}, ${branchId}, ${counter!.value}, ${input.name}, ${input.kind}, ${input.count}, ${input.pin_length}, ${input.currency ?? isp.currency},
        ${input.value_minor ?? null}, ${input.plan_id ?? null}, ${input.price_minor}, ${input.validity_days ?? null}, ${input.expires_at ?? null}::timestamptz,
        ${input.data_limit_bytes ?? null}, ${input.time_limit_s ?? null}, ${actor.kind === 'user' ? actor.id : null})
      RETURNING id, number`);
    const prefix = String(batch!.number).padStart(4, '0');
    let pending = Array.from({ length: input.count }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
    const pins = new Map<string, string>();
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 5) throw conflict('Could not draw unique PINs; use a longer PIN');
      const drawn = pending.map((serial) => ({ serial, pin: generatePin(input.pin_length) }));
      const inserted = new Set<string>();
      for (let i = 0; i < drawn.length; i += chunk) {
        const part = drawn.slice(i, i + chunk);
        const got = await rows<{ serial: string }>(tx, sql`
          INSERT INTO voucher_cards (isp_id, batch_id, branch_id, serial, pin_hash, pin_enc)
          SELECT ${ispId}, ${batch!.id}, ${branchId}, t.serial, t.pin_hash, t.pin_enc
          FROM unnest(${pgArray(part.map((d) => d.serial))}::text[], ${pgArray(part.map((d) => hasher.hash(d.pin)))}::text[],
                      ${pgArray(part.map((d) => ctx.secrets.seal(d.pin)))}::text[]) AS t(serial, pin_hash, pin_enc)
          ON CONFLICT (isp_id, pin_hash) DO NOTHING RETURNING serial`);
        for (const g of got) inserted.add(g.serial);
      }
      for (const d of drawn) if (inserted.has(d.serial)) pins.set(d.serial, d.pin);
      pending = pending.filter((s) => !inserted.has(s));
    }
    const dto = await loadBatch(tx, batch!.id);
    await recordChange(tx, actor, { ispId, action: 'voucher_batch.created', entityType: 'voucher_batch', entityId: dto.id,
      after: { ...dto, first_serial: `${prefix}-00001`, last_serial: `${prefix}-${String(input.count).padStart(5, '0')}` } });
    const cards = [...pins.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([serial, pin]) => ({ serial, pin }));
    return { batch: dto, cards };
  });
}

const sortColumns: Record<string, string> = { created_at: 'b.created_at', name: 'lower(b.name)', number: 'b.number' };

export async function listBatches(ctx: AppContext, scope: Scope, ispId: string, q: BatchQuery): Promise<Page<BatchDto>> {
  const { field, desc } = parseSort(q.sort);
  const where = sql`b.isp_id = ${ispId}
    ${q.status ? sql`AND b.status = ${q.status}` : sql``} ${q.kind ? sql`AND b.kind = ${q.kind}` : sql``}`;
  return withScope(ctx.db, scope, async (tx) => {
    const order = sql.raw(`ORDER BY ${sortColumns[field]} ${desc ? 'DESC' : 'ASC'}, b.id ${desc ? 'DESC' : 'ASC'}`);
    const list = await rows<BatchRow>(tx, selectBatches(where, sql`${order} LIMIT ${q.limit} OFFSET ${q.offset}`));
    const [total] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM voucher_batches b WHERE ${where}`);
    return { items: list.map(toDto), total: total!.n, limit: q.limit, offset: q.offset };
  });
}

export async function getBatch(ctx: AppContext, scope: Scope, id: string): Promise<BatchDto> {
  return withScope(ctx.db, scope, (tx) => loadBatch(tx, id));
}

export async function updateBatch(ctx: AppContext, { actor, scope }: ActorInScope, id: string, input: UpdateBatchInput) {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadBatch(tx, id);
    await tx.execute(sql`UPDATE voucher_batches SET
      name = coalesce(${input.name ?? null}, name), status = coalesce(${input.status ?? null}, status),
      expires_at = ${input.expires_at === undefined ? sql`expires_at` : sql`${input.expires_at}::timestamptz`}, updated_at = now()
      WHERE id = ${id}`);
    const after = await loadBatch(tx, id);
    await recordChange(tx, actor, { ispId: before.isp_id, action: 'voucher_batch.updated', entityType: 'voucher_batch', entityId: id, before, after });
    return after;
  });
}

/** Only a batch none of whose cards left the shelf can go; otherwise disable it. */
export async function deleteBatch(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  await withScope(ctx.db, scope, async (tx) => {
    const before = await loadBatch(tx, id);
    const [touched] = await rows(tx, sql`SELECT 1 FROM voucher_cards WHERE batch_id = ${id} AND (sold_at IS NOT NULL OR used_at IS NOT NULL) LIMIT 1`);
    if (touched) throw conflict('Cards of this batch were sold or used: disable the batch instead');
    await tx.execute(sql`DELETE FROM voucher_batches WHERE id = ${id}`);
    await recordChange(tx, actor, { ispId: before.isp_id, action: 'voucher_batch.deleted', entityType: 'voucher_batch', entityId: id, before });
  });
}

export type PrintableCard = { serial: string; pin: string; status: string };

/**
 * The PINs of a batch, unsealed for its printable sheet or CSV. Every call is a recorded
 * change (who printed which batch, when, in which language), and only cards still on the
 * shelf are included. The sheet's language is the one asked for, else the ISP's default.
 */
export async function printableCards(ctx: AppContext, { actor, scope }: ActorInScope, id: string, format: 'pdf' | 'csv', lang?: DocumentLocale) {
  return withScope(ctx.db, scope, async (tx) => {
    const batch = await loadBatch(tx, id);
    const list = await rows<{ serial: string; pin_enc: string; status: string }>(tx, sql`
      SELECT c.serial, c.pin_enc, ${effectiveStatus} AS status FROM voucher_cards c JOIN voucher_batches b ON b.id = c.batch_id
      WHERE c.batch_id = ${id} ORDER BY c.serial`);
    const cards: PrintableCard[] = list.filter((c) => c.status === 'unused' || c.status === 'sold')
      .map((c) => ({ serial: c.serial, pin: ctx.secrets.open(c.pin_enc), status: c.status }));
    const [isp] = await rows<{ display_name: string; primary_color: string; logo_url: string | null; default_locale: string }>(tx, sql`
      SELECT display_name, primary_color, logo_url, default_locale FROM isps WHERE id = ${batch.isp_id}`);
    const language = lang ?? pickLocale(isp!.default_locale);
    await tx.execute(sql`UPDATE voucher_batches SET print_count = print_count + 1, last_printed_at = now() WHERE id = ${id}`);
    await recordChange(tx, actor, { ispId: batch.isp_id, action: 'voucher_batch.printed', entityType: 'voucher_batch', entityId: id,
      after: { format, cards: cards.length, print_count: batch.print_count + 1, ...(format === 'pdf' ? { language } : {}) } });
    return { batch, cards, isp: isp!, language };
  });
}
