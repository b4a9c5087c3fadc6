export type PgArrayValue = string | number | bigint | boolean | Date | null | undefined;

/**
 * A PostgreSQL array literal, passed as ONE parameter and cast in SQL (`${pgArray(v)}::uuid[]`).
 * Drizzle's `sql` expands a JS array into a parameter list, which is not what `= ANY(...)`,
 * a text[] column or `unnest(...)` bulk writes want; and one array parameter per column keeps
 * a thousand-row insert to a handful of parameters.
 */
export function pgArray(values: readonly PgArrayValue[], start = 0, end = values.length): string {
  return build(start, end, (i) => values[i]);
}

/**
 * pgArray of one field of each item (from `start` to `end`), without the array of that field in
 * between. `pick` must not call pgArray; its value is used before it is called again.
 */
export function pgArrayOf<T>(items: readonly T[], pick: (item: T) => PgArrayValue, start = 0, end = items.length): string {
  return build(start, end, (i) => pick(items[i]!));
}

// Built for thousand-row batches on the AAA path, as octets in one reused buffer decoded once:
// appending to a JS string made a few intermediate strings per value, and the driver then
// flattened the result into yet another copy (about 1 KB of garbage per post-auth record).
let out = Buffer.allocUnsafe(64 * 1024);
let pos = 0;

function build(start: number, end: number, at: (i: number) => PgArrayValue): string {
  pos = 0;
  room(2);
  out[pos++] = 0x7b; // {
  for (let i = start; i < end; i++) {
    room(1);
    if (i > start) out[pos++] = 0x2c; // ,
    const v = at(i);
    if (v === null || v === undefined) ascii('NULL');
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') ascii(String(v));
    else if (v instanceof Date) date(v);
    else {
      // No regex unless a value needs escaping.
      const s = v.includes('\\') || v.includes('"') ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : v;
      room(s.length * 3 + 2);
      out[pos++] = 0x22; // "
      pos += out.write(s, pos, 'utf8');
      out[pos++] = 0x22;
    }
  }
  room(1);
  out[pos++] = 0x7d; // }
  return out.toString('utf8', 0, pos);
}

function room(n: number): void {
  if (pos + n <= out.length) return;
  let size = out.length * 2;
  while (size < pos + n) size *= 2;
  const bigger = Buffer.allocUnsafe(size);
  out.copy(bigger, 0, 0, pos);
  out = bigger;
}

function ascii(s: string): void {
  room(s.length);
  pos += out.write(s, pos, 'latin1');
}

/** Date.toISOString() written in place (the same text), for the years it writes with four digits. */
function date(d: Date): void {
  const year = d.getUTCFullYear();
  // Invalid dates throw there as before; years outside 0-9999 take its six-digit form.
  if (!(year >= 0 && year <= 9999)) {
    room(32);
    out[pos++] = 0x22;
    pos += out.write(d.toISOString(), pos, 'latin1');
    out[pos++] = 0x22;
    return;
  }
  room(26);
  out[pos++] = 0x22;
  digits(year, 4);
  out[pos++] = 0x2d; // -
  digits(d.getUTCMonth() + 1, 2);
  out[pos++] = 0x2d;
  digits(d.getUTCDate(), 2);
  out[pos++] = 0x54; // T
  digits(d.getUTCHours(), 2);
  out[pos++] = 0x3a; // :
  digits(d.getUTCMinutes(), 2);
  out[pos++] = 0x3a;
  digits(d.getUTCSeconds(), 2);
  out[pos++] = 0x2e; // .
  digits(d.getUTCMilliseconds(), 3);
  out[pos++] = 0x5a; // Z
  out[pos++] = 0x22;
}

function digits(n: number, width: number): void {
  for (let i = width - 1, v = n; i >= 0; i--, v = Math.floor(v / 10)) out[pos + i] = 0x30 + (v % 10);
  pos += width;
}
