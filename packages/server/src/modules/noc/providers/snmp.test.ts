import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnmpd, type Snmpd } from '../../../test/snmpd.ts';
import { openSnmp } from './snmp.ts';

let agent: Snmpd;
beforeAll(async () => {
  agent = await startSnmpd();
}, 30_000);
afterAll(() => agent?.stop());

const ifEntry = '1.3.6.1.2.1.2.2.1';
const columns = ['2', '3', '7', '8'];

describe('SNMP side-by-side column walk', () => {
  it('reads the same rows as net-snmp’s own column-by-column walk, whatever the repetitions (the agent truncates big answers)', async () => {
    // Reference: the library's tableColumns, one column after the other.
    const ref = snmp.createSession('127.0.0.1', 'public', { port: agent.port, version: snmp.Version2c });
    const expected = await new Promise<Record<string, Record<string, unknown>>>((resolve, reject) =>
      ref.tableColumns('1.3.6.1.2.1.2.2', columns.map(Number) as unknown as string[], 20, (err, table) => (err ? reject(err) : resolve(table as Record<string, Record<string, unknown>>))));
    ref.close();
    const norm = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? Number(v) : v);
    const flat = (t: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(t).map(([i, row]) => [i, Object.fromEntries(Object.entries(row).map(([c, v]) => [c, norm(v)]))]));
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    for (const rep of [1, 3, 500]) {
      const s = openSnmp({ host: '127.0.0.1', port: agent.port, timeoutMs: 1000, retries: 0, version: 'v2c', community: 'public' });
      const cols = await s.walkColumns(columns.map((c) => `${ifEntry}.${c}`), rep);
      s.close();
      const table: Record<string, Record<string, unknown>> = {};
      for (const c of columns) for (const [i, v] of cols.get(`${ifEntry}.${c}`)!) (table[i] ??= {})[c] = v;
      expect(flat(table), `maxRepetitions ${rep}`).toEqual(flat(expected));
    }
  });

  it('fails a request to an agent that does not answer instead of hanging', async () => {
    const s = openSnmp({ host: '127.0.0.1', port: agent.port, timeoutMs: 300, retries: 0, version: 'v2c', community: 'wrong' });
    await expect(s.get(['1.3.6.1.2.1.1.3.0'])).rejects.toThrow(/timed out/i);
    s.close();
  });
});
