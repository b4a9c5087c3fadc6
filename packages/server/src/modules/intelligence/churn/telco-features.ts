/**
 * The IBM Telco customer-churn file: its rows checked and turned into model features. Features
 * use only the customer's own columns (never the label), and nothing fitted on other rows —
 * scaling belongs to the model, so a cross-validation fold fits it inside the fold.
 */
import { CsvError, type CsvTable } from './csv.ts';

const yesNo = ['Yes', 'No'] as const;
const internetDependent = ['Yes', 'No', 'No internet service'] as const;

/** Categorical columns and the values each may hold (as in IBM's file). */
export const telcoCategories = {
  gender: ['Female', 'Male'],
  Partner: yesNo,
  Dependents: yesNo,
  PhoneService: yesNo,
  MultipleLines: ['Yes', 'No', 'No phone service'],
  InternetService: ['DSL', 'Fiber optic', 'No'],
  OnlineSecurity: internetDependent,
  OnlineBackup: internetDependent,
  DeviceProtection: internetDependent,
  TechSupport: internetDependent,
  StreamingTV: internetDependent,
  StreamingMovies: internetDependent,
  Contract: ['Month-to-month', 'One year', 'Two year'],
  PaperlessBilling: yesNo,
  PaymentMethod: ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'],
} as const satisfies Record<string, readonly string[]>;

type CategoryColumn = keyof typeof telcoCategories;

export interface TelcoCustomer {
  customerId: string;
  seniorCitizen: boolean;
  tenure: number;
  monthlyCharges: number;
  /** Blank in the file for customers in their first month (tenure 0). */
  totalCharges: number | null;
  category: Record<CategoryColumn, string>;
  /** 1 = churned, 0 = stayed, null = no label (input file). */
  churn: 0 | 1 | null;
}

const required = ['customerID', 'SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges', ...Object.keys(telcoCategories)];

function number(text: string, column: string, line: number, opts: { integer?: boolean; min?: number }): number {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) throw new CsvError(`row ${line}: ${column} "${text}" is not a number`);
  if (opts.integer && !Number.isInteger(v)) throw new CsvError(`row ${line}: ${column} "${text}" is not a whole number`);
  if (opts.min !== undefined && v < opts.min) throw new CsvError(`row ${line}: ${column} ${v} is below ${opts.min}`);
  return v;
}

/** Checks every row; `requireLabel` demands a Churn column of Yes/No (training), otherwise it is ignored. */
export function readTelcoCustomers(table: CsvTable, requireLabel: boolean): TelcoCustomer[] {
  const missing = required.filter((c) => !table.header.includes(c));
  if (requireLabel && !table.header.includes('Churn')) missing.push('Churn');
  if (missing.length) throw new CsvError(`missing column(s): ${missing.join(', ')}`);
  if (table.rows.length === 0) throw new CsvError('the file has a header but no rows');
  const seen = new Set<string>();
  return table.rows.map((row, i) => {
    const line = i + 2; // the header is line 1
    const customerId = row.customerID!.trim();
    if (!customerId) throw new CsvError(`row ${line}: customerID is empty`);
    if (seen.has(customerId)) throw new CsvError(`row ${line}: customerID ${customerId} appears twice`);
    seen.add(customerId);
    const category = {} as Record<CategoryColumn, string>;
    for (const [column, allowed] of Object.entries(telcoCategories) as [CategoryColumn, readonly string[]][]) {
      const v = row[column]!.trim();
      if (!allowed.includes(v)) throw new CsvError(`row ${line}: ${column} "${v}" is not one of ${allowed.join(' / ')}`);
      category[column] = v;
    }
    const senior = row.SeniorCitizen!.trim();
    if (senior !== '0' && senior !== '1') throw new CsvError(`row ${line}: SeniorCitizen "${senior}" is not 0 or 1`);
    const tenure = number(row.tenure!, 'tenure', line, { integer: true, min: 0 });
    const monthlyCharges = number(row.MonthlyCharges!, 'MonthlyCharges', line, { min: 0 });
    const totalText = row.TotalCharges!.trim();
    const totalCharges = totalText === '' ? null : number(totalText, 'TotalCharges', line, { min: 0 });
    let churn: 0 | 1 | null = null;
    if (requireLabel) {
      const c = row.Churn!.trim();
      if (c !== 'Yes' && c !== 'No') throw new CsvError(`row ${line}: Churn "${c}" is not Yes or No`);
      churn = c === 'Yes' ? 1 : 0;
    }
    return { customerId, seniorCitizen: senior === '1', tenure, monthlyCharges, totalCharges, category, churn };
  });
}

const tenureBuckets: [number, number][] = [
  [0, 2],
  [3, 6],
  [7, 12],
  [13, 24],
  [25, 48],
  [49, 60],
  [61, Infinity],
];

const addOns = ['OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'] as const;

/** Named features for one customer; the same names, in the same order, for every customer. */
export function telcoFeatures(c: TelcoCustomer): [string, number][] {
  const f: [string, number][] = [];
  for (const [column, values] of Object.entries(telcoCategories) as [CategoryColumn, readonly string[]][]) {
    for (const v of values) f.push([`${column}=${v}`, c.category[column] === v ? 1 : 0]);
  }
  const logTenure = Math.log1p(c.tenure);
  // A blank TotalCharges is a first-month customer: nothing billed yet beyond this month.
  const total = c.totalCharges ?? c.monthlyCharges * Math.max(c.tenure, 1);
  const avgMonthly = c.tenure > 0 ? total / c.tenure : c.monthlyCharges;
  const services = addOns.filter((a) => c.category[a] === 'Yes').length + (c.category.PhoneService === 'Yes' ? 1 : 0) + (c.category.MultipleLines === 'Yes' ? 1 : 0);
  const m2m = c.category.Contract === 'Month-to-month' ? 1 : 0;
  const oneYear = c.category.Contract === 'One year' ? 1 : 0;
  const fiber = c.category.InternetService === 'Fiber optic' ? 1 : 0;
  const dsl = c.category.InternetService === 'DSL' ? 1 : 0;
  const echeck = c.category.PaymentMethod === 'Electronic check' ? 1 : 0;
  const automatic = c.category.PaymentMethod.includes('automatic') ? 1 : 0;
  const protection = (['OnlineSecurity', 'TechSupport'] as const).filter((a) => c.category[a] === 'Yes').length;
  f.push(
    ['SeniorCitizen', c.seniorCitizen ? 1 : 0],
    ['tenure', c.tenure],
    ['log(tenure+1)', logTenure],
    ...tenureBuckets.map(([lo, hi]): [string, number] => [`tenure ${lo}–${hi === Infinity ? '' : hi}`, c.tenure >= lo && c.tenure <= hi ? 1 : 0]),
    ['MonthlyCharges', c.monthlyCharges],
    ['log(MonthlyCharges)', Math.log(Math.max(c.monthlyCharges, 1))],
    ['log(TotalCharges+1)', Math.log1p(total)],
    ['charges per tenure month', avgMonthly],
    ['MonthlyCharges − charges per tenure month', c.monthlyCharges - avgMonthly],
    ['services', services],
    ['security+support add-ons', protection],
    ['month-to-month × log(tenure+1)', m2m * logTenure],
    ['one year × log(tenure+1)', oneYear * logTenure],
    ['fiber × log(tenure+1)', fiber * logTenure],
    ['DSL × log(tenure+1)', dsl * logTenure],
    ['electronic check × log(tenure+1)', echeck * logTenure],
    ['automatic payment × log(tenure+1)', automatic * logTenure],
    ['month-to-month × fiber', m2m * fiber],
    ['month-to-month × MonthlyCharges', m2m * c.monthlyCharges],
    ['month-to-month × paperless', m2m * (c.category.PaperlessBilling === 'Yes' ? 1 : 0)],
    ['month-to-month × electronic check', m2m * echeck],
    ['fiber × no security/support', fiber * (protection === 0 ? 1 : 0)],
    ['senior × fiber', (c.seniorCitizen ? 1 : 0) * fiber],
    ['first year × month-to-month', m2m * (c.tenure <= 12 ? 1 : 0)],
    ['fiber × MonthlyCharges', fiber * c.monthlyCharges],
    ['streaming', (c.category.StreamingTV === 'Yes' ? 1 : 0) + (c.category.StreamingMovies === 'Yes' ? 1 : 0)],
    ['month-to-month × services', m2m * services],
    ['(log(tenure+1))²', logTenure * logTenure],
    ['no partner × no dependents', (c.category.Partner === 'No' ? 1 : 0) * (c.category.Dependents === 'No' ? 1 : 0)],
    ['senior × month-to-month', (c.seniorCitizen ? 1 : 0) * m2m],
  );
  return f;
}

export function telcoMatrix(customers: TelcoCustomer[]): { featureNames: string[]; rows: number[][] } {
  const named = customers.map(telcoFeatures);
  // Every customer yields the same features in the same order; no customers, no features.
  const featureNames = named[0]?.map(([n]) => n) ?? [];
  return { featureNames, rows: named.map((r) => r.map(([, v]) => v)) };
}
