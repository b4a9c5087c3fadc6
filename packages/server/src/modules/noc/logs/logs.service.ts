import { and, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope, type Scope } from '../../../platform/db/scope.ts';
import { iso } from '../../../platform/http/api.ts';
import { pageQuery } from '../../../platform/http/paging.ts';
import { nocDevices } from '../schema.ts';
import { nocLogMessages } from './schema.ts';

export const logQuery = z.object({
  ...pageQuery,
  q: z.string().trim().min(1).max(200).optional().describe('Text the message, host or app contains (case-insensitive)'),
  kind: z.enum(['syslog', 'trap']).optional(),
  severity: z.coerce.number().int().min(0).max(7).optional().describe('This severity or worse (0 emergency … 7 debug)'),
  device_id: z.uuid().optional(),
  trap_oid: z.string().regex(/^\.?\d+(\.\d+)*$/).optional(),
  community_mismatch: z.enum(['true', 'false']).optional().describe('Only traps whose community did (true) or did not (false) match their device\'s'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const logDto = z.object({
  id: z.number().int(), kind: z.enum(['syslog', 'trap']), device_id: z.string().nullable(), device_name: z.string().nullable(), source_ip: z.string(),
  facility: z.number().int().nullable(), severity: z.number().int(), host: z.string().nullable(), app: z.string().nullable(), proc_id: z.string().nullable(),
  msg_id: z.string().nullable(), message: z.string(), structured_data: z.unknown().nullable(), trap_oid: z.string().nullable(),
  sent_at: z.string().nullable(), received_at: z.string(),
  community_mismatch: z.boolean().describe('A trap whose community is not its device\'s: kept for the record, matched by no alert rule'),
});

/** LIKE's own wildcards in the user's text are matched literally. */
const likeEscape = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchLogs(ctx: AppContext, scope: Scope, ispId: string, q: z.infer<typeof logQuery>) {
  const where: SQL[] = [eq(nocLogMessages.ispId, ispId)];
  if (q.q) {
    const p = `%${likeEscape(q.q)}%`;
    where.push(sql`(lower(${nocLogMessages.message}) LIKE ${p} OR lower(coalesce(${nocLogMessages.host}, '')) LIKE ${p} OR lower(coalesce(${nocLogMessages.app}, '')) LIKE ${p})`);
  }
  if (q.kind) where.push(eq(nocLogMessages.kind, q.kind));
  if (q.severity !== undefined) where.push(lte(nocLogMessages.severity, q.severity));
  if (q.device_id) where.push(eq(nocLogMessages.deviceId, q.device_id));
  if (q.trap_oid) where.push(sql`(${nocLogMessages.trapOid} = ${q.trap_oid.replace(/^\./, '')} OR ${nocLogMessages.trapOid} LIKE ${`${q.trap_oid.replace(/^\./, '')}.%`})`);
  if (q.community_mismatch !== undefined) where.push(eq(nocLogMessages.communityMismatch, q.community_mismatch === 'true'));
  if (q.from) where.push(gte(nocLogMessages.receivedAt, new Date(q.from)));
  if (q.to) where.push(lte(nocLogMessages.receivedAt, new Date(q.to)));
  return withScope(ctx.db, scope, async (tx) => {
    const list = await tx.select({ m: nocLogMessages, name: nocDevices.name }).from(nocLogMessages).leftJoin(nocDevices, eq(nocDevices.id, nocLogMessages.deviceId))
      .where(and(...where)).orderBy(desc(nocLogMessages.receivedAt), desc(nocLogMessages.id)).limit(q.limit).offset(q.offset);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(nocLogMessages).where(and(...where));
    return {
      items: list.map(({ m, name }) => ({
        id: m.id, kind: m.kind, device_id: m.deviceId, device_name: name, source_ip: m.sourceIp, facility: m.facility, severity: m.severity, host: m.host, app: m.app,
        proc_id: m.procId, msg_id: m.msgId, message: m.message, structured_data: m.structuredData ?? null, trap_oid: m.trapOid, sent_at: iso(m.sentAt), received_at: iso(m.receivedAt)!,
        community_mismatch: m.communityMismatch,
      })),
      total, limit: q.limit, offset: q.offset,
    };
  });
}

/** Retention: messages older than `days` are deleted (a platform job, across ISPs). */
export async function pruneLogs(ctx: AppContext, days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86400_000);
  const [r] = await withScope(ctx.db, platformScope, (tx) => rows<{ n: number }>(tx,
    sql`WITH d AS (DELETE FROM noc_log_messages WHERE received_at < ${cutoff.toISOString()}::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM d`));
  return r?.n ?? 0;
}
