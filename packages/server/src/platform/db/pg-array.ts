/**
 * A PostgreSQL array literal for a text[] parameter: drizzle's `sql` expands a JS array
 * into a parameter list, which is not what `= ANY(...)` or a text[] column wants.
 */
export function pgTextArray(values: readonly string[]): string {
  return '{' + values.map((v) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}';
}
