import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { can, type Permission } from '../auth/permissions.ts';
import { sha256 } from '../auth/tokens.ts';
import { anonymousScope, tenantScope, withScope, rows, type Scope } from '../db/scope.ts';
import { forbidden, notFound, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the access token says the ISP requires MFA and the user has not enrolled. */
    mfaSetupRequired: boolean;
  }
}

export const apiKeyPattern = /^anx_([a-z0-9]{10})_([A-Za-z0-9_-]{32,})$/;

async function actorFromApiKey(ctx: AppContext, key: string, req: FastifyRequest): Promise<Actor | null> {
  const m = apiKeyPattern.exec(key);
  if (!m) return null;
  const [found] = await withScope(ctx.db, anonymousScope, (tx) =>
    rows<{ id: string; isp_id: string; key_hash: string; scopes: string[]; expires_at: Date | null; revoked_at: Date | null; isp_status: string }>(
      tx,
      sql`SELECT * FROM auth_find_api_key(${m[1]})`,
    ),
  );
  if (!found) return null;
  const a = Buffer.from(found.key_hash, 'hex');
  const b = Buffer.from(sha256(key), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (found.revoked_at || (found.expires_at && new Date(found.expires_at) < new Date()) || found.isp_status !== 'active') return null;
  return {
    kind: 'api_key', id: found.id, email: null, role: 'isp_admin', ispId: found.isp_id, branchId: null,
    scopes: found.scopes as Permission[], ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
  };
}

/** Resolves the actor of every request from its bearer token or API key; routes decide what it may do. */
export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('mfaSetupRequired', false);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    const token = header.slice(7).trim();
    if (token.startsWith('anx_')) {
      req.actor = await actorFromApiKey(ctx, token, req);
      return;
    }
    const claims = await ctx.signer.verify(token);
    if (!claims) return;
    req.mfaSetupRequired = claims.mfa_setup === true;
    req.actor = {
      kind: claims.kind, id: claims.sub, email: claims.email, role: claims.role, ispId: claims.isp,
      branchId: claims.branch, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
    };
  });
}

/** The route's permission check: 401 without an identity, 403 without the right. */
export function requireActor(req: FastifyRequest, permission?: Permission): Actor {
  const actor = req.actor;
  if (!actor) throw unauthorized();
  if (!permission) return actor;
  if (req.mfaSetupRequired) throw forbidden('Your ISP requires multi-factor authentication: enrol at /api/auth/mfa/setup first');
  const allowed = actor.kind === 'api_key' ? (actor.scopes ?? []).includes(permission) : can(actor.role, permission);
  if (!allowed) throw forbidden(`Missing permission ${permission}`);
  return actor;
}

/**
 * The scope an actor gets inside one ISP. Another ISP's id answers 404, as if it did not
 * exist; branch managers are narrowed to their branch subtree, which RLS then enforces.
 */
export async function scopeForIsp(ctx: AppContext, actor: Actor, ispId: string): Promise<Scope> {
  if (actor.role === 'founder') return tenantScope(ispId);
  if (actor.ispId !== ispId) throw notFound('ISP');
  if (actor.role !== 'branch_manager' || !actor.branchId) return tenantScope(ispId);
  const subtree = await branchSubtree(ctx, ispId, actor.branchId);
  return tenantScope(ispId, subtree);
}

export async function branchSubtree(ctx: AppContext, ispId: string, rootId: string): Promise<string[]> {
  return withScope(ctx.db, tenantScope(ispId), (tx) => ctx.branches.subtree(tx, rootId));
}
