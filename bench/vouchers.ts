// Voucher generation and printing at full batch size: POST a 10,000-card batch (PINs drawn,
// HMACed, sealed and inserted 1,000 rows a statement), then its printable PDF (1,000 A4 pages).
// PGlite by default; PostgreSQL with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.
//   npx tsx bench/vouchers.ts [--cards 10000] [--runs 3]
import { parseArgs } from 'node:util';
import { client, startTestServer } from '../packages/server/src/test/harness.ts';
import { createIspFixture, founderToken } from '../packages/server/src/test/fixtures.ts';

const { values } = parseArgs({ options: { cards: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const count = Number(values.cards);
const runs = Number(values.runs);

const server = await startTestServer();
try {
  const api = client(server.app);
  const isp = await createIspFixture(api, await founderToken(server, api), 'bench-vouchers');
  const gen: number[] = [];
  const pdf: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const r = await api.post(`/api/isp/${isp.id}/voucher-batches`, { token: isp.adminToken, body: { name: `Bench ${i}`, kind: 'hotspot', count, plan_id: isp.planId, time_limit_s: 3600 } });
    if (r.status !== 201 || r.json.cards.length !== count) throw new Error(`create: ${r.status} ${r.text.slice(0, 200)}`);
    gen.push(performance.now() - t);
    t = performance.now();
    const p = await server.app.inject({ method: 'GET', url: `/api/isp/${isp.id}/voucher-batches/${r.json.batch.id}/pdf`, headers: { authorization: `Bearer ${isp.adminToken}` } });
    if (p.statusCode !== 200) throw new Error(`pdf: ${p.statusCode}`);
    pdf.push(performance.now() - t);
    pdfBytes = p.rawPayload.length;
  }
  const fmt = (xs: number[]) => xs.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ');
  console.log(`# vouchers ${new Date().toISOString()} on ${server.dbUrl ? 'PostgreSQL' : 'PGlite'}, ${count} cards per batch`);
  console.log(`generate (HTTP, incl. JSON of the PINs): ${fmt(gen)}`);
  console.log(`PDF (${Math.ceil(count / 10)} pages, ${(pdfBytes / 1e6).toFixed(1)} MB): ${fmt(pdf)}`);
} finally {
  await server.close();
}
