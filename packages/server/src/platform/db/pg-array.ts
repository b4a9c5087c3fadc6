/**
 * A PostgreSQL array literal, passed as ONE parameter and cast in SQL (`${pgArray(v)}::uuid[]`).
 * Drizzle's `sql` expands a JS array into a parameter list, which is not what `= ANY(...)`,
 * a text[] column or `unnest(...)` bulk writes want; and one array parameter per column keeps
 * a thousand-row insert to a handful of parameters.
 */
export function pgArray(values: readonly (string | number | bigint | boolean | Date | null | undefined)[]): string {
  // Built for thousand-row batches on the AAA path: no regex unless a value needs escaping.
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') out += String(v);
    else {
      const s = v instanceof Date ? v.toISOString() : v;
      out += s.includes('\\') || s.includes('"') ? '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"' : '"' + s + '"';
    }
  }
  return out + '}';
}
