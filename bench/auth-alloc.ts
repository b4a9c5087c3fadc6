// auth-alloc: bytes allocated and time spent per PAP Access-Request by the AAA engine.
//
//   npx tsx bench/auth-alloc.ts [--requests 20000] [--warmup 20000] [--reps 3] [--users 1000]
//                               [--concurrency 64] [--mode both|direct|udp] [--heap-profile]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/auth-alloc.ts
//
// What runs: the real AaaServer with the real NAS registry, subscriber cache, session tracker,
// post-auth writer and metrics, over the bench seed (user1..userN / pass1..passN, NAS 127.0.0.1,
// secret testing123), as bench/radius-compare.sh has it. Requests are built as
// ../shared/bench/radload.mjs builds them (User-Name, hidden User-Password, NAS-IP-Address,
// NAS-Port, NAS-Port-Type, Message-Authenticator last), each with a fresh authenticator.
// Two modes:
//   direct  the packets are built beforehand and handed to the auth socket's 'message' listener,
//           as dgram does on receipt, 64 per turn of the event loop: the server's handler alone
//           (decode, verify, peek, authorize, encode, dedup, metrics, post-auth), plus the send
//           of each reply (to a port nobody listens on).
//   udp     a client in a worker thread (its own V8 heap, so its garbage is not counted) keeps
//           --concurrency requests in flight over loopback UDP and checks every reply's
//           Response Authenticator: adds what Node allocates to receive a datagram.
//
// How bytes are measured, deterministically rather than by timing: the script runs itself with
// a 1 GB young generation (--min/--max-semi-space-size=1024) and --expose-gc. Before a measured
// run it lets pending work finish and forces a full GC; V8's used-heap counter then grows by
// exactly what is allocated, since no scavenge runs to shrink it while ~20,000 requests allocate
// some 100 MB. v8.GCProfiler records any GC that does run in the window anyway, and the bytes it
// freed are added back (allocated = used after - used before + sum of (before GC - after GC)),
// so the figure stays right, only less exact for garbage that predates the window.
// "alive" is what a scavenge would have to copy: at the end of a run (before the post-auth log,
// which waits for the run's end here, is written) one young-generation GC is forced, and what
// is left of the run's allocation is each request's duplicate-cache entry with its reply and its
// pending post-auth record. A scavenge's pause grows with that, not with the garbage.
// ArrayBuffer backing stores (Buffer.alloc, the 8 KB pool behind Buffer.allocUnsafe, a received
// datagram) live outside the V8 heap: process.memoryUsage().arrayBuffers grows by them the same
// way and is reported apart. The post-auth log's batch building (pgArray) runs in the window
// (it waits for the writer to be idle); only the database round trip is left out: its
// Database object takes the statement and does nothing, since an in-process PGlite writing
// there would be counted as the server's garbage.
//
// Time: direct mode reports wall time per request (one thread does everything); udp mode
// reports the main thread's busy time per request (event-loop utilisation), since the client
// runs on the other core. Timing is noisy on a shared machine; the byte counts are not.
//
// --heap-profile samples allocations (every 256 bytes on average, V8's sampling heap profiler)
// during one extra udp run and prints the allocating functions, by sampled bytes per request.
//
// --gc-pauses measures what the young generation costs instead: the script runs with V8's
// default heap sizes, and after the warm-up one udp run of --requests (60,000 is a few seconds)
// records every GC pause (PerformanceObserver 'gc': scavenges and mark-compact pauses) and the
// client's latency percentiles. Pause figures depend on the machine's load; compare runs made
// back to back. --semi-space MB sets V8's --max-semi-space-size for it (default: V8's own, 16 MB
// on 64-bit): a scavenge's pause grows with what survives it, so with less garbage per request
// (fewer scavenges) a smaller young generation gives shorter pauses.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { Registry } from 'prom-client';

const SEMI_SPACE_MB = 1024;
const GC_PAUSES = process.argv.includes('--gc-pauses');
const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
if (!process.env.AUTH_ALLOC_CHILD && (GC_PAUSES || !newSpace || newSpace.space_size < (SEMI_SPACE_MB / 2) * 1024 * 1024 || typeof globalThis.gc !== 'function')) {
  const semi = process.argv.indexOf('--semi-space');
  const heap = !GC_PAUSES ? [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--min-semi-space-size=${SEMI_SPACE_MB}`]
    : semi > 0 ? [`--max-semi-space-size=${process.argv[semi + 1]}`] : [];
  const r = spawnSync(process.execPath, [...heap, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, AUTH_ALLOC_CHILD: '1' } });
  process.exit(r.status ?? 1);
}
const gc = globalThis.gc as (options?: { type: 'minor' | 'major'; execution: 'sync' }) => void;

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' }, warmup: { type: 'string', default: '20000' }, reps: { type: 'string', default: '3' },
    users: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '64' }, mode: { type: 'string', default: 'both' },
    'heap-profile': { type: 'boolean', default: false }, 'gc-pauses': { type: 'boolean', default: false }, 'semi-space': { type: 'string' },
  },
});
const N = Number(values.requests);
const WARMUP = Number(values.warmup);
const REPS = Number(values.reps);
const USERS = Number(values.users);
const C = Number(values.concurrency);
const SECRET = 'testing123';

const { loadConfig } = await import('../packages/server/src/platform/config/config.ts');
const { openPglite } = await import('../packages/server/src/platform/db/database.ts');
const { scratchPostgres } = await import('../packages/server/src/test/scratch-database.ts');
const { closeContext, createContext } = await import('../packages/server/src/app/create-context.ts');
const { benchSeed } = await import('../packages/server/src/app/seed/bench-seed.ts');
const { aaaCachesFor } = await import('../packages/server/src/modules/aaa/enforcement/enforcement.ts');
const { AaaServer } = await import('../packages/server/src/modules/aaa/server/aaa-server.ts');
const { createAaaMetrics } = await import('../packages/server/src/modules/aaa/server/aaa-metrics.ts');
const { SessionTracker } = await import('../packages/server/src/modules/aaa/sessions/session-tracker.ts');
const { PostAuthWriter } = await import('../packages/server/src/modules/aaa/server/postauth-writer.ts');
const { AccountingWriter } = await import('../packages/server/src/modules/aaa/accounting/accounting-writer.ts');
const { VoucherLogins } = await import('../packages/server/src/modules/vouchers/index.ts');
type Database = import('../packages/server/src/platform/db/database.ts').Database;

/** Packets as radload.mjs builds them (same attributes, same order), with node:crypto. */
const CLIENT_CODE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const dgram = require('node:dgram');
const crypto = require('node:crypto');
const secret = Buffer.from(workerData.secret);
const md5 = (...parts) => crypto.createHash('md5').update(Buffer.concat(parts)).digest();
const attr = (type, value) => Buffer.concat([Buffer.from([type, value.length + 2]), value]);
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
function papHide(password, authenticator) {
  const p = Buffer.from(password);
  const padded = Buffer.alloc(Math.max(16, Math.ceil(p.length / 16) * 16));
  p.copy(padded);
  const out = Buffer.alloc(padded.length);
  let prev = authenticator;
  for (let i = 0; i < padded.length; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i + j] = padded[i + j] ^ b[j];
    prev = out.subarray(i, i + 16);
  }
  return out;
}
function accessRequest(id, seq, users) {
  const u = (seq % users) + 1;
  const auth = crypto.randomBytes(16);
  const body = Buffer.concat([attr(1, Buffer.from('user' + u)), attr(2, papHide('pass' + u, auth)), attr(4, Buffer.from([127, 0, 0, 1])),
    attr(5, u32(seq % 65536)), attr(61, u32(15)), Buffer.from([80, 18]), Buffer.alloc(16)]);
  const h = Buffer.alloc(20);
  h[0] = 1; h[1] = id; h.writeUInt16BE(20 + body.length, 2); auth.copy(h, 4);
  const pkt = Buffer.concat([h, body]);
  crypto.createHmac('md5', secret).update(pkt).digest().copy(pkt, pkt.length - 16);
  return { pkt, auth };
}
if (workerData.build) {
  const out = [];
  for (let i = 0; i < workerData.build; i++) out.push(accessRequest(i & 255, workerData.seq0 + i, workerData.users).pkt);
  parentPort.postMessage(out);
} else {
  const sock = dgram.createSocket('udp4');
  const pending = new Map();
  let seq = 0;
  let run = null;
  function sendNext() {
    if (run.sent >= run.n) { if (pending.size === 0) finish(); return; }
    let id = -1;
    for (let k = 0; k < 256; k++) { const c = (run.nextId + k) & 255; if (!pending.has(c)) { id = c; break; } }
    if (id < 0) return;
    run.nextId = (id + 1) & 255;
    const { pkt, auth } = accessRequest(id, seq++, workerData.users);
    const timer = setTimeout(() => { pending.delete(id); run.timeout++; sendNext(); }, 2000);
    pending.set(id, { auth, timer, t0: process.hrtime.bigint() });
    run.sent++;
    sock.send(pkt, workerData.port, '127.0.0.1');
  }
  function finish() {
    const r = run; run = null;
    r.latencies.sort((a, b) => a - b);
    const pct = (q) => r.latencies.length ? r.latencies[Math.min(r.latencies.length - 1, Math.floor(q * r.latencies.length))] : 0;
    parentPort.postMessage({ accept: r.accept, reject: r.reject, timeout: r.timeout, bad: r.bad, p50: pct(0.5), p99: pct(0.99), max: pct(1) });
  }
  sock.on('message', (msg) => {
    const e = pending.get(msg[1]);
    if (!e || !run) return;
    clearTimeout(e.timer); pending.delete(msg[1]);
    if (!md5(msg.subarray(0, 4), e.auth, msg.subarray(20), secret).equals(msg.subarray(4, 20))) run.bad++;
    else if (msg[0] === 2) { run.accept++; run.latencies.push(Number(process.hrtime.bigint() - e.t0) / 1e6); } else run.reject++;
    sendNext();
  });
  parentPort.on('message', (n) => {
    run = { n, sent: 0, nextId: 0, accept: 0, reject: 0, timeout: 0, bad: 0, latencies: [] };
    for (let i = 0; i < workerData.concurrency; i++) sendNext();
  });
}
`;

/** Takes the post-auth log's statements and drops them (see the header). */
function sinkDatabase(real: Database): Database {
  return { kind: real.kind, orm: real.orm, exec: async () => undefined, query: async () => [], close: async () => undefined };
}

async function database(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { db: await openPglite(null), label: 'PGlite', drop: async () => undefined };
  const { db, drop } = await scratchPostgres(url, 'anx_allocbench', 4);
  return { db, label: 'PostgreSQL', drop };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const immediate = () => new Promise<void>((r) => setImmediate(r));

const { db, label, drop } = await database();
try {
  const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: '/tmp/anx-bench-unused' }, '/tmp');
  const log = pino({ level: 'silent' });
  const ctx = await createContext(config, log, db);
  const seeded = await benchSeed(ctx, USERS);
  const { registry, subscribers } = await aaaCachesFor(ctx);
  const sessions = new SessionTracker(ctx.db);
  await sessions.load();
  await subscribers.preload();
  const metrics = createAaaMetrics(new Registry());
  // In the allocation runs the post-auth log is written once a run is over (see `retained`); in
  // --gc-pauses it keeps the server's 250 ms.
  const postauth = new PostAuthWriter(sinkDatabase(ctx.db), undefined, 50_000, GC_PAUSES ? 250 : 3_600_000);
  const server = new AaaServer({
    registry, subscribers, sessions, accounting: new AccountingWriter(ctx.db), postauth, metrics, log, db: ctx.db,
    logins: new VoucherLogins(ctx.db, config.secretKey),
  });
  const { authPort } = await server.start('127.0.0.1', 0, 0);
  const nas = registry.find('127.0.0.1');
  console.log(`auth-alloc ${new Date().toISOString()} — node ${process.version}, ${label}, ${seeded.total} subscribers, NAS ${nas?.vendor}; ` +
    `${N} requests per run after ${WARMUP} warm-up, ${REPS} runs per mode, ${C} in flight`);

  const authTotals = async () => {
    const m = await metrics.auth.get();
    let accept = 0;
    let other = 0;
    for (const v of m.values) if (v.labels.result === 'accept') accept += v.value; else other += v.value;
    return { accept, other };
  };

  type Run = { bytes: number; retained: number; abBytes: number; gcs: number; ms: number; busyMs: number; answered: number; note: string };
  /** One measured window around `run` (see the header for the method). */
  async function measure(run: () => Promise<{ answered: number; note: string }>): Promise<Run> {
    await postauth.idle();
    for (let i = 0; i < 3; i++) await immediate();
    gc();
    gc();
    const profiler = new v8.GCProfiler();
    const ab0 = process.memoryUsage().arrayBuffers;
    const elu0 = performance.eventLoopUtilization();
    profiler.start();
    const h0 = v8.getHeapStatistics().used_heap_size;
    const t0 = performance.now();
    const { answered, note } = await run();
    const runMs = performance.now() - t0;
    const runBusy = performance.eventLoopUtilization(elu0).active;
    // What a scavenge would have to copy: everything of the run still alive at its end (each
    // request's duplicate-cache entry and reply, its pending post-auth record). Scavenges cost
    // what survives, not what was allocated. (Kept out of the times.)
    const ab1 = process.memoryUsage().arrayBuffers;
    gc({ type: 'minor', execution: 'sync' });
    const retained = v8.getHeapStatistics().used_heap_size - h0;
    const t1 = performance.now();
    const elu1 = performance.eventLoopUtilization();
    await postauth.idle();
    const ms = runMs + performance.now() - t1;
    const busyMs = runBusy + performance.eventLoopUtilization(elu1).active;
    const h1 = v8.getHeapStatistics().used_heap_size;
    const stats = profiler.stop();
    let freed = 0;
    for (const s of stats.statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
    // The forced scavenge is in the profiler's list (and what it freed is in `freed`, as it should).
    return { bytes: h1 - h0 + freed, retained, abBytes: ab1 - ab0, gcs: stats.statistics.length - 1, ms, busyMs, answered, note };
  }

  // Direct mode: the same 'message' listener dgram calls, on prebuilt packets.
  const authSock = server['auth'] as dgram.Socket;
  const sink = dgram.createSocket('udp4');
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  const sinkPort = (sink.address() as AddressInfo).port;
  await new Promise<void>((r) => sink.close(() => r()));
  const rinfo: dgram.RemoteInfo = { address: '127.0.0.1', family: 'IPv4', port: sinkPort, size: 0 };
  let seq0 = 0;
  const buildPackets = (n: number) => new Promise<Buffer[]>((resolve, reject) => {
    const w = new Worker(CLIENT_CODE, { eval: true, workerData: { build: n, seq0, users: USERS, secret: SECRET } });
    seq0 += n;
    w.once('message', (list: Uint8Array[]) => resolve(list.map((u) => Buffer.from(u.buffer, u.byteOffset, u.length))));
    w.once('error', reject);
  });
  const direct = async (packets: Buffer[]) => {
    const before = await authTotals();
    for (let i = 0; i < packets.length; i += C) {
      for (let k = i; k < Math.min(packets.length, i + C); k++) authSock.emit('message', packets[k], rinfo);
      await immediate();
    }
    // Replies are sent by then; let the sends' callbacks run inside the window too.
    for (let i = 0; i < 3; i++) await immediate();
    const after = await authTotals();
    return { answered: after.accept - before.accept, note: after.other - before.other ? `${after.other - before.other} not accepted` : '' };
  };

  // UDP mode: the client lives in a worker; one request batch per message.
  const client = new Worker(CLIENT_CODE, { eval: true, workerData: { port: authPort, users: USERS, secret: SECRET, concurrency: C }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  type ClientReport = { accept: number; reject: number; timeout: number; bad: number; p50: number; p99: number; max: number };
  let lastReport: ClientReport | undefined;
  const udp = (n: number) => new Promise<{ answered: number; note: string }>((resolve) => {
    client.once('message', (r: ClientReport) => {
      lastReport = r;
      resolve({ answered: r.accept, note: [r.reject && `${r.reject} rejects`, r.timeout && `${r.timeout} timeouts`, r.bad && `${r.bad} bad authenticators`].filter(Boolean).join(', ') });
    });
    client.postMessage(n);
  });

  if (GC_PAUSES) {
    await udp(WARMUP);
    await postauth.idle();
    const pauses: { kind: number; ms: number }[] = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) pauses.push({ kind: (e as unknown as { detail: { kind: number } }).detail.kind, ms: e.duration });
    });
    obs.observe({ entryTypes: ['gc'] });
    const t0 = performance.now();
    const { answered, note } = await udp(N);
    const seconds = (performance.now() - t0) / 1000;
    await postauth.idle();
    await immediate();
    obs.disconnect();
    const r = lastReport!;
    const minor = pauses.filter((p) => p.kind === constants.NODE_PERFORMANCE_GC_MINOR).map((p) => p.ms).sort((a, b) => a - b);
    const major = pauses.filter((p) => p.kind !== constants.NODE_PERFORMANCE_GC_MINOR).map((p) => p.ms).sort((a, b) => a - b);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const q = (xs: number[], f: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]! : 0);
    const semi = v8.getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_space')!;
    console.log(`gc-pauses (new space now ${(semi.space_size / 2 ** 20).toFixed(0)} MB${values['semi-space'] ? `, --max-semi-space-size=${values['semi-space']}` : ''}): ${answered} accepted${note ? ` (${note})` : ''} in ${seconds.toFixed(2)} s = ${Math.round(answered / seconds)}/s, ${C} in flight; ` +
      `client latency p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(2)} ms`);
    console.log(`  scavenges: ${minor.length} (one per ${Math.round(answered / Math.max(1, minor.length))} requests, every ${((seconds * 1000) / Math.max(1, minor.length)).toFixed(0)} ms), ` +
      `pause median ${q(minor, 0.5).toFixed(2)} ms, p90 ${q(minor, 0.9).toFixed(2)} ms, max ${q(minor, 1).toFixed(2)} ms, total ${sum(minor).toFixed(0)} ms ` +
      `(${((sum(minor) * 1e6) / answered).toFixed(0)} ns/req)`);
    console.log(`  other GC pauses (mark-compact, incremental steps, weak callbacks): ${major.length}, max ${q(major, 1).toFixed(2)} ms, total ${sum(major).toFixed(0)} ms`);
    await client.terminate();
    await server.stop();
    await closeContext(ctx);
    await drop();
    process.exit(0);
  }

  const modes = values.mode === 'both' ? ['direct', 'udp'] : [values.mode!];
  const lines: string[] = [];
  for (const mode of modes) {
    const runs: Run[] = [];
    if (mode === 'direct') {
      await direct(await buildPackets(WARMUP));
      for (let r = 0; r < REPS; r++) {
        const packets = await buildPackets(N);
        runs.push(await measure(() => direct(packets)));
      }
    } else {
      await udp(WARMUP);
      for (let r = 0; r < REPS; r++) runs.push(await measure(() => udp(N)));
    }
    for (const [i, r] of runs.entries()) {
      console.log(`  ${mode} run ${i + 1}: ${r.answered} accepted${r.note ? ` (${r.note})` : ''}, heap ${(r.bytes / r.answered).toFixed(0)} B/req ` +
        `(${(r.retained / r.answered).toFixed(0)} B/req still alive at the end), ` +
        `ArrayBuffers ${(r.abBytes / r.answered).toFixed(0)} B/req, ${r.gcs} GC, ${((r.ms * 1e6) / r.answered).toFixed(0)} ns/req wall, ` +
        `${((r.busyMs * 1e6) / r.answered).toFixed(0)} ns/req main thread busy`);
    }
    const perReq = (f: (r: Run) => number) => median(runs.map((r) => f(r) / r.answered));
    lines.push(`${mode.padEnd(7)} heap ${perReq((r) => r.bytes).toFixed(0).padStart(6)} B/req  alive ${perReq((r) => r.retained).toFixed(0).padStart(5)} B/req  ArrayBuffers ${perReq((r) => r.abBytes).toFixed(0).padStart(5)} B/req  ` +
      `${perReq((r) => r.ms * 1e6).toFixed(0).padStart(6)} ns/req wall  ${perReq((r) => r.busyMs * 1e6).toFixed(0).padStart(6)} ns/req busy  (medians of ${runs.length})`);
  }
  console.log('summary:');
  for (const l of lines) console.log(`  ${l}`);

  if (values['heap-profile']) {
    const session = new Session();
    session.connect();
    await postauth.idle();
    gc();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    const { answered } = await udp(N);
    await postauth.idle();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
    const bySite = new Map<string, number>();
    let total = 0;
    const walk = (n: Node) => {
      if (n.selfSize) {
        const f = n.callFrame;
        const site = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(packages|node_modules)\//, '$1/').replace(/^node:/, 'node:')}:${f.lineNumber + 1}`;
        bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize);
        total += n.selfSize;
      }
      for (const c of n.children) walk(c);
    };
    walk(profile.head as unknown as Node);
    console.log(`heap profile (udp, ${answered} requests, sampled): ${(total / answered).toFixed(0)} B/req; top sites:`);
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(bytes / answered).toFixed(0).padStart(6)} B/req  ${site}`);
  }

  await client.terminate();
  await server.stop();
  await closeContext(ctx);
} finally {
  await drop();
}
