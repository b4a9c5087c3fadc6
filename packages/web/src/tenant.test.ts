import { describe, expect, it } from 'vitest';
import { mayNameIsp, resolveTenant, slugFromPath } from './tenant.ts';

const lookup = (table: Record<string, string>) => async (host: string) => table[host] ?? null;

describe('tenant resolution', () => {
  it('asks the server about real host names only', () => {
    expect(mayNameIsp('localhost')).toBe(false);
    expect(mayNameIsp('127.0.0.1')).toBe(false);
    expect(mayNameIsp('[::1]')).toBe(false);
    expect(mayNameIsp('intranet')).toBe(false);
    expect(mayNameIsp('acme.localhost')).toBe(true);
    expect(mayNameIsp('wifi.acme.example')).toBe(true);
  });

  it('custom domain → {slug}.platform domain (both by host) → /t/{slug}', async () => {
    const byHost = lookup({ 'wifi.acme.example': 'acme', 'fast.isp.example': 'fast' });
    expect(await resolveTenant('wifi.acme.example', '/', byHost)).toBe('acme');
    expect(await resolveTenant('fast.isp.example', '/t/other/login', byHost)).toBe('fast');
    expect(await resolveTenant('unknown.isp.example', '/t/other/login', byHost)).toBe('other');
    expect(await resolveTenant('localhost', '/t/demo-isp/me', byHost)).toBe('demo-isp');
    expect(await resolveTenant('127.0.0.1', '/', byHost)).toBeNull();
  });

  it('a failing lookup falls back to the path', async () => {
    expect(await resolveTenant('wifi.acme.example', '/t/acme/login', () => Promise.reject(new Error('offline')))).toBe('acme');
  });

  it('reads only valid slugs from the path', () => {
    expect(slugFromPath('/t/demo-isp')).toBe('demo-isp');
    expect(slugFromPath('/t/Bad_Slug/x')).toBeNull();
    expect(slugFromPath('/founder')).toBeNull();
  });
});
