import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../auth/actor.ts';
import { can, type Permission } from '../auth/permissions.ts';
import { sha256 } from '../auth/tokens.ts';
import { refusalOf } from '../auth/account-states.ts';
import { anonymousScope, tenantScope, withScope, rows, type Scope } from '../db/scope.ts';
import { forbidden, HttpProblem, notFound, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the access token says the ISP requires MFA and the user has not enrolled. */
    mfaSetupRequired: boolean;
    /** Why the credential the request presented was refused; the 401 says it. */
    authRefusal: Refusal | null;
  }
}

type Refusal = { reason: string; detail: string };
const refused = (reason: string, detail: string): Refusal => ({ reason, detail });

export const apiKeyPattern = /^anx_([a-z0-9]{10})_([A-Za-z0-9_-]{32,})$/;

const unknownKey = refused('invalid_api_key', 'Unknown API key');

async function actorFromApiKey(ctx: AppContext, key: string, req: FastifyRequest): Promise<Actor | Refusal> {
  const m = apiKeyPattern.exec(key);
  if (!m) return unknownKey;
  const [found] = await withScope(ctx.db, anonymousScope, (tx) =>
    rows<{ id: string; isp_id: string; key_hash: string; scopes: string[]; expires_at: Date | null; revoked_at: Date | null; isp_status: string }>(
      tx,
      sql`SELECT * FROM auth_find_api_key(${m[1]})`,
    ),
  );
  if (!found) return unknownKey;
  const a = Buffer.from(found.key_hash, 'hex');
  const b = Buffer.from(sha256(key), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return unknownKey;
  // Read from the database on every request: a revoked key stops at once, in every process.
  if (found.revoked_at) return refused('api_key_revoked', 'This API key has been revoked');
  if (found.expires_at && new Date(found.expires_at) < new Date()) return refused('api_key_expired', 'This API key has expired');
  if (found.isp_status !== 'active') return refused(`isp_${found.isp_status}`, `This ISP is ${found.isp_status}`);
  return {
    kind: 'api_key', id: found.id, email: null, role: 'isp_admin', ispId: found.isp_id, branchId: null,
    scopes: found.scopes as Permission[], ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
  };
}

/**
 * Resolves the actor of every request from its bearer token or API key; routes decide what it
 * may do. A token is signed at login, so it is checked against the account as it is now:
 * disabled, deleted, demoted, or of a suspended ISP, it stops acting. A refused credential
 * leaves the request anonymous (public routes still answer); protected ones answer 401 why.
 */
export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('mfaSetupRequired', false);
  app.decorateRequest('authRefusal', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    const token = header.slice(7).trim();
    if (token.startsWith('anx_')) {
      const found = await actorFromApiKey(ctx, token, req);
      if ('reason' in found) req.authRefusal = found;
      else req.actor = found;
      return;
    }
    const claims = await ctx.signer.verify(token);
    if (!claims) {
      req.authRefusal = refused('invalid_token', 'The access token is invalid or has expired');
      return;
    }
    const state = await ctx.accounts.get(claims.kind, claims.sub);
    const refusal = refusalOf(claims.kind, claims, state);
    if (refusal) {
      req.authRefusal = refusal;
      return;
    }
    req.mfaSetupRequired = claims.mfa_setup === true;
    req.actor = {
      kind: claims.kind, id: claims.sub, email: claims.email, role: claims.role, ispId: claims.isp,
      // A subscriber moved to another branch keeps their portal session; staff sign in again (refusalOf).
      branchId: state?.branchId ?? claims.branch, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
    };
  });
}

/**
 * Why an actor would be refused now, for a request that lasts (a stream) and so outlives the
 * check made when it began; null while it may go on. API keys are checked at each request only.
 */
export async function actorRefusal(ctx: AppContext, actor: Actor): Promise<Refusal | null> {
  if ((actor.kind !== 'founder' && actor.kind !== 'user' && actor.kind !== 'subscriber') || !actor.id) return null;
  return refusalOf(actor.kind, { role: actor.role, branch: actor.branchId }, await ctx.accounts.get(actor.kind, actor.id));
}

/** The route's permission check: 401 without an identity (saying why), 403 without the right. */
export function requireActor(req: FastifyRequest, permission?: Permission): Actor {
  const actor = req.actor;
  if (!actor) {
    const why = req.authRefusal;
    throw why ? new HttpProblem(401, 'Unauthorized', why.detail, { reason: why.reason }) : unauthorized();
  }
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
  const found = await withScope(ctx.db, tenantScope(ispId), (tx) =>
    rows<{ id: string }>(
      tx,
      sql`WITH RECURSIVE t AS (SELECT id FROM branches WHERE id = ${rootId}
            UNION ALL SELECT b.id FROM branches b JOIN t ON b.parent_branch_id = t.id) SELECT id FROM t`,
    ),
  );
  return found.map((r) => r.id);
}
