import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { RadiusClient, RadiusCode } from '@astranetix/radius';
import { openPglite } from '../../platform/db/database.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = path.join(serverDir, 'src/main.ts');

/**
 * Nothing acknowledged is lost: a real server process takes accounting load and is killed
 * with SIGKILL mid-stream; every Accounting-Request that got a response must be in the
 * database afterwards. Acknowledged on the database commit, it is there at once; acknowledged
 * from the journal (RADIUS_ACCT_JOURNAL_DIR), it is there once the server has started again.
 */
describe.each([['the database commit', false], ['the journal', true]])('kill -9 during an accounting load, acknowledged on %s', (_, journal) => {
  let child: ChildProcess | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await dropDb?.();
  });

  it('keeps every acknowledged Accounting-Request', async () => {
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'development', ROLES: 'aaa', RADIUS_HOST: '127.0.0.1', RADIUS_AUTH_PORT: String(port), RADIUS_ACCT_PORT: String(port + 1), SECRET_KEY: randomBytes(32).toString('hex') };
    delete env.REDIS_URL;
    if (journal) env.RADIUS_ACCT_JOURNAL_DIR = mkdtempSync(path.join(tmpdir(), 'anx-kill-journal-'));
    let url: string | null = null;
    if (process.env.TEST_DATABASE_URL) {
      const name = `anx_kill_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(process.env.TEST_DATABASE_URL);
      u.pathname = `/${name}`;
      url = u.toString();
      env.DATABASE_URL = url;
      dropDb = async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'anx-kill-'));
      delete env.DATABASE_URL;
    }
    const seed = spawnSync(process.execPath, ['--import', 'tsx', main, 'bench-seed', '--subscribers', '50'], { env, cwd: serverDir, encoding: 'utf8' });
    expect(seed.status, seed.stderr).toBe(0);

    child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], { env, cwd: serverDir, stdio: 'ignore' });
    // A generous timeout: on a loaded machine a late answer is still an acknowledgement.
    const rc = new RadiusClient({ timeoutMs: 2000, retries: 0 });
    const target = { host: '127.0.0.1', port: port + 1, secret: 'testing123' };
    const answering = async (session: string) => {
      for (let i = 0; ; i++) {
        try {
          await rc.send(RadiusCode.AccountingRequest, [['User-Name', 'user1'], ['Acct-Status-Type', 'Start'], ['Acct-Session-Id', session]], target);
          return;
        } catch {
          if (i > 60) throw new Error('server did not start');
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    };
    await answering('warmup');
    const acked: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `k-${w}-${i}`;
        sent++;
        try {
          await rc.send(RadiusCode.AccountingRequest, [['User-Name', `user${(i % 50) + 1}`], ['Acct-Status-Type', 'Start'], ['Acct-Session-Id', id]], target);
          acked.push(id);
        } catch {
          /* no answer: the server died first; not acknowledged, so it may be missing */
        }
      }
    };
    const load = Promise.all(Array.from({ length: 32 }, (_, w) => worker(w)));
    // Kill mid-stream once a good number has been acknowledged, however fast this machine is.
    const deadline = Date.now() + 45_000;
    while (acked.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await load;
    child = null;
    // Enough acknowledgements for the check below to mean something, even on a crowded machine.
    expect(acked.length).toBeGreaterThanOrEqual(20);
    if (journal) {
      // The next start applies what the journal holds before it answers anything.
      child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], { env, cwd: serverDir, stdio: 'ignore' });
      await answering('after-restart');
      child.kill('SIGKILL');
      child = null;
    }
    rc.close();

    const db = url ? null : await openPglite(env.DATA_DIR!);
    let stored: Set<string>;
    if (db) {
      stored = new Set((await db.query<{ acct_session_id: string }>("SELECT acct_session_id FROM radius_sessions WHERE acct_session_id LIKE 'k-%'")).map((r) => r.acct_session_id));
      await db.close();
    } else {
      const c = new pg.Client({ connectionString: url! });
      await c.connect();
      stored = new Set((await c.query("SELECT acct_session_id FROM radius_sessions WHERE acct_session_id LIKE 'k-%'")).rows.map((r: { acct_session_id: string }) => r.acct_session_id));
      await c.end();
    }
    const lost = acked.filter((id) => !stored.has(id));
    expect(lost, `${lost.length} of ${acked.length} acknowledged requests lost (${sent} sent)`).toEqual([]);
  }, 150_000);
});
