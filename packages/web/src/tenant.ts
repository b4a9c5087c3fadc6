/**
 * Which ISP a request is for when the path does not say (/t/{slug}): the host's first label,
 * as in {slug}.platform-domain. Localhost and bare IP addresses name no ISP.
 */
export function slugFromHost(hostname: string): string | null {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return null;
  const labels = host.split('.');
  if (labels.length < 3) return null;
  const first = labels[0] ?? '';
  if (['www', 'app', 'admin', 'api'].includes(first)) return null;
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(first) ? first : null;
}
