import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nabDetectCommand, parseSeriesCsv } from './nab-detect.ts';

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'nab-detect-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('nab-detect', () => {
  it('parses timestamp,value rows and names the line of a bad one', () => {
    expect(parseSeriesCsv('timestamp,value\n2014-01-01 00:00:00,1.5\n', 'a.csv')).toEqual([{ timestamp: '2014-01-01 00:00:00', value: 1.5 }]);
    expect(() => parseSeriesCsv('time,v\n', 'a.csv')).toThrow('a.csv: the first line must be "timestamp,value"');
    expect(() => parseSeriesCsv('timestamp,value\n2014-01-01 00:00:00,x\n', 'a.csv')).toThrow('a.csv:2: value "x" is not a number');
    expect(() => parseSeriesCsv('timestamp,value\n2014-01-01 00:00:00,1,2\n', 'a.csv')).toThrow('a.csv:2: expected 2 columns');
    expect(() => parseSeriesCsv('timestamp,value\n', 'a.csv')).toThrow('a.csv: no data rows');
  });

  it('writes <category>/<name>_<file>.csv with one scored row per input row', async () => {
    const root = await scratch();
    await mkdir(join(root, 'in', 'cat'), { recursive: true });
    const lines = ['timestamp,value'];
    for (let i = 0; i < 500; i++) lines.push(`2014-01-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,${i === 400 ? 90 : 10 + (i % 7)}`);
    await writeFile(join(root, 'in', 'cat', 'f.csv'), lines.join('\n') + '\n');
    const out: string[] = [];
    const code = await nabDetectCommand(['--input', join(root, 'in'), '--output', join(root, 'out'), '--name', 'det'], (l) => out.push(l), (l) => out.push(l));
    expect(code).toBe(0);
    const rows = (await readFile(join(root, 'out', 'cat', 'det_f.csv'), 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('timestamp,value,anomaly_score,label');
    expect(rows).toHaveLength(501);
    expect(rows[1]).toBe('2014-01-01 00:00:00,10,0,0');
    const scores = rows.slice(1).map((r) => Number(r.split(',')[2]));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(scores.slice(400, 410).some((s) => s > 0)).toBe(true);
  });

  it('rejects missing or bad arguments with a clear message', async () => {
    const errors: string[] = [];
    const fail = (l: string) => errors.push(l);
    expect(await nabDetectCommand(['--input', '/x'], () => {}, fail)).toBe(2);
    expect(errors.pop()).toContain('nab-detect needs --input and --output');
    expect(await nabDetectCommand(['--input', '/nonexistent-dir', '--output', '/tmp/o'], () => {}, fail)).toBe(2);
    expect(errors.pop()).toContain('is not a directory');
    expect(await nabDetectCommand(['--input', '/tmp', '--output', '/tmp/o', '--name', '../x'], () => {}, fail)).toBe(2);
    expect(errors.pop()).toContain('--name must be');
    expect(await nabDetectCommand(['--bogus'], () => {}, fail)).toBe(2);
    expect(errors.pop()).toContain('usage: nab-detect');
  });
});
