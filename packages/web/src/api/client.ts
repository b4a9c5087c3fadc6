/**
 * The one way the UI talks to the API: openapi-fetch typed by the generated schema.ts,
 * with a fetch wrapper that adds the bearer token and, on a 401, refreshes once and retries.
 */
import createClient from 'openapi-fetch';
import type { paths, components } from './schema';
import { getTokens, setTokens } from './tokens.ts';

export type { paths, components };

let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

/** Called when the session ends for good (refresh refused): the app returns to its login page. */
export function onSessionExpired(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function refresh(): Promise<boolean> {
  const t = getTokens();
  if (!t) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: t.refresh_token }),
  });
  if (!res.ok) {
    setTokens(null);
    listeners.forEach((l) => l());
    return false;
  }
  const body = (await res.json()) as { access_token: string; refresh_token: string };
  setTokens(body);
  return true;
}

function withAuth(req: Request): Request {
  const t = getTokens();
  if (!t) return req;
  const headers = new Headers(req.headers);
  headers.set('authorization', `Bearer ${t.access_token}`);
  return new Request(req, { headers });
}

export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(withAuth(input));
  const path = new URL(input.url).pathname;
  if (res.status !== 401 || !getTokens() || path.startsWith('/api/auth/login') || path.startsWith('/api/auth/refresh')) return res;
  refreshing ??= refresh().finally(() => {
    refreshing = null;
  });
  return (await refreshing) ? fetch(withAuth(retry)) : res;
}

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', fetch: authFetch });

/** RFC 9457 problem document, as the server sends it. */
export type Problem = paths['/api/auth/login']['post']['responses'][400]['content']['application/json'];

/** The field name a problem+json pointer names: "/body/first_name" → "first_name". */
export function fieldErrors(problem: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const errs = (problem as Problem | undefined)?.errors ?? [];
  for (const e of errs) {
    const parts = e.pointer.split('/').filter(Boolean);
    const name = parts[0] === 'body' || parts[0] === 'querystring' ? parts[1] : parts[0];
    if (name && !out[name]) out[name] = e.detail;
  }
  return out;
}

export function problemDetail(problem: unknown): string | undefined {
  const p = problem as Problem | undefined;
  return p?.detail ?? p?.title;
}
