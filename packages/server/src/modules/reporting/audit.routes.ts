import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { rows, withScope } from '../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { pageOf, pageQuery } from '../../platform/http/paging.ts';

const entry = z.object({
  seq: z.number().int(), actor_kind: z.string(), actor_email: z.string().nullable(), action: z.string(), entity_type: z.string(),
  entity_id: z.string().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(), occurred_at: z.string(), hash: z.string(),
});

export function registerAuditRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags: ['audit'], summary: "The ISP's audit trail, newest first", params: z.object({ isp_id: z.uuid() }),
      querystring: z.strictObject({ ...pageQuery, entity_id: z.string().max(64).optional(), action: z.string().max(64).optional() }),
      response: { 200: pageOf(entry), ...commonErrors },
    },
  }, async (req) => {
    const q = req.query;
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      const where = sql`isp_id = ${req.tenant.ispId} AND (${q.entity_id ?? null}::text IS NULL OR entity_id = ${q.entity_id ?? null})
        AND (${q.action ?? null}::text IS NULL OR action = ${q.action ?? null})`;
      const items = await rows<z.infer<typeof entry>>(tx, sql`
        SELECT seq::int, actor_kind, actor_email, action, entity_type, entity_id, before, after, ip,
               to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, hash
        FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
      const [c] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`);
      return { items, total: c?.n ?? 0, limit: q.limit, offset: q.offset };
    });
  });
}
