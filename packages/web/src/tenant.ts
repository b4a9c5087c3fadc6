/**
 * Which ISP a request is for, in this order: the host is an ISP's custom domain, or
 * {slug}.{platform domain} (both decided by the server, which knows the domains), else the
 * path says (/t/{slug}, the fallback that also works on localhost).
 */
export type HostLookup = (hostname: string) => Promise<string | null>;

/** Hosts that can name no ISP, so the server is not asked: localhost and bare IP addresses. */
export function mayNameIsp(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!host.includes('.') || host.includes(':')) return false;
  return !/^[\d.]+$/.test(host);
}

export function slugFromPath(pathname: string): string | null {
  const m = /^\/t\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\/|$)/.exec(pathname);
  return m?.[1] ?? null;
}

export async function resolveTenant(hostname: string, pathname: string, byHost: HostLookup): Promise<string | null> {
  if (mayNameIsp(hostname)) {
    const slug = await byHost(hostname).catch(() => null);
    if (slug) return slug;
  }
  return slugFromPath(pathname);
}
