// Syslog ingest: how many messages per second the receiver parses, attributes to a device,
// stores (batched) and runs through the ISP's log rules; and what that costs in CPU.
// Sends RFC 5424 lines over one TCP connection (RFC 6587 octet counting: nothing is lost) and
// then over UDP at a paced rate (UDP may drop under load: stored/sent is reported).
//   npx tsx bench/noc-syslog.ts [--messages 20000] [--udp-rate 2000]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/noc-syslog.ts
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../packages/server/src/platform/config/config.ts';
import { openPglite, type Database } from '../packages/server/src/platform/db/database.ts';
import { scratchPostgres } from '../packages/server/src/test/scratch-database.ts';
import { closeContext, createContext } from '../packages/server/src/app/create-context.ts';
import { platformScope, tenantScope } from '../packages/server/src/platform/db/scope.ts';
import { systemActor } from '../packages/server/src/platform/auth/actor.ts';
import { createIspBody } from '../packages/server/src/modules/tenancy/index.ts';
import { createIsp } from '../packages/server/src/modules/identity/index.ts';
import { createDevice, createDeviceBody, createRule, createRuleBody, startNocAlerts } from '../packages/server/src/modules/noc/index.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '20000' }, 'udp-rate': { type: 'string', default: '2000' } } });
const N = Number(values.messages);
const UDP_RATE = Number(values['udp-rate']);

async function database(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { db: await openPglite(null), label: 'PGlite (embedded, in this process)', drop: async () => undefined };
  const { db, drop } = await scratchPostgres(url, 'anx_logbench', 10);
  return { db, label: 'PostgreSQL (separate server process, its CPU not counted)', drop };
}

const line = (i: number) => `<${i % 100 === 0 ? 187 : 190}>1 ${new Date().toISOString()} rtr-1 kernel - - - ${i % 100 === 0 ? 'ether1 link down' : `dhcp lease ${i} granted to 10.0.${(i >> 8) & 255}.${i & 255}`}`;

const { db, label, drop } = await database();
try {
  const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp');
  const ctx = await createContext(config, pino({ level: 'silent' }), db);
  const isp = await createIsp(ctx, systemActor, createIspBody.parse({ slug: 'log-bench', display_name: 'Log bench', currency: 'EUR', admin: { email: 'admin@log-bench.test', name: 'Admin', password: 'bench-password-1' } }), { demo: true });
  await createDevice(ctx, { actor: systemActor, scope: platformScope, ispId: isp.id }, createDeviceBody.parse({ name: 'rtr-1', mgmt_ip: '127.0.0.1', snmp_version: 'none' }));
  // 1 % of the lines match a rule, so the rule path (raise, dedupe while firing) is measured too.
  await createRule(ctx, { actor: systemActor, scope: tenantScope(isp.id), ispId: isp.id }, createRuleBody.parse({ name: 'Link down', kind: 'log', log_source: 'syslog', pattern: 'link down', max_severity: 3 }));
  const noc = await startNocAlerts(ctx, { host: '127.0.0.1', syslogPort: 0, trapPort: 0, intervalS: 3600 });

  const measure = async (what: string, send: () => Promise<number>) => {
    const start = noc.ingest.stored;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const sent = await send();
    const deadline = Date.now() + 120_000;
    let last = -1;
    let lastChange = Date.now();
    // Done when everything sent is stored, or nothing new arrived for 3 s (UDP drops).
    while (noc.ingest.stored - start < sent && Date.now() < deadline && Date.now() - lastChange < 3000) {
      await new Promise((r) => setTimeout(r, 50));
      if (noc.ingest.stored !== last) { last = noc.ingest.stored; lastChange = Date.now(); }
    }
    await noc.ingest.flush();
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    const stored = noc.ingest.stored - start;
    console.log(`${what}: sent ${sent}, stored ${stored} (${((stored / sent) * 100).toFixed(2)} %) in ${seconds.toFixed(2)} s = ${Math.round(stored / seconds)} msg/s; ` +
      `CPU ${((used.user + used.system) / 1e6).toFixed(2)} s = ${(((used.user + used.system) / 1e6 / stored) * 1e6).toFixed(0)} µs per message`);
  };

  console.log(`Syslog ingest benchmark — ${label}`);
  await measure('TCP (octet counting, one connection)', () => new Promise<number>((resolve, reject) => {
    const sock = net.connect(noc.ports.syslog, '127.0.0.1', () => {
      const chunks: string[] = [];
      for (let i = 0; i < N; i++) {
        const l = line(i);
        chunks.push(`${Buffer.byteLength(l)} ${l}`);
      }
      sock.end(chunks.join(''), () => resolve(N));
    });
    sock.on('error', reject);
  }));
  await measure(`UDP (paced at ${UDP_RATE}/s)`, async () => {
    const sock = dgram.createSocket('udp4');
    const total = Math.min(N, UDP_RATE * 10);
    const perTick = Math.max(1, Math.round(UDP_RATE / 100));
    for (let i = 0; i < total; i += perTick) {
      for (let k = i; k < Math.min(total, i + perTick); k++) sock.send(line(k), noc.ports.syslog, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    sock.close();
    return total;
  });
  await noc.stop();
  await closeContext(ctx);
} finally {
  await drop();
}
