import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { rows, withScope } from '../../../platform/db/scope.ts';
import { commonErrors, type Api } from '../../../platform/http/api.ts';
import { badRequest, notFound } from '../../../platform/http/errors.ts';
import { recordChange } from '../../../platform/audit/record-change.ts';

const pool = z.object({
  id: z.string(), name: z.string(), first_ip: z.string(), last_ip: z.string(), size: z.number().int(), in_use: z.number().int(), offered: z.number().int(),
});
const ip = z.union([z.ipv4(), z.ipv6()]);

export function registerIpPoolRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/isp/:isp_id/ip-pools', {
    config: { permission: 'nas:read' },
    schema: { tags: ['aaa'], summary: 'Address pools with their use', params: z.object({ isp_id: z.uuid() }), response: { 200: z.array(pool), ...commonErrors } },
  }, async (req) => {
    return withScope(ctx.db, req.tenant.scope, (tx) => rows<z.infer<typeof pool>>(tx, sql`
      SELECT p.id, p.name, host(p.first_ip) AS first_ip, host(p.last_ip) AS last_ip, (p.last_ip - p.first_ip + 1)::int AS size,
             (SELECT count(*)::int FROM ip_leases l WHERE l.pool_id = p.id AND l.acct_unique_id IS NOT NULL) AS in_use,
             (SELECT count(*)::int FROM ip_leases l WHERE l.pool_id = p.id AND l.acct_unique_id IS NULL AND l.expires_at > now()) AS offered
      FROM ip_pools p WHERE p.isp_id = ${req.tenant.ispId} ORDER BY p.name`));
  });

  app.post('/api/isp/:isp_id/ip-pools', {
    config: { permission: 'nas:manage' },
    schema: {
      tags: ['aaa'], summary: 'Create an address pool (first to last address, inclusive)', params: z.object({ isp_id: z.uuid() }),
      body: z.strictObject({ name: z.string().min(1).max(64), first_ip: ip, last_ip: ip }),
      response: { 201: pool, ...commonErrors },
    },
  }, async (req, reply) => {
    const [overlap] = await withScope(ctx.db, req.tenant.scope, (tx) => rows<{ name: string }>(tx, sql`
      SELECT name FROM ip_pools WHERE isp_id = ${req.tenant.ispId} AND family(first_ip) = family(${req.body.first_ip}::inet)
        AND first_ip <= ${req.body.last_ip}::inet AND last_ip >= ${req.body.first_ip}::inet LIMIT 1`));
    if (overlap) throw badRequest(`Overlaps the pool ${overlap.name}`, [{ pointer: '/body/first_ip', detail: 'overlaps another pool' }]);
    const created = await withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [p] = await rows<z.infer<typeof pool>>(tx, sql`
        INSERT INTO ip_pools (isp_id, name, first_ip, last_ip) VALUES (${req.tenant.ispId}, ${req.body.name}, ${req.body.first_ip}::inet, ${req.body.last_ip}::inet)
        RETURNING id, name, host(first_ip) AS first_ip, host(last_ip) AS last_ip, (last_ip - first_ip + 1)::int AS size, 0 AS in_use, 0 AS offered`);
      await recordChange(tx, req.tenant.actor, { ispId: req.tenant.ispId, action: 'ip_pool.created', entityType: 'ip_pool', entityId: p!.id, after: p! });
      return p!;
    });
    return reply.code(201).send(created);
  });

  app.delete('/api/isp/:isp_id/ip-pools/:pool_id', {
    config: { permission: 'nas:manage' },
    schema: { tags: ['aaa'], summary: 'Delete a pool with no address in use', params: z.object({ isp_id: z.uuid(), pool_id: z.uuid() }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [p] = await rows<{ id: string; used: number }>(tx, sql`
        SELECT id, (SELECT count(*)::int FROM ip_leases l WHERE l.pool_id = p.id AND l.acct_unique_id IS NOT NULL) AS used FROM ip_pools p WHERE id = ${req.params.pool_id}`);
      if (!p) throw notFound('IP pool');
      if (p.used > 0) throw badRequest(`${p.used} addresses of this pool are in use by live sessions`);
      await tx.execute(sql`DELETE FROM ip_pools WHERE id = ${req.params.pool_id}`);
      await recordChange(tx, req.tenant.actor, { ispId: req.tenant.ispId, action: 'ip_pool.deleted', entityType: 'ip_pool', entityId: req.params.pool_id });
    });
    return reply.code(204).send(null);
  });
}
