/**
 * RFC 4180 CSV reading for the churn command's input files. Written here rather than taken from
 * a library because the need is small (quoted fields, doubled quotes, CRLF, a header row) and a
 * precise error with the line number matters more than streaming or dialects.
 */

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvTable {
  header: string[];
  /** Each row as header name → raw text (not trimmed; blanks stay ''). */
  rows: Record<string, string>[];
}

/** Splits CSV text into records of fields; throws CsvError on an unterminated or stray quote. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let quoteStartLine = 0;
  let fieldWasQuoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || fieldWasQuoted) throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      inQuotes = true;
      fieldWasQuoted = true;
      quoteStartLine = line;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldWasQuoted = false;
      line++;
    } else {
      if (fieldWasQuoted) throw new CsvError(`line ${line}: text after a closing quote`);
      field += c;
    }
  }
  if (inQuotes) throw new CsvError(`line ${quoteStartLine}: a quoted field is never closed`);
  if (field !== '' || fieldWasQuoted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines (a single empty field) carry no record.
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads a CSV with a header row; every record must have as many fields as the header. */
export function parseCsvTable(text: string): CsvTable {
  const records = parseCsvRecords(text);
  const header = records[0];
  if (!header) throw new CsvError('the file is empty (no header row)');
  const names = header.map((h) => h.trim());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new CsvError(`the header names the column "${dup}" twice`);
  const rows = records.slice(1).map((r, i) => {
    if (r.length !== names.length) throw new CsvError(`record ${i + 1} (after the header) has ${r.length} fields; the header has ${names.length}`);
    const row: Record<string, string> = {};
    names.forEach((n, j) => (row[n] = r[j]!));
    return row;
  });
  return { header: names, rows };
}
