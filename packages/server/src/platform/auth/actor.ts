import type { Role } from './permissions.ts';
import type { Permission } from './permissions.ts';

/** Who is acting, resolved once per request from a token or an API key. */
export type Actor = {
  kind: 'founder' | 'user' | 'subscriber' | 'api_key' | 'system';
  id: string | null;
  email: string | null;
  role: Role;
  ispId: string | null;
  branchId: string | null;
  /** API keys: the scopes they were given; undefined for people (their role decides). */
  scopes?: readonly Permission[];
  ip: string | null;
  userAgent: string | null;
};

export const systemActor: Actor = {
  kind: 'system', id: null, email: null, role: 'founder', ispId: null, branchId: null, ip: null, userAgent: null,
};
