import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Tenant } from '../tenant.ts';
import { branchRequest, tenantRequest } from './tenant-request.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission the route requires. On a route with an `:isp_id` (or `:tenant_id`) or
     * `:branch_id` parameter it also makes the route a tenant route: the hook below checks it,
     * resolves the tenant and hands it to the handler as `req.tenant`.
     */
    permission?: Permission;
    /** A route under a tenant prefix that deliberately has no tenant says why (public, founder-only). */
    noTenant?: string;
  }
  interface FastifyRequest {
    /** The tenant of a route that declares `config.permission`; reading it on any other route throws. */
    readonly tenant: Tenant;
  }
}

/** Every route under these prefixes declares its permission, or that it has no tenant. */
const tenantPrefixes = [/^\/api\/isp\/:isp_id(\/|$)/, /^\/api\/noc\/:isp_id(\/|$)/, /^\/api\/branch\//];

const kTenant = Symbol('tenant');
type WithTenant = FastifyRequest & { [kTenant]?: Tenant };

export class RouteDeclarationError extends Error {}

/** Which parameter names the tenant: an ISP id (`tenant_id` is the original design's name), else a branch id. */
function tenantParam(url: string): { name: string; kind: 'isp' | 'branch' } | null {
  const params = new Set([...url.matchAll(/:([a-z_]+)/g)].map((m) => m[1]));
  for (const name of ['isp_id', 'tenant_id']) if (params.has(name)) return { name, kind: 'isp' };
  if (params.has('branch_id')) return { name: 'branch_id', kind: 'branch' };
  return null;
}

/**
 * The tenant context, declared per route: `config: { permission: 'plan:read' }` on a route
 * with an ISP or branch parameter gives its handler `req.tenant` (actor, scope, ISP id). It
 * runs as a preHandler, after authentication and validation, as the handlers' own calls did:
 * 401 without an identity, 403 without the permission, 404 for another ISP's or an invisible
 * branch (a founder's lookup of a branch's ISP is audited). A route under the ISP, NOC or
 * branch prefixes that declares neither a permission nor `noTenant` stops the start-up.
 * Install before any route is registered.
 */
export function installTenantContext(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('tenant', {
    getter(this: WithTenant): Tenant {
      const t = this[kTenant];
      if (!t) throw new Error(`${this.method} ${this.routeOptions.url ?? this.url} declares no permission, so it has no tenant`);
      return t;
    },
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { permission?: Permission; noTenant?: string };
    const where = `${String(route.method)} ${route.url}`;
    const param = tenantParam(route.url);
    if (config.permission && config.noTenant) throw new RouteDeclarationError(`${where} declares both a permission and noTenant`);
    if (!config.permission) {
      if (tenantPrefixes.some((p) => p.test(route.url)) && !config.noTenant)
        throw new RouteDeclarationError(`${where} is a tenant route: declare config.permission (or config.noTenant with the reason)`);
      return;
    }
    if (!param) throw new RouteDeclarationError(`${where} declares a permission but has no :isp_id, :tenant_id or :branch_id parameter`);
    const permission = config.permission;
    const resolve = async (req: FastifyRequest) => {
      const id = (req.params as Record<string, string>)[param.name]!;
      (req as WithTenant)[kTenant] = param.kind === 'isp'
        ? await tenantRequest(ctx, req, id, permission)
        : await branchRequest(ctx, req, id, permission);
    };
    const own = route.preHandler;
    route.preHandler = own ? [resolve, ...(Array.isArray(own) ? own : [own])] : resolve;
  });
}
