/**
 * A PostgreSQL array literal, passed as ONE parameter and cast in SQL (`${pgArray(v)}::uuid[]`).
 * Drizzle's `sql` expands a JS array into a parameter list, which is not what `= ANY(...)`,
 * a text[] column or `unnest(...)` bulk writes want; and one array parameter per column keeps
 * a thousand-row insert to a handful of parameters.
 */
export function pgArray(values: readonly (string | number | bigint | boolean | Date | null | undefined)[]): string {
  return '{' + values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const s = v instanceof Date ? v.toISOString() : String(v);
    return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }).join(',') + '}';
}
