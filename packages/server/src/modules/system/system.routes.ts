import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anonymousScope, rows, withScope } from '../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../platform/http/api.ts';
import { notFound } from '../../platform/http/errors.ts';

const branding = z.object({
  id: z.string(), slug: z.string(), display_name: z.string(), logo_url: z.string().nullable(), primary_color: z.string(),
  secondary_color: z.string(), default_locale: z.string(), status: z.string(),
  timezone: z.string().describe('IANA time zone: the portals show dates in it'), currency: z.string(), custom_domain: z.string().nullable(),
});
type Branding = z.infer<typeof branding>;

export function registerSystemRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/health', {
    schema: {
      tags: ['system'], summary: 'Database and Redis state',
      response: {
        200: z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ kind: z.string(), ok: z.boolean(), latency_ms: z.number() }), redis: z.object({ configured: z.boolean(), ok: z.boolean() }), uptime_s: z.number() }),
        503: z.object({ status: z.literal('down'), database: z.object({ kind: z.string(), ok: z.boolean(), latency_ms: z.number() }), redis: z.object({ configured: z.boolean(), ok: z.boolean() }), uptime_s: z.number() }),
      },
    },
  }, async (_req, reply) => {
    const t0 = performance.now();
    const dbOk = await ctx.db.query('SELECT 1').then(() => true, () => false);
    const database = { kind: ctx.db.kind, ok: dbOk, latency_ms: Math.round((performance.now() - t0) * 100) / 100 };
    const redisOk = ctx.redis ? await ctx.redis.ping().then((r) => r === 'PONG', () => false) : false;
    const redis = { configured: Boolean(ctx.redis), ok: redisOk };
    const uptime_s = Math.round(process.uptime());
    if (!dbOk) return reply.code(503).send({ status: 'down' as const, database, redis, uptime_s });
    return { status: ctx.redis && !redisOk ? ('degraded' as const) : ('ok' as const), database, redis, uptime_s };
  });

  // White label before login: the portal's look comes from its slug or host name.
  app.get('/api/public/isp/:slug', {
    schema: { tags: ['system'], summary: "An ISP's public branding", params: z.object({ slug: z.string().max(253) }), response: { 200: branding, ...commonErrors } },
  }, async (req) => {
    const [b] = await withScope(ctx.db, anonymousScope, (tx) =>
      rows<Branding>(tx, sql`SELECT * FROM public_isp_branding(${req.params.slug}, NULL)`));
    if (!b || b.status === 'terminated') throw notFound('ISP');
    return b;
  });

  app.get('/api/public/isp-by-host', {
    schema: {
      tags: ['system'], summary: "The branding of the ISP whose portal the request's Host names: its custom domain, else {slug}.PLATFORM_DOMAIN",
      response: { 200: branding, ...commonErrors },
    },
  }, async (req) => {
    const host = req.hostname.replace(/:\d+$/, '').toLowerCase();
    const [b] = await withScope(ctx.db, anonymousScope, (tx) =>
      rows<Branding>(tx, sql`SELECT * FROM public_isp_branding_by_host(${host}, ${ctx.config.platformDomain.toLowerCase()})`));
    if (!b || b.status === 'terminated') throw notFound('ISP');
    return b;
  });
}
