import { z } from 'zod';
import { isIpLiteral, refusal } from '../../platform/net/address-policy.ts';

/** Largest logo stored inline as a data: URL (decoded): it travels with every branding response. */
export const LOGO_MAX_BYTES = 100 * 1024;

// What each accepted image type starts with: a data: URL must hold what it says it holds.
const magic: Record<string, (b: Buffer) => boolean> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')),
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

function dataUrlProblem(value: string): string | null {
  const m = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})$/.exec(value);
  if (!m) return 'a data: logo must be data:image/png, jpeg, gif or webp;base64,…';
  const size = Math.floor((m[2]!.length * 3) / 4) - (m[2]!.match(/=/g)?.length ?? 0);
  if (size > LOGO_MAX_BYTES) return `the logo is ${Math.ceil(size / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB inline (or link an https:// image)`;
  const bytes = Buffer.from(m[2]!, 'base64');
  if (!magic[m[1]!]!(bytes)) return `the data is not a ${m[1]} image`;
  return null;
}

function httpsProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'must be an https:// URL or a data:image URL';
  }
  if (u.protocol !== 'https:') return 'must be an https:// URL or a data:image URL';
  if (u.username || u.password) return 'must not carry a user name or password';
  const host = u.hostname.replace(/\.$/, '').toLowerCase();
  // Every visitor's browser loads it: a host on someone's own network is not a public logo.
  if (isIpLiteral(host)) return refusal(host, []) && 'must be on a public host, not an internal address';
  if (!host.includes('.') || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return 'must be on a public host name';
  return null;
}

/**
 * An ISP's logo: an image on a public https:// host, or a small PNG, JPEG, GIF or WebP inline
 * as a data: URL. Not javascript:, not http:, not an address inside anyone's network.
 */
export const logoUrl = z.string().trim().superRefine((value, ctx) => {
  const problem = value.startsWith('data:') ? dataUrlProblem(value) : value.length > 2048 ? 'an https:// URL of at most 2048 characters' : httpsProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
