/**
 * `churn-predict`: trains the churn model on a labelled IBM Telco file and writes a probability
 * for every customer of a second file, or (with --cv) cross-validates on the training file and
 * prints ROC AUC and calibration.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CsvError, parseCsvTable } from './csv.ts';
import { defaultChurnModelOptions, fitChurnModel, predictChurn, type ChurnModelOptions } from './churn-model.ts';
import { crossValidate } from './cross-validate.ts';
import { readTelcoCustomers, telcoMatrix, type TelcoCustomer } from './telco-features.ts';

export const churnPredictUsage = `churn-predict --train <csv> (--input <csv> --output <csv> | --cv <k>) [--model blend|logistic|boosting] [--seed N]
                        train the churn model on an IBM Telco file (column Churn) and write
                        customerID,churn_probability for every row of --input, or print
                        stratified k-fold ROC AUC and calibration of the training file`;

const modelWeights = { blend: defaultChurnModelOptions.logisticWeight, logistic: 1, boosting: 0 } as const;

function readCustomers(path: string, requireLabel: boolean): TelcoCustomer[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CsvError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return readTelcoCustomers(parseCsvTable(text), requireLabel);
  } catch (err) {
    if (err instanceof CsvError) throw new CsvError(`${path}: ${err.message}`);
    throw err;
  }
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/**
 * Runs the command; returns the process exit code (2 = bad arguments or input). Relative paths
 * are taken from `cwd`: under `npm run -w`, the directory npm was started in (INIT_CWD), not the
 * workspace's.
 */
export function churnPredictCommand(args: string[], cwd: string, print: (line: string) => void, printError: (line: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        train: { type: 'string' },
        input: { type: 'string' },
        output: { type: 'string' },
        cv: { type: 'string' },
        model: { type: 'string', default: 'blend' },
        seed: { type: 'string', default: '2024' },
      },
    }));
  } catch (err) {
    printError(`${err instanceof Error ? err.message : String(err)}\nusage: ${churnPredictUsage}`);
    return 2;
  }
  const fail = (message: string) => {
    printError(`churn-predict: ${message}\nusage: ${churnPredictUsage}`);
    return 2;
  };
  if (!values.train) return fail('--train <csv> is required');
  if (!(values.model in modelWeights)) return fail(`--model must be blend, logistic or boosting (got "${values.model}")`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) return fail('--seed must be a whole number');
  const cv = values.cv === undefined ? undefined : Number(values.cv);
  if (cv !== undefined && (!Number.isInteger(cv) || cv < 2 || cv > 50)) return fail('--cv must be a whole number from 2 to 50');
  if (cv === undefined && (!values.input || !values.output)) return fail('give --input <csv> and --output <csv>, or --cv <k>');
  const options: ChurnModelOptions = { ...defaultChurnModelOptions, logisticWeight: modelWeights[values.model as keyof typeof modelWeights] };

  try {
    const training = readCustomers(resolve(cwd, values.train), true);
    const labels = training.map((c) => c.churn!);
    const { featureNames, rows } = telcoMatrix(training);
    if (cv !== undefined) {
      const r = crossValidate(rows, labels, featureNames, cv, options, seed);
      print(`${training.length} customers, ${labels.filter((y) => y === 1).length} churners; model ${values.model}; ${cv}-fold stratified CV (seed ${seed})`);
      print(`ROC AUC per fold: ${r.foldAuc.map((a) => a.toFixed(4)).join(' ')}`);
      print(`ROC AUC: ${r.auc.mean.toFixed(4)} ± ${r.auc.sd.toFixed(4)} (mean ± sd over folds); pooled out-of-fold ${r.pooledAuc.toFixed(4)}`);
      print(`Brier score ${r.brier.toFixed(4)}, log-loss ${r.logLoss.toFixed(4)}, expected calibration error ${r.calibrationError.toFixed(4)}`);
      print('Reliability by decile of predicted probability (out-of-fold):');
      print('  decile  customers  mean predicted  observed churn');
      for (const b of r.reliability) print(`  ${String(b.bin).padStart(6)}  ${String(b.count).padStart(9)}  ${pct(b.meanPredicted).padStart(14)}  ${pct(b.observedRate).padStart(14)}`);
    }
    if (values.input && values.output) {
      const input = readCustomers(resolve(cwd, values.input), false);
      const model = fitChurnModel(featureNames, rows, labels, options);
      const lines = ['customerID,churn_probability', ...input.map((c) => `${csvField(c.customerId)},${predictChurn(model, telcoMatrix([c]).rows[0]!).toFixed(6)}`)];
      writeFileSync(resolve(cwd, values.output), lines.join('\n') + '\n');
      print(`Wrote ${input.length} predictions to ${values.output} (model trained on ${training.length} customers)`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CsvError) {
      printError(`churn-predict: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
