import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvRecords, parseCsvTable } from './csv.ts';
import { brierScore, reliabilityTable, rocAuc, stratifiedFolds } from './metrics.ts';
import { explainChurn, fitChurnModel, predictChurn } from './churn-model.ts';
import { seededRandom, defaultBoostingOptions } from './boosting.ts';
import { readTelcoCustomers, telcoMatrix } from './telco-features.ts';
import { churnPredictCommand } from './churn-cli.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('CSV reading', () => {
  it('reads quoted fields, doubled quotes, CRLF and blanks', () => {
    expect(parseCsvRecords('a,b,c\r\n"x, y","say ""hi""",\n"multi\nline",2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', ''],
      ['multi\nline', '2', '3'],
    ]);
  });
  it('says where a file is malformed', () => {
    expect(() => parseCsvRecords('a,b\n"open,1\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsvRecords('a,b\nx"y,1\n')).toThrow(CsvError);
    expect(() => parseCsvTable('a,b\n1,2,3\n')).toThrow(/record 1 .* 3 fields; the header has 2/);
  });
});

describe('metrics', () => {
  it('ROC AUC is the probability that a positive outranks a negative (ties one half)', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5);
    expect(brierScore([0, 1], [0.2, 0.6])).toBeCloseTo((0.04 + 0.16) / 2);
  });
  it('reliability deciles and stratified folds keep their counts', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const table = reliabilityTable(y, y.map((v, i) => i / 100));
    expect(table.map((b) => b.count)).toEqual(new Array(10).fill(10));
    const folds = stratifiedFolds(y, 5, 7);
    for (let f = 0; f < 5; f++) expect(y.filter((v, i) => v === 1 && folds[i] === f)).toHaveLength(5);
  });
});

describe('churn model', () => {
  // Churn driven by two features and noise; a third feature is irrelevant.
  const random = seededRandom(3);
  const rows = Array.from({ length: 600 }, () => [random() * 2 - 1, random() * 2 - 1, random()]);
  const labels = rows.map(([a, b]) => (random() < 1 / (1 + Math.exp(-(3 * a! - 2 * b!))) ? 1 : 0));
  const names = ['short tenure', 'usage trend', 'noise'];
  const model = fitChurnModel(names, rows, labels, { logisticL2: 0.001, logisticWeight: 0.5, boosting: { ...defaultBoostingOptions, trees: 60 } });

  it('learns the signal', () => {
    expect(rocAuc(labels, rows.map((r) => predictChurn(model, r)))).toBeGreaterThan(0.8);
  });
  it('explains a prediction exactly: bias + contributions is the log-odds, and the driver leads', () => {
    const e = explainChurn(model, [0.9, -0.9, 0.5]);
    const logit = e.bias + e.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(predictChurn(model, [0.9, -0.9, 0.5]), 10);
    expect(e.probability).toBeCloseTo(predictChurn(model, [0.9, -0.9, 0.5]), 10);
    expect(e.contributions[0]!.feature).toBe('short tenure');
    expect(e.contributions.find((c) => c.feature === 'noise')!.contribution).toBeLessThan(e.contributions[1]!.contribution);
  });
});

const header =
  'customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn';
function telcoRow(id: string, tenure: number, contract: string, fiber: boolean, churn: string, total = (tenure * 70).toFixed(2)): string {
  const net = fiber ? 'Fiber optic' : 'DSL';
  return `${id},Female,0,Yes,No,${tenure},Yes,No,${net},No,Yes,No,No,No,No,${contract},Yes,"Bank transfer (automatic)",70.00,${total},${churn}`;
}

describe('Telco rows and the churn-predict command', () => {
  it('rejects a bad value with its row and column', () => {
    const bad = parseCsvTable(`${header}\n${telcoRow('A', 5, 'Weekly', true, 'Yes')}\n`);
    expect(() => readTelcoCustomers(bad, true)).toThrow(/row 2: Contract "Weekly" is not one of/);
    const noLabel = parseCsvTable(`${header.replace(',Churn', '')}\n${telcoRow('A', 5, 'One year', true, '').replace(/,$/, '')}\n`);
    expect(() => readTelcoCustomers(noLabel, true)).toThrow(/missing column\(s\): Churn/);
    expect(readTelcoCustomers(noLabel, false)[0]!.churn).toBeNull();
  });
  it('treats a blank TotalCharges as a first-month customer', () => {
    const t = parseCsvTable(`${header}\n${telcoRow('A', 0, 'Two year', false, 'No', ' ')}\n`);
    const [c] = readTelcoCustomers(t, true);
    expect(c!.totalCharges).toBeNull();
    expect(telcoMatrix([c!]).rows[0]!.every(Number.isFinite)).toBe(true);
  });
  it('trains on one file and writes a probability for every row of another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-'));
    const train: string[] = [];
    for (let i = 0; i < 120; i++) {
      const short = i % 2 === 0;
      train.push(telcoRow(`T${i}`, short ? 1 + (i % 5) : 30 + (i % 30), short ? 'Month-to-month' : 'Two year', short, (short ? i % 6 !== 0 : i % 10 === 0) ? 'Yes' : 'No'));
    }
    writeFileSync(join(dir, 'train.csv'), `${header}\n${train.join('\n')}\n`);
    writeFileSync(join(dir, 'in.csv'), `${header}\n${telcoRow('NEW-1', 2, 'Month-to-month', true, '')}\n${telcoRow('NEW-2', 60, 'Two year', false, '')}\n`);
    const out: string[] = [];
    const errors: string[] = [];
    const code = churnPredictCommand(['--train', 'train.csv', '--input', 'in.csv', '--output', 'out.csv', '--model', 'logistic'], dir, (l) => out.push(l), (l) => errors.push(l));
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customerID,churn_probability');
    const [, p1, p2] = lines.map((l) => Number(l.split(',')[1]));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['NEW-1', 'NEW-2']);
    expect(p1!).toBeGreaterThan(p2!);

    expect(churnPredictCommand(['--train', 'train.csv', '--cv', '3', '--model', 'logistic'], dir, (l) => out.push(l), (l) => errors.push(l))).toBe(0);
    expect(out.some((l) => /^ROC AUC: 0\.\d{4} ± 0\.\d{4}/.test(l))).toBe(true);
    expect(churnPredictCommand(['--train', 'missing.csv', '--cv', '3'], dir, () => {}, (l) => errors.push(l))).toBe(2);
    expect(errors.at(-1)).toMatch(/cannot read .*missing\.csv/);
    expect(churnPredictCommand(['--train', 'train.csv'], dir, () => {}, (l) => errors.push(l))).toBe(2);
  });
});
