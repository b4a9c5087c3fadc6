import { describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES, logoUrl } from './logo-url.ts';

const dataUrl = (type: string, bytes: Buffer) => `data:image/${type};base64,${bytes.toString('base64')}`;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32)]);
const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBP', 'latin1'), Buffer.alloc(32)]);
const problem = (v: string) => {
  const r = logoUrl.safeParse(v);
  return r.success ? null : r.error.issues[0]!.message;
};

describe('an ISP logo URL', () => {
  it('takes https:// images on public hosts and small inline PNG, JPEG, GIF and WebP', () => {
    for (const ok of ['https://cdn.example.com/logo.png', 'https://93.184.216.34/logo.png', dataUrl('png', png), dataUrl('jpeg', jpeg), dataUrl('gif', gif), dataUrl('webp', webp)])
      expect(problem(ok), ok.slice(0, 40)).toBeNull();
  });

  it('refuses scripts, plain http, internal hosts and credentials', () => {
    expect(problem('javascript:alert(1)')).toMatch(/https/);
    expect(problem('JavaScript:alert(1)')).toMatch(/https/);
    expect(problem('http://cdn.example.com/logo.png')).toMatch(/https/);
    expect(problem('https://user:pw@cdn.example.com/logo.png')).toMatch(/password/);
    for (const host of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '100.64.1.1', '169.254.169.254', '[::1]', '[fd00::1]', '[::ffff:10.0.0.1]', '2130706433'])
      expect(problem(`https://${host}/logo.png`), host).toMatch(/internal address/);
    for (const host of ['localhost', 'intranet', 'logo.localhost', 'nas.local', 'metadata.google.internal'])
      expect(problem(`https://${host}/logo.png`), host).toMatch(/public host/);
    expect(problem(`https://cdn.example.com/${'a'.repeat(2100)}`)).toMatch(/2048/);
  });

  it('refuses other inline types, data that is not the image it claims, and inline logos over the cap', () => {
    expect(problem('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toMatch(/png, jpeg, gif or webp/);
    expect(problem('data:image/png,rawtext')).toMatch(/base64/);
    expect(problem(dataUrl('png', jpeg))).toMatch(/not a png/);
    expect(problem(dataUrl('png', Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)])))).toMatch(/at most 100 KB/);
    expect(problem(dataUrl('png', Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES - png.length)])))).toBeNull();
  });
});
