import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'anx-config-'));

describe('configuration', () => {
  it('names the invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, dir())).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, dir())).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, dir())).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SECRET_KEY: 'short' }, dir())).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ OUTBOUND_ALLOW_CIDRS: '10.0.0.0/8, 0.0.0.0/0' }, dir())).toThrow(/OUTBOUND_ALLOW_CIDRS: 0\.0\.0\.0\/0/);
  });

  it('allows no private range to outbound requests unless OUTBOUND_ALLOW_CIDRS names one', () => {
    expect(loadConfig({}, dir()).outboundAllowCidrs).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW_CIDRS: ' 192.168.10.7/24 ,fd12::/48' }, dir()).outboundAllowCidrs).toEqual(['192.168.10.0/24', 'fd12::/48']);
  });

  it('reads the demo history size, "off", and refuses anything else', () => {
    expect(loadConfig({}, dir()).demoHistory).toEqual({ months: 12, subscribers: 300 });
    expect(loadConfig({ DEMO_HISTORY: '18:2000' }, dir()).demoHistory).toEqual({ months: 18, subscribers: 2000 });
    expect(loadConfig({ DEMO_HISTORY: 'off' }, dir()).demoHistory).toBeNull();
    for (const bad of ['12', 'yes', '12:', ':300', '12:300:1']) expect(() => loadConfig({ DEMO_HISTORY: bad }, dir()), bad).toThrow(/DEMO_HISTORY/);
  });

  it('generates the secret key once into DATA_DIR in embedded mode and keeps it', () => {
    const cwd = dir();
    const first = loadConfig({ DATA_DIR: 'd' }, cwd);
    expect(first.secretKey).toHaveLength(32);
    expect(readFileSync(path.join(cwd, 'd', 'secret.key'), 'utf8').trim()).toBe(first.secretKey.toString('hex'));
    expect(loadConfig({ DATA_DIR: 'd' }, cwd).secretKey.equals(first.secretKey)).toBe(true);
  });

  it('requires the key in production and with an external database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, dir())).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }, dir())).toThrow(/SECRET_KEY/);
  });
});
