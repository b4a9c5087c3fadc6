import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { pgArray } from '../../platform/db/pg-array.ts';
import { rows, withScope, type Scope } from '../../platform/db/scope.ts';
import { iso } from '../../platform/http/api.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/http/paging.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { effectiveStatus } from './batches.service.ts';
import type { CardDto, CardQuery } from './vouchers.schemas.ts';
import type { ActorInScope } from '../../platform/tenant.ts';

type CardRow = {
  id: string; isp_id: string; batch_id: string; batch_name: string; kind: CardDto['kind']; serial: string; pin_enc: string; status: CardDto['status'];
  sold_at: Date | string | null; sold_by: string | null; sold_by_name: string | null; sold_branch_id: string | null;
  used_at: Date | string | null; used_by_subscriber_id: string | null; used_by_subscriber_name: string | null; used_mac: string | null;
  expires_at: Date | string | null; disabled_at: Date | string | null; created_at: Date | string;
};

const selectCards = (where: SQL, tail: SQL = sql``) => sql`
  SELECT c.id, c.isp_id, c.batch_id, b.name AS batch_name, b.kind, c.serial, c.pin_enc, ${effectiveStatus} AS status,
         c.sold_at, c.sold_by, u.name AS sold_by_name, c.sold_branch_id, c.used_at, c.used_by_subscriber_id,
         CASE WHEN s.id IS NULL THEN NULL ELSE s.first_name || ' ' || s.last_name END AS used_by_subscriber_name,
         c.used_mac, c.expires_at, c.disabled_at, c.created_at
  FROM voucher_cards c JOIN voucher_batches b ON b.id = c.batch_id
  LEFT JOIN users u ON u.id = c.sold_by LEFT JOIN subscribers s ON s.id = c.used_by_subscriber_id
  WHERE ${where} ${tail}`;

/**
 * A hotspot card's traffic and time are the sessions it logged in (User-Name = its PIN,
 * no subscriber). The PINs are unsealed here only to match those sessions; they never
 * leave the server.
 */
export async function hotspotUsage(tx: Tx, ispId: string, pins: string[]): Promise<Map<string, { bytes: number; seconds: number }>> {
  if (!pins.length) return new Map();
  const list = await rows<{ u: string; bytes: string; seconds: string }>(tx, sql`
    SELECT upper(username) AS u, sum(input_octets + output_octets)::text AS bytes, sum(session_time)::text AS seconds
    FROM radius_sessions WHERE isp_id = ${ispId} AND subscriber_id IS NULL AND upper(username) = ANY (${pgArray(pins)}::text[])
    GROUP BY 1`);
  return new Map(list.map((r) => [r.u, { bytes: Number(r.bytes), seconds: Number(r.seconds) }]));
}

async function toDtos(ctx: AppContext, tx: Tx, list: CardRow[]): Promise<CardDto[]> {
  const used = list.filter((c) => c.kind === 'hotspot' && c.used_at).map((c) => ({ id: c.id, isp: c.isp_id, pin: ctx.secrets.open(c.pin_enc) }));
  const usage = used.length ? await hotspotUsage(tx, used[0]!.isp, used.map((u) => u.pin)) : new Map<string, { bytes: number; seconds: number }>();
  const byId = new Map(used.map((u) => [u.id, usage.get(u.pin) ?? { bytes: 0, seconds: 0 }]));
  return list.map((c) => ({
    id: c.id, batch_id: c.batch_id, batch_name: c.batch_name, kind: c.kind, serial: c.serial, status: c.status,
    sold_at: iso(c.sold_at), sold_by: c.sold_by, sold_by_name: c.sold_by_name, sold_branch_id: c.sold_branch_id,
    used_at: iso(c.used_at), used_by_subscriber_id: c.used_by_subscriber_id, used_by_subscriber_name: c.used_by_subscriber_name,
    used_mac: c.used_mac, expires_at: iso(c.expires_at), disabled_at: iso(c.disabled_at),
    bytes_used: byId.get(c.id)?.bytes ?? null, seconds_used: byId.get(c.id)?.seconds ?? null, created_at: iso(c.created_at)!,
  }));
}

export async function listCards(ctx: AppContext, scope: Scope, ispId: string, q: CardQuery): Promise<Page<CardDto>> {
  const prefix = q.serial?.trim().replace(/[%_\\]/g, '');
  const where = sql`c.isp_id = ${ispId} ${q.batch_id ? sql`AND c.batch_id = ${q.batch_id}` : sql``}
    ${prefix ? sql`AND c.serial LIKE ${`${prefix}%`}` : sql``} ${q.status ? sql`AND ${effectiveStatus} = ${q.status}` : sql``}`;
  return withScope(ctx.db, scope, async (tx) => {
    const list = await rows<CardRow>(tx, selectCards(where, sql`ORDER BY c.serial LIMIT ${q.limit} OFFSET ${q.offset}`));
    const [total] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM voucher_cards c JOIN voucher_batches b ON b.id = c.batch_id WHERE ${where}`);
    return { items: await toDtos(ctx, tx, list), total: total!.n, limit: q.limit, offset: q.offset };
  });
}

async function loadCard(ctx: AppContext, tx: Tx, id: string): Promise<CardDto> {
  const [r] = await rows<CardRow>(tx, selectCards(sql`c.id = ${id}`));
  if (!r) throw notFound('Voucher');
  return (await toDtos(ctx, tx, [r]))[0]!;
}

export async function getCard(ctx: AppContext, scope: Scope, id: string): Promise<CardDto> {
  return withScope(ctx.db, scope, (tx) => loadCard(ctx, tx, id));
}

/** A staff member hands a card over the counter: who, when and at which branch is kept. */
export async function sellCard(ctx: AppContext, { actor, scope }: ActorInScope, id: string, branchId: string | null | undefined) {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadCard(ctx, tx, id);
    if (before.status !== 'unused') throw conflict(`This card is ${before.status}; only unused cards can be sold`);
    // Default: the seller's own branch, else the branch the batch was issued to.
    const [own] = await rows<{ branch_id: string | null }>(tx, sql`SELECT branch_id FROM voucher_cards WHERE id = ${id}`);
    const soldBranch = branchId ?? actor.branchId ?? own?.branch_id ?? null;
    if (soldBranch && !(await rows(tx, sql`SELECT 1 FROM branches WHERE id = ${soldBranch}`)).length) throw notFound('Branch');
    const done = await rows(tx, sql`UPDATE voucher_cards SET status = 'sold', sold_at = now(), sold_by = ${actor.kind === 'user' ? actor.id : null},
      sold_branch_id = ${soldBranch}, updated_at = now() WHERE id = ${id} AND status = 'unused' RETURNING id`);
    if (!done.length) throw conflict('This card was sold or used meanwhile');
    const after = await loadCard(ctx, tx, id);
    await recordChange(tx, actor, { ispId: await ispOf(tx, id), action: 'voucher.sold', entityType: 'voucher', entityId: id, before, after });
    return after;
  });
}

/** A lost or stolen card: no sale, redemption or login any more. */
export async function disableCard(ctx: AppContext, { actor, scope }: ActorInScope, id: string) {
  return withScope(ctx.db, scope, async (tx) => {
    const before = await loadCard(ctx, tx, id);
    if (before.status === 'disabled') return before;
    await tx.execute(sql`UPDATE voucher_cards SET status = 'disabled', disabled_at = now(), updated_at = now() WHERE id = ${id}`);
    const after = await loadCard(ctx, tx, id);
    await recordChange(tx, actor, { ispId: await ispOf(tx, id), action: 'voucher.disabled', entityType: 'voucher', entityId: id, before, after });
    return after;
  });
}

async function ispOf(tx: Tx, id: string): Promise<string> {
  const [r] = await rows<{ isp_id: string }>(tx, sql`SELECT isp_id FROM voucher_cards WHERE id = ${id}`);
  return r!.isp_id;
}
