import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export type Change = {
  ispId: string | null;
  /** e.g. "subscriber.created": the event type and the audit action at once. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The event's payload; defaults to the after image. */
  payload?: unknown;
};

/** Secrets never enter the trail or the event stream. */
const secretKeys = /password|secret|hash|token|mfa|recovery/i;
function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, secretKeys.test(k) ? '[redacted]' : redact(v)]),
  );
}

/**
 * Every mutation calls this inside its transaction: one audit row (who, what, when, from
 * where, before/after; chained by the database) and one domain event in the outbox, so both
 * commit or roll back with the change itself.
 */
export async function recordChange(tx: Tx, actor: Actor, change: Change): Promise<void> {
  const before = change.before === undefined ? null : JSON.stringify(redact(change.before));
  const after = change.after === undefined ? null : JSON.stringify(redact(change.after));
  const payload = JSON.stringify(redact(change.payload ?? change.after ?? change.before ?? {}));
  const [aggregate] = change.action.split('.');
  await tx.execute(sql`
    WITH audit AS (
      INSERT INTO audit_log (isp_id, actor_kind, actor_id, actor_email, action, entity_type, entity_id, before, after, ip, user_agent)
      VALUES (${change.ispId}, ${actor.kind}, ${actor.id}, ${actor.email}, ${change.action}, ${change.entityType},
              ${change.entityId}, ${before}::jsonb, ${after}::jsonb, ${actor.ip}, ${actor.userAgent})
      RETURNING 1)
    INSERT INTO domain_events (isp_id, type, aggregate_type, aggregate_id, payload)
    VALUES (${change.ispId}, ${change.action}, ${aggregate ?? change.entityType}, ${change.entityId}, ${payload}::jsonb)`);
}

/**
 * Audit only, no event: reads and checks that change nothing leave a trace too (the founder's
 * cross-tenant reads, a "test login"). `detail` is kept as the row's after image, redacted.
 */
export async function recordAccess(tx: Tx, actor: Actor, what: { action: string; entityType: string; entityId?: string | undefined; ispId?: string | null; detail?: unknown }): Promise<void> {
  const detail = what.detail === undefined ? null : JSON.stringify(redact(what.detail));
  await tx.execute(sql`
    INSERT INTO audit_log (isp_id, actor_kind, actor_id, actor_email, action, entity_type, entity_id, after, ip, user_agent)
    VALUES (${what.ispId ?? null}, ${actor.kind}, ${actor.id}, ${actor.email}, ${what.action}, ${what.entityType},
            ${what.entityId ?? null}, ${detail}::jsonb, ${actor.ip}, ${actor.userAgent})`);
}
