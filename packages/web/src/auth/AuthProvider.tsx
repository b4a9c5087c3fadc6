/** Who is logged in: tokens from the API, the account from /api/auth/me, and where each kind of account lands. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionExpired, problemDetail } from '../api/client.ts';
import { getTokens, setTokens } from '../api/tokens.ts';
import type { Me } from '../api/types.ts';
import { isLocale, useI18n } from '../i18n/index.tsx';

export type LoginResult = { ok: true; me: Me } | { ok: false; mfaRequired: boolean; message: string | undefined; status: number };

type Auth = {
  me: Me | null;
  ready: boolean;
  login: (input: { email: string; password: string; totp?: string | undefined; isp?: string | undefined }) => Promise<LoginResult>;
  logout: () => Promise<void>;
  reload: () => Promise<Me | null>;
};

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const { setLocale } = useI18n();

  const reload = useCallback(async () => {
    if (!getTokens()) {
      setMe(null);
      setReady(true);
      return null;
    }
    const { data } = await api.GET('/api/auth/me');
    setMe(data ?? null);
    setReady(true);
    return data ?? null;
  }, []);

  useEffect(() => {
    void reload();
    return onSessionExpired(() => setMe(null));
  }, [reload]);

  const login = useCallback<Auth['login']>(
    async (input) => {
      const { data, error, response } = await api.POST('/api/auth/login', { body: input });
      if (!data) {
        const mfaRequired = Boolean((error as { mfa_required?: boolean } | undefined)?.mfa_required);
        return { ok: false, mfaRequired, message: problemDetail(error), status: response.status };
      }
      setTokens(data);
      const who = await reload();
      if (!who) return { ok: false, mfaRequired: false, message: undefined, status: 500 };
      // Once logged in, the user's own language wins over the browser's.
      if (isLocale(who.locale)) setLocale(who.locale, false);
      return { ok: true, me: who };
    },
    [reload, setLocale],
  );

  const logout = useCallback(async () => {
    const t = getTokens();
    if (t) await api.POST('/api/auth/logout', { body: { refresh_token: t.refresh_token } }).catch(() => undefined);
    setTokens(null);
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, ready, login, logout, reload }), [me, ready, login, logout, reload]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const c = useContext(Ctx);
  if (!c) throw new Error('useAuth outside AuthProvider');
  return c;
}

/** The first page of an account's portal. */
export function homeOf(me: Me): string {
  if (me.kind === 'founder') return '/founder';
  if (me.kind === 'subscriber') return `/t/${me.isp_slug ?? ''}/me`;
  return `/t/${me.isp_slug ?? ''}`;
}
