import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { anonymousScope, platformScope, rows, tenantScope, withScope, type Scope } from '../../platform/db/scope.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import type { SubjectKind } from './schema.ts';

/** A login-capable account, whichever table it lives in (the auth_subject SQL type). */
export type Subject = {
  kind: SubjectKind;
  id: string;
  isp_id: string | null;
  isp_slug: string | null;
  branch_id: string | null;
  role: Role;
  email: string;
  name: string;
  password_hash: string | null;
  mfa_enabled: boolean;
  mfa_secret_enc: string | null;
  recovery_code_hashes: string[];
  status: string;
  isp_status: string;
  isp_require_mfa: boolean;
  locale: string | null;
};

export function findLoginSubjects(ctx: AppContext, email: string, ispSlug: string | null): Promise<Subject[]> {
  return withScope(ctx.db, anonymousScope, (tx) => rows<Subject>(tx, sql`SELECT * FROM auth_find_login(${email}, ${ispSlug})`));
}

export async function loadSubject(ctx: AppContext, kind: SubjectKind, id: string): Promise<Subject | null> {
  const [s] = await withScope(ctx.db, anonymousScope, (tx) => rows<Subject>(tx, sql`SELECT * FROM auth_load_subject(${kind}, ${id})`));
  return s ?? null;
}

/** Where a subject's own row is writable: founders on the platform, others in their ISP. */
export function subjectScope(kind: SubjectKind, ispId: string | null): Scope {
  return kind === 'founder' || !ispId ? platformScope : tenantScope(ispId);
}

export const subjectTable: Record<SubjectKind, 'founders' | 'users' | 'subscribers'> = {
  founder: 'founders',
  user: 'users',
  subscriber: 'subscribers',
};
