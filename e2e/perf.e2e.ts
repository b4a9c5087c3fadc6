/**
 * Performance budget: the JavaScript each entry page loads (cold cache, gzip -9 of every .js fetched)
 * stays under 300 KB, and the login page's largest contentful paint is measured in Chromium.
 * Figures are printed and written to e2e/screenshots/perf.json.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launch, screenshots, startServer, type Server } from './harness.ts';

const BUDGET = 300 * 1024;

describe('performance', () => {
  let server: Server;
  let browser: Browser;
  const results: Record<string, { js_files: number; js_gzip_kb: number; lcp_ms?: number }> = {};

  before(async () => {
    server = await startServer(Number(process.env.E2E_PERF_PORT ?? 8124));
    browser = await launch();
  });
  after(async () => {
    writeFileSync(path.join(screenshots, 'perf.json'), JSON.stringify(results, null, 2));
    console.log(Object.entries(results).map(([k, v]) => `${k.padEnd(28)} ${String(v.js_files).padStart(3)} JS files  ${v.js_gzip_kb.toFixed(1).padStart(6)} KB gzip${v.lcp_ms !== undefined ? `  LCP ${v.lcp_ms} ms` : ''}`).join('\n'));
    await browser?.close();
    await server?.stop();
  });

  async function tokensFor(email: string, password: string, isp?: string): Promise<{ access_token: string; refresh_token: string }> {
    const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, ...(isp ? { isp } : {}) }) });
    assert.equal(r.status, 200);
    return (await r.json()) as { access_token: string; refresh_token: string };
  }

  async function measure(name: string, url: string, ready: string, tokens?: object, lcp = false): Promise<void> {
    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 }, serviceWorkers: 'block' });
    // The live event stream never finishes ("network idle" would never come): it answers 404 here.
    await ctx.route(/\/api\/(isp\/[^/]+|me)\/live$/, (r) => r.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"Not Found","status":404}' }));
    if (tokens) await ctx.addInitScript((t) => localStorage.setItem('anx.tokens', JSON.stringify(t)), tokens);
    const page = await ctx.newPage();
    const bodies: Promise<number>[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js')) bodies.push(r.body().then((b) => gzipSync(b, { level: 9 }).length).catch(() => 0));
    });
    await page.goto(url);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(bodies);
    const total = sizes.reduce((a, b) => a + b, 0);
    results[name] = { js_files: sizes.length, js_gzip_kb: Math.round(total / 102.4) / 10 };
    if (lcp) {
      results[name]!.lcp_ms = Math.round(await page.evaluate(() => new Promise<number>((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(last), 500);
      })));
    }
    await ctx.close();
    assert.ok(total < BUDGET, `${name} loads ${total} bytes of gzipped JavaScript (budget ${BUDGET})`);
  }

  test('login pages: JavaScript under 300 KB gzip, LCP measured', { timeout: 60_000 }, async () => {
    await measure('platform login (/login)', '/login', 'input[name=email]', undefined, true);
    await measure('ISP login (/t/demo-isp/login)', '/t/demo-isp/login', 'input[name=email]', undefined, true);
  });

  test("each portal's first screen: JavaScript under 300 KB gzip", { timeout: 90_000 }, async () => {
    await measure('founder dashboard', '/founder', 'text=Demo ISP', await tokensFor('founder@astranetix.com', 'admin123'));
    await measure('ISP dashboard', '/t/demo-isp', 'h2 >> nth=0', await tokensFor('admin@demo-isp.com', 'admin123'));
    await measure('branch dashboard', '/t/demo-isp', 'h2 >> nth=0', await tokensFor('north.manager@demo-isp.com', 'admin123'));
    await measure('subscriber home', '/t/demo-isp/me', '[data-testid=plan-card]', await tokensFor('john.doe@email.com', 'user123', 'demo-isp'));
  });
});
