/** A route for some kinds of account: without a session, the login page; another kind of account, its own portal. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../ui/common.tsx';
import { homeOf, useAuth } from './AuthProvider.tsx';

export function RequireAuth({ kind, loginPath, children }: { kind: string | string[]; loginPath: string; children: ReactNode }) {
  const { me, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={loginPath} replace state={{ from: location.pathname }} />;
  const kinds = Array.isArray(kind) ? kind : [kind];
  if (!kinds.includes(me.kind)) return <Navigate to={homeOf(me)} replace />;
  return <>{children}</>;
}
