import type { Database } from '../db/database.ts';

export type ChainReport = { rows: number; chains: number; broken: { seq: number; ispId: string | null; reason: string }[] };

/**
 * Recomputes every row's hash in the database and checks that each row points at the
 * previous row of its chain; an edit, deletion or reordering shows up as a break.
 */
export async function verifyAuditChain(db: Database): Promise<ChainReport> {
  const rows = await db.query<{ seq: string; isp_id: string | null; prev_hash: string; hash: string; expected: string }>(
    'SELECT seq::text, isp_id::text, prev_hash, hash, audit_row_hash(a) AS expected FROM audit_log a ORDER BY a.seq',
  );
  const last = new Map<string, string>();
  const broken: ChainReport['broken'] = [];
  for (const r of rows) {
    const chain = r.isp_id ?? 'platform';
    const expectedPrev = last.get(chain) ?? '0'.repeat(64);
    if (r.hash !== r.expected) broken.push({ seq: Number(r.seq), ispId: r.isp_id, reason: 'content does not match its hash' });
    if (r.prev_hash !== expectedPrev) broken.push({ seq: Number(r.seq), ispId: r.isp_id, reason: 'does not follow the previous row of its chain' });
    last.set(chain, r.hash);
  }
  return { rows: rows.length, chains: last.size, broken };
}
