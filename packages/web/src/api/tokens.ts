/** Where the session's tokens live: localStorage, so a reload keeps the session. */
const KEY = 'anx.tokens';

export type Tokens = { access_token: string; refresh_token: string };

let cache: Tokens | null | undefined;

export function getTokens(): Tokens | null {
  if (cache !== undefined) return cache;
  try {
    const raw = localStorage.getItem(KEY);
    cache = raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    cache = null;
  }
  return cache;
}

export function setTokens(t: Tokens | null): void {
  cache = t;
  try {
    if (t) localStorage.setItem(KEY, JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token }));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the session lasts as long as the page */
  }
}
