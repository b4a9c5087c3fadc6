import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, tenantScope, withScope, type Scope } from '../../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { actorRefusal, requireActor } from '../../../platform/http/authenticate.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { forbidden } from '../../../platform/http/errors.ts';

/** subscribers: null = the whole ISP; self: one subscriber's own stream. */
type Filter = { ispId: string; scope: Scope; subscribers: Set<string> | null; self: string | null };

async function onlineCount(ctx: AppContext, f: Filter): Promise<number> {
  const [r] = await withScope(ctx.db, f.scope, (tx) => rows<{ n: number }>(tx, sql`
    SELECT count(*)::int AS n FROM radius_sessions s
    WHERE s.isp_id = ${f.ispId} AND s.stop_time IS NULL
      AND (${f.self}::uuid IS NULL OR s.subscriber_id = ${f.self}::uuid)
      AND (${f.subscribers === null || f.self !== null}::boolean OR s.subscriber_id IN (SELECT id FROM subscribers))`));
  return r?.n ?? 0;
}

/**
 * Server-Sent Events of the AAA engine's view of one ISP (or one subscriber): online count,
 * session starts and stops, committed traffic. Fed by the event bus, so any API process
 * sees what any AAA process committed.
 */
function stream(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, f: Filter, actor: Actor): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let closed = false;
  let countTimer: NodeJS.Timeout | null = null;
  let last = -1;
  const refreshCount = () => {
    if (countTimer || closed) return;
    // Coalesce bursts (a NAS reboot closes hundreds of sessions at once) into one count.
    countTimer = setTimeout(() => {
      countTimer = null;
      onlineCount(ctx, f).then((n) => {
        if (!closed && n !== last) send('sessions', { online: (last = n) });
      }, () => undefined);
    }, 300);
  };
  const visible = (ispId: string, sub: string) => ispId === f.ispId && (f.subscribers === null || f.subscribers.has(sub));
  // A stream is one long request: it ends when its account would no longer be let in
  // (disabled, demoted, its ISP suspended), told at once by the account's events, else at the
  // next heartbeat.
  const recheck = () => {
    actorRefusal(ctx, actor).then((why) => {
      if (!why || closed) return;
      send('end', why);
      close();
      res.end();
    }, () => undefined);
  };
  const stopAccount = ctx.bus.on([
    'founder.created', 'user.created', 'user.updated', 'user.deleted',
    'subscriber.created', 'subscriber.updated', 'subscriber.activated', 'subscriber.suspended', 'subscriber.expired', 'subscriber.terminated',
  ], (m) => {
    if (!closed && m.aggregateId === actor.id) recheck();
  });
  const stopIsp = ctx.bus.on(['isp.created', 'isp.updated', 'isp.resumed', 'isp.suspended', 'isp.terminated'], (m) => {
    if (!closed && m.aggregateId === f.ispId) recheck();
  });
  const stopSessions = ctx.bus.on('aaa.sessions', (m) => {
    if (closed) return;
    let any = false;
    for (const c of m.payload) {
      if (!visible(c.i, c.s) || c.st === 'Interim-Update') continue;
      any = true;
      send('session', { op: c.stop ? 'stop' : 'start', subscriber_id: c.s, session_id: c.u });
    }
    if (any) refreshCount();
  });
  const stopUsage = ctx.bus.on('aaa.usage', (m) => {
    if (closed) return;
    for (const u of m.payload) if (visible(u.i, u.s)) send('usage', { subscriber_id: u.s, bytes: u.b, at: u.at });
  });
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    recheck();
  }, 15_000);
  heartbeat.unref();
  const close = () => {
    closed = true;
    stopAccount();
    stopIsp();
    stopSessions();
    stopUsage();
    clearInterval(heartbeat);
    if (countTimer) clearTimeout(countTimer);
  };
  req.raw.on('close', close);
  onlineCount(ctx, f).then((n) => !closed && send('sessions', { online: (last = n) }), () => undefined);
}

const sse = z.string().describe('text/event-stream: events sessions {online}, session {op, subscriber_id, session_id}, usage {subscriber_id, bytes, at}; end {reason, detail} when the account may no longer watch (the stream then closes)');

export function registerLiveRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/live', {
    config: { permission: 'subscriber:read' },
    schema: { tags: ['aaa'], summary: 'Live sessions and traffic of the ISP (Server-Sent Events)', params: z.object({ isp_id: z.uuid() }), response: { 200: sse, ...commonErrors } },
  }, async (req, reply) => {
    // Branch staff: only their subtree's subscribers, fixed when the stream opens.
    const subs = req.tenant.scope.kind === 'tenant' && req.tenant.scope.branchIds
      ? new Set((await withScope(ctx.db, req.tenant.scope, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM subscribers WHERE isp_id = ${req.tenant.ispId}`))).map((r) => r.id))
      : null;
    stream(ctx, req, reply, { ispId: req.tenant.ispId, scope: req.tenant.scope, subscribers: subs, self: null }, req.tenant.actor);
  });

  app.get('/api/me/live', {
    schema: { tags: ['aaa'], summary: "The logged-in subscriber's own sessions and traffic, live (Server-Sent Events)", response: { 200: sse, ...commonErrors } },
  }, async (req, reply) => {
    const actor = requireActor(req, 'self:read');
    if (actor.kind !== 'subscriber' || !actor.id || !actor.ispId) throw forbidden('For subscribers');
    const scope = tenantScope(actor.ispId);
    stream(ctx, req, reply, { ispId: actor.ispId, scope, subscribers: new Set([actor.id]), self: actor.id }, actor);
  });
}
