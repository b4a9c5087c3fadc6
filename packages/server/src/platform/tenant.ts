import type { Actor } from './auth/actor.ts';
import type { Scope } from './db/scope.ts';

/**
 * Who acts, in which ISP, and the database scope they see it through: what a tenant route's
 * handler gets as `req.tenant` (http/tenant-context.ts) and passes to its services.
 */
export type Tenant = { actor: Actor; scope: Scope; ispId: string };

/** Who acts and through which scope, for a change to a record found by its id (its ISP is the record's). A Tenant is one. */
export type ActorInScope = Pick<Tenant, 'actor' | 'scope'>;
