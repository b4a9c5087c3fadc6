import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountingJournal } from './accounting-journal.ts';
import type { AcctRecord } from './acct-record.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'anx-journal-'));
const segmentsIn = (d: string) => readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort();

function rec(n: number): AcctRecord {
  return {
    ispId: '00000000-0000-0000-0000-000000000001', nasId: '00000000-0000-0000-0000-000000000002', nasIp: '127.0.0.1', subscriberId: null,
    username: `user${n}`, statusType: 'Start', acctSessionId: `s${n}`, uniqueId: `u${n}`, nasPort: n, nasPortId: null, nasPortType: null,
    framedIp: null, framedIpv6Prefix: null, callingStationId: null, calledStationId: null, serviceType: null, sessionTime: 0,
    inputOctets: 5_000_000_000 + n, outputOctets: 0, terminateCause: null, interimInterval: null, className: null, at: new Date(Date.UTC(2026, 10, 26, 6, n)),
  };
}

describe('accounting journal', () => {
  it('has a record on disk when append resolves, and gives it back to the next process', async () => {
    const d = dir();
    const first = new AccountingJournal(d);
    expect((await first.open()).records).toEqual([]);
    const segment = await first.append(rec(1));
    await Promise.all([first.append(rec(2)), first.append(rec(3))]);
    // On disk already: a process killed now (no close) leaves these three behind.
    const file = path.join(d, segmentsIn(d)[0]!);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    first.applied(segment, 1);
    // Simulate the kill: the lock file stays and names this process; a second journal in the same process is refused.
    await expect(new AccountingJournal(d).open()).rejects.toThrow(/already open in this process/);

    // The next process, after a kill: a copy of the directory whose lock names a process that no longer runs.
    const d2 = dir();
    writeFileSync(path.join(d2, 'lock'), '999999999');
    writeFileSync(path.join(d2, path.basename(file)), readFileSync(file));
    // The torn tail of a write that never returned is skipped, not taken for a record.
    appendFileSync(path.join(d2, path.basename(file)), '{"ispId":"0000');
    const next = new AccountingJournal(d2);
    const { records, segments } = await next.open();
    expect(records.map((r) => r.uniqueId)).toEqual(['u1', 'u2', 'u3']);
    expect(records[0]!.at).toEqual(rec(1).at);
    expect(records[2]!.inputOctets).toBe(5_000_000_003);
    next.removeReplayed(segments);
    expect(segmentsIn(d2)).toHaveLength(1); // only the new, empty segment
    await next.close();
    expect(segmentsIn(d2)).toEqual([]);
    expect(readdirSync(d2)).toEqual([]);
    await first.close();
    // Two records were never applied: they stay for the next start.
    expect(segmentsIn(d)).toHaveLength(1);
  });

  it('keeps the records written after a write that failed half-way', async () => {
    const d = dir();
    const j = new AccountingJournal(d);
    await j.open();
    await j.append(rec(1));
    // What a write cut short by a full disk leaves: part of a line, no newline, never acknowledged.
    appendFileSync(path.join(d, segmentsIn(d)[0]!), '{"ispId":"00000000-0000-0000-0000-0000000');
    await j.append(rec(2));
    await j.append(rec(3));
    const copy = dir();
    writeFileSync(path.join(copy, segmentsIn(d)[0]!), readFileSync(path.join(d, segmentsIn(d)[0]!)));
    const next = new AccountingJournal(copy);
    expect((await next.open()).records.map((r) => r.uniqueId)).toEqual(['u1', 'u2', 'u3']);
    await next.close();
    await j.close();
  });

  it('refuses a directory that a running process holds', async () => {
    const d = dir();
    // The parent of this test runner is alive and is not this process.
    writeFileSync(path.join(d, 'lock'), String(process.ppid));
    await expect(new AccountingJournal(d).open()).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it('rotates segments and deletes each once all its records are applied', async () => {
    const d = dir();
    const j = new AccountingJournal(d, 2_000);
    await j.open();
    const bySegment = new Map<number, number>();
    for (let i = 0; i < 30; i++) {
      const s = await j.append(rec(i));
      bySegment.set(s, (bySegment.get(s) ?? 0) + 1);
    }
    expect(bySegment.size).toBeGreaterThan(3);
    const before = segmentsIn(d).length;
    expect(before).toBeGreaterThan(3);
    expect(j.backlog).toBe(30);
    const [oldest, count] = [...bySegment.entries()][0]!;
    j.applied(oldest, count - 1);
    expect(segmentsIn(d)).toHaveLength(before);
    j.applied(oldest, 1);
    expect(segmentsIn(d)).toHaveLength(before - 1);
    for (const [s, n] of [...bySegment.entries()].slice(1)) j.applied(s, n);
    expect(j.backlog).toBe(0);
    // The segment being written stays until close.
    expect(segmentsIn(d)).toHaveLength(1);
    await j.close();
    expect(segmentsIn(d)).toEqual([]);
  });
});
