import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { apiKeyScopes, type Permission } from '../../platform/auth/permissions.ts';
import { newOpaqueToken, sha256 } from '../../platform/auth/tokens.ts';
import { withScope } from '../../platform/db/scope.ts';
import { commonErrors, iso, type Api } from '../../platform/http/api.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { apiKeys } from './schema.ts';

const tags = ['api-keys'];
const ispParams = z.object({ isp_id: z.uuid() });
const keyDto = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), created_at: z.string(),
  last_used_at: z.string().nullable(), expires_at: z.string().nullable(), revoked_at: z.string().nullable(),
});
const toKeyDto = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, created_at: iso(k.createdAt)!, last_used_at: iso(k.lastUsedAt),
  expires_at: iso(k.expiresAt), revoked_at: iso(k.revokedAt),
});

/** Integration keys: "anx_<prefix>_<secret>", stored as SHA-256, shown once at creation. */
export function registerApiKeyRoutes(app: Api, ctx: AppContext): void {
  app.post('/api/isp/:isp_id/api-keys', {
    config: { permission: 'apikey:manage' },
    schema: {
      tags, summary: 'Create an API key (the key is shown only in this answer)', params: ispParams,
      body: z.strictObject({
        name: z.string().min(1).max(120),
        scopes: z.array(z.enum(apiKeyScopes as [Permission, ...Permission[]])).min(1),
        expires_at: z.iso.datetime().optional(),
      }),
      response: { 201: keyDto.extend({ key: z.string() }), ...commonErrors },
    },
  }, async (req, reply) => {
    // A key cannot carry more than its creator holds.
    if (req.tenant.actor.kind === 'api_key') throw forbidden('API keys cannot create API keys');
    const prefix = randomBytes(8).toString('hex').slice(0, 10);
    const key = `anx_${prefix}_${newOpaqueToken(32)}`;
    const row = await withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [k] = await tx.insert(apiKeys).values({
        ispId: req.tenant.ispId, name: req.body.name, prefix, keyHash: sha256(key), scopes: req.body.scopes, createdBy: req.tenant.actor.id,
        expiresAt: req.body.expires_at ? new Date(req.body.expires_at) : null,
      }).returning();
      await recordChange(tx, req.tenant.actor, { ispId: req.tenant.ispId, action: 'api_key.created', entityType: 'api_key', entityId: k!.id, after: toKeyDto(k!) });
      return k!;
    });
    return reply.code(201).send({ ...toKeyDto(row), key });
  });

  app.get('/api/isp/:isp_id/api-keys', {
    config: { permission: 'apikey:manage' },
    schema: { tags, summary: 'API keys (without their secrets)', params: ispParams, response: { 200: z.array(keyDto), ...commonErrors } },
  }, async (req) => {
    const list = await withScope(ctx.db, req.tenant.scope, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.ispId, req.tenant.ispId)).orderBy(desc(apiKeys.createdAt)));
    return list.map(toKeyDto);
  });

  app.delete('/api/isp/:isp_id/api-keys/:key_id', {
    config: { permission: 'apikey:manage' },
    schema: { tags, summary: 'Revoke an API key', params: z.object({ isp_id: z.uuid(), key_id: z.uuid() }), response: { 204: z.null(), ...commonErrors } },
  }, async (req, reply) => {
    await withScope(ctx.db, req.tenant.scope, async (tx) => {
      const [k] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, req.params.key_id), isNull(apiKeys.revokedAt))).returning();
      if (!k) throw notFound('API key');
      await recordChange(tx, req.tenant.actor, { ispId: req.tenant.ispId, action: 'api_key.revoked', entityType: 'api_key', entityId: k.id });
    });
    return reply.code(204).send(null);
  });
}
