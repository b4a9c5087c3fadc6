import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { pageOf, pageQuery } from '../../../platform/http/paging.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';
import { enforcerFor } from './enforcement.ts';

const outcome = z.object({ request_id: z.string().nullable(), status: z.enum(['done', 'failed', 'skipped', 'retrying']).describe('retrying: the NAS did not answer; tried again with a growing backoff'), outcome: z.string() });
const request = z.object({
  id: z.string(), session_id: z.number().nullable(), subscriber_id: z.string().nullable(), kind: z.string(), reason: z.string(),
  status: z.string(), outcome: z.string().nullable(), attempts: z.number(), requested_by: z.string().nullable(), created_at: z.string(),
  completed_at: z.string().nullable(), next_attempt_at: z.string().nullable().describe('When a request the NAS did not answer is sent again'),
});

export function registerCoaRoutes(app: Api, ctx: AppContext): void {
  for (const kind of ['disconnect', 'coa'] as const) {
    app.post(`/api/isp/:isp_id/sessions/:session_id/${kind}`, {
      config: { permission: 'nas:manage' },
      schema: {
        tags: ['aaa'],
        summary: kind === 'disconnect' ? 'Kick a session (Disconnect-Request); done only when its Accounting Stop arrives' : "Re-apply the subscriber's current speed to a live session (CoA-Request), without dropping it",
        params: z.object({ isp_id: z.uuid(), session_id: z.coerce.number().int().min(1) }),
        body: z.strictObject({ reason: z.string().min(1).max(200).optional() }).nullish(),
        response: { 200: outcome, ...commonErrors },
      },
    }, async (req) => {
      // The session must be visible in the actor's scope (branch staff: their subtree).
      const [visible] = await withScope(ctx.db, req.tenant.scope, (tx) => rows<{ id: string }>(tx, sql`
        SELECT s.id::text FROM radius_sessions s LEFT JOIN subscribers sub ON sub.id = s.subscriber_id
        WHERE s.id = ${req.params.session_id} AND s.isp_id = ${req.tenant.ispId}
          AND (${req.tenant.scope.kind === 'tenant' && req.tenant.scope.branchIds !== null}::boolean = false OR sub.id IS NOT NULL)`));
      if (!visible) throw notFound('Session');
      const reason = req.body?.reason ?? (kind === 'disconnect' ? 'kicked by operator' : 'speed re-applied by operator');
      const enforcer = await enforcerFor(ctx);
      const r = await enforcer.act(req.tenant.ispId, req.params.session_id, kind, reason, req.tenant.actor.email ?? req.tenant.actor.kind);
      await withScope(ctx.db, req.tenant.scope, (tx) => recordChange(tx, req.tenant.actor, {
        ispId: req.tenant.ispId, action: `session.${kind === 'disconnect' ? 'kicked' : 'coa_sent'}`, entityType: 'session', entityId: String(req.params.session_id),
        after: { status: r.status, outcome: r.outcome, reason },
      }));
      return { request_id: r.requestId, status: r.status, outcome: r.outcome };
    });
  }

  app.get('/api/isp/:isp_id/coa-requests', {
    config: { permission: 'nas:read' },
    schema: {
      tags: ['aaa'], summary: 'CoA and Disconnect requests with their outcomes', params: z.object({ isp_id: z.uuid() }),
      querystring: z.strictObject({ ...pageQuery, subscriber_id: z.uuid().optional(), status: z.enum(['pending', 'retrying', 'done', 'failed']).optional() }),
      response: { 200: pageOf(request), ...commonErrors },
    },
  }, async (req) => {
    const q = req.query;
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      const where = sql`c.isp_id = ${req.tenant.ispId} AND (${q.subscriber_id ?? null}::uuid IS NULL OR c.subscriber_id = ${q.subscriber_id ?? null}::uuid)
        AND (${q.status ?? null}::text IS NULL OR c.status = ${q.status ?? null})`;
      const items = await rows<z.infer<typeof request>>(tx, sql`
        SELECT c.id, c.session_id::int, c.subscriber_id, c.kind, c.reason, c.status, c.outcome, c.attempts, c.requested_by,
               to_char(c.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_attempt_at,
               to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
               to_char(c.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS completed_at
        FROM coa_requests c WHERE ${where} ORDER BY c.created_at DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
      const [c] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM coa_requests c WHERE ${where}`);
      return { items, total: c?.n ?? 0, limit: q.limit, offset: q.offset };
    });
  });
}
