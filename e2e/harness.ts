/** E2E harness: our own server on a temporary data dir, Debian's Chromium through playwright-core, axe-core checks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..');
export const screenshots = path.join(here, 'screenshots');
const require = createRequire(path.join(repo, 'packages/web/package.json'));

export type Mail = { to: string; subject: string; text: string };
/** `mails`: what the server's LogMailer wrote to its log (no SMTP_URL in e2e), oldest first. */
export type Server = { url: string; stop: () => Promise<void>; mails: () => Mail[] };

export async function startServer(port = Number(process.env.E2E_PORT ?? 8123)): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anx-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'e2e/app-under-test.ts'], {
    cwd: repo,
    // Info level, so that the LogMailer's lines (reset links) reach stdout, where they are read below.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RADIUS_AUTH_PORT: '0', RADIUS_ACCT_PORT: '0', SYSLOG_PORT: '0', SNMP_TRAP_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const mails: Mail[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"mail"')) continue;
      try {
        const m = (JSON.parse(line) as { mail?: Mail }).mail;
        if (m) mails.push(m);
      } catch {
        /* not a JSON log line */
      }
    }
  });
  child.on('exit', (code, signal) => { if (!stopping) console.error(`e2e: server exited unexpectedly (code ${code}, signal ${signal})`); });
  let stopping = false;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 90 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    mails: () => [...mails],
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 10_000);
          child.once('exit', () => { clearTimeout(t); r(); });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the app's
  // Content-Security-Policy (script-src 'self') rightly refuses those.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.impact} ${x.id}: ${x.help}\n${x.nodes.map((n) => `   ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}
