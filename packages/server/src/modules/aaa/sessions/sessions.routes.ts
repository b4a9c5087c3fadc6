import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { pageOf, pageQuery } from '../../../platform/http/paging.ts';
import { notFound } from '../../../platform/http/errors.ts';

const session = z.object({
  id: z.number().int(), subscriber_id: z.string().nullable(), username: z.string(), nas_id: z.string().nullable(), nas_name: z.string().nullable(),
  acct_session_id: z.string(), nas_ip: z.string(), nas_port_id: z.string().nullable(), framed_ip: z.string().nullable(),
  calling_station_id: z.string().nullable(), start_time: z.string().nullable(), update_time: z.string(), stop_time: z.string().nullable(),
  session_time: z.number(), input_octets: z.number(), output_octets: z.number(), terminate_cause: z.string().nullable(),
});
const postauth = z.object({
  id: z.number().int(), subscriber_id: z.string().nullable(), username: z.string(), nas_id: z.string().nullable(), result: z.string(),
  reason: z.string(), auth_method: z.string().nullable(), calling_station_id: z.string().nullable(), nas_ip: z.string().nullable(), created_at: z.string(),
});
const ts = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export function registerSessionRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/sessions', {
    config: { permission: 'subscriber:read' },
    schema: {
      tags: ['aaa'], summary: 'Live sessions (or history with state=closed|all)', params: z.object({ isp_id: z.uuid() }),
      querystring: z.strictObject({
        ...pageQuery, state: z.enum(['online', 'closed', 'all']).default('online'), nas_id: z.uuid().optional(),
        subscriber_id: z.uuid().optional(), branch_id: z.uuid().optional(), q: z.string().max(64).optional(),
      }),
      response: { 200: pageOf(session), ...commonErrors },
    },
  }, async (req) => {
    const q = req.query;
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const branchScoped = req.tenant.scope.kind === 'tenant' && req.tenant.scope.branchIds !== null;
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      // Branch staff: RLS on subscribers narrows the join, so only their subtree's sessions remain.
      const where = sql`s.isp_id = ${req.tenant.ispId}
        AND (${q.state} = 'all' OR (${q.state} = 'online' AND s.stop_time IS NULL) OR (${q.state} = 'closed' AND s.stop_time IS NOT NULL))
        AND (${q.nas_id ?? null}::uuid IS NULL OR s.nas_id = ${q.nas_id ?? null}::uuid)
        AND (${q.subscriber_id ?? null}::uuid IS NULL OR s.subscriber_id = ${q.subscriber_id ?? null}::uuid)
        AND (${q.branch_id ?? null}::uuid IS NULL OR sub.branch_id = ${q.branch_id ?? null}::uuid)
        AND (${like}::text IS NULL OR s.username ILIKE ${like} OR host(s.framed_ip) LIKE ${like} OR s.calling_station_id ILIKE ${like})
        AND (${branchScoped}::boolean = false OR sub.id IS NOT NULL)`;
      const items = await rows<z.infer<typeof session>>(tx, sql`
        SELECT s.id::int, s.subscriber_id, s.username, s.nas_id, n.name AS nas_name, s.acct_session_id, host(s.nas_ip) AS nas_ip, s.nas_port_id,
               host(s.framed_ip) AS framed_ip, s.calling_station_id, ${ts('s.start_time')} AS start_time, ${ts('s.update_time')} AS update_time,
               ${ts('s.stop_time')} AS stop_time, s.session_time::float8 AS session_time, s.input_octets::float8 AS input_octets,
               s.output_octets::float8 AS output_octets, s.terminate_cause
        FROM radius_sessions s LEFT JOIN nas_devices n ON n.id = s.nas_id LEFT JOIN subscribers sub ON sub.id = s.subscriber_id
        WHERE ${where} ORDER BY s.update_time DESC, s.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
      const [c] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM radius_sessions s LEFT JOIN subscribers sub ON sub.id = s.subscriber_id WHERE ${where}`);
      return { items, total: c?.n ?? 0, limit: q.limit, offset: q.offset };
    });
  });

  app.get('/api/isp/:isp_id/postauth', {
    config: { permission: 'subscriber:read' },
    schema: {
      tags: ['aaa'], summary: 'Post-auth log: every accept and reject with its reason', params: z.object({ isp_id: z.uuid() }),
      querystring: z.strictObject({ ...pageQuery, username: z.string().max(64).optional(), subscriber_id: z.uuid().optional(), result: z.enum(['accept', 'reject']).optional() }),
      response: { 200: pageOf(postauth), ...commonErrors },
    },
  }, async (req) => {
    const q = req.query;
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      const where = sql`p.isp_id = ${req.tenant.ispId} AND (${q.username ?? null}::text IS NULL OR p.username = ${q.username ?? null})
        AND (${q.subscriber_id ?? null}::uuid IS NULL OR p.subscriber_id = ${q.subscriber_id ?? null}::uuid)
        AND (${q.result ?? null}::text IS NULL OR p.result = ${q.result ?? null})`;
      const items = await rows<z.infer<typeof postauth>>(tx, sql`
        SELECT p.id::int, p.subscriber_id, p.username, p.nas_id, p.result, p.reason, p.auth_method, p.calling_station_id, host(p.nas_ip) AS nas_ip,
               ${ts('p.created_at')} AS created_at
        FROM radius_postauth p WHERE ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
      const [c] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM radius_postauth p WHERE ${where}`);
      return { items, total: c?.n ?? 0, limit: q.limit, offset: q.offset };
    });
  });

  app.get('/api/isp/:isp_id/subscribers/:subscriber_id/usage', {
    config: { permission: 'subscriber:read' },
    schema: {
      tags: ['aaa'], summary: "A subscriber's traffic per day (or per hour)", params: z.object({ isp_id: z.uuid(), subscriber_id: z.uuid() }),
      querystring: z.strictObject({ granularity: z.enum(['day', 'hour']).default('day'), days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: { 200: z.object({ points: z.array(z.object({ t: z.string(), input_octets: z.number(), output_octets: z.number() })), total_bytes: z.number() }), ...commonErrors },
    },
  }, async (req) => {
    const { granularity, days } = req.query;
    return withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [visible] = await rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE id = ${req.params.subscriber_id}`);
      if (!visible) throw notFound('Subscriber');
      const points = granularity === 'day'
        ? await rows<{ t: string; input_octets: number; output_octets: number }>(tx, sql`
            SELECT to_char(day, 'YYYY-MM-DD') AS t, input_octets::float8 AS input_octets, output_octets::float8 AS output_octets FROM usage_daily
            WHERE subscriber_id = ${req.params.subscriber_id} AND day > (now() AT TIME ZONE 'UTC')::date - ${days}::int ORDER BY day`)
        : await rows<{ t: string; input_octets: number; output_octets: number }>(tx, sql`
            SELECT ${ts('hour')} AS t, input_octets::float8 AS input_octets, output_octets::float8 AS output_octets FROM usage_hourly
            WHERE subscriber_id = ${req.params.subscriber_id} AND hour > now() - make_interval(days => ${days}::int) ORDER BY hour`);
      return { points, total_bytes: points.reduce((a, p) => a + p.input_octets + p.output_octets, 0) };
    });
  });
}
