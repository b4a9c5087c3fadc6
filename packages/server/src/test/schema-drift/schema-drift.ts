import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/database.ts';
import { loadColumns, loadEnumChecks, loadForeignKeys, loadPrimaryKeys, type DbColumn, type DbEnumCheck, type DbForeignKey } from './pg-catalog.ts';

export interface DriftOptions {
  /** The module each table is declared in: a foreign key between two tables of one module must
   *  be declared in Drizzle; one into another module's table may stay the database's fact alone
   *  (the module order can forbid the import: billing does not import the vouchers' tables). */
  moduleOf?: (table: string) => string | undefined;
}

/**
 * Where the Drizzle table definitions and a migrated database disagree: tables, columns, types,
 * nullability, defaults, identity, primary keys, foreign keys, and a `text({ enum })` against the
 * column's CHECK (col IN (...)). Each finding names the table and column, e.g.
 * `subscribers.status: nullable in Drizzle, NOT NULL in the database`.
 *
 * The migrations are the database's source; the Drizzle definitions restate it for the query
 * builder, so the two can drift apart silently (an insert that leaves out a NOT NULL column
 * compiles and fails at run time). This compares them through drizzle-orm's own table
 * introspection (`getTableConfig`) and PostgreSQL's catalog.
 */
export async function schemaDrift(db: Database, tables: PgTable[], opts: DriftOptions = {}): Promise<string[]> {
  const found: string[] = [];
  const dbColumns = await loadColumns(db);
  const dbPrimaryKeys = await loadPrimaryKeys(db);
  const dbForeignKeys = await loadForeignKeys(db);
  const dbEnums = await loadEnumChecks(db);
  const declared = new Set<string>();
  for (const table of tables) {
    const config = getTableConfig(table);
    const name = config.name;
    if (declared.has(name)) found.push(`${name}: declared twice in Drizzle`);
    declared.add(name);
    const columns = dbColumns.get(name);
    if (!columns) {
      found.push(`${name}: in Drizzle but not in the database`);
      continue;
    }
    for (const column of config.columns) {
      found.push(...columnDrift(name, column, columns.get(column.name)));
      found.push(...enumDrift(name, column, dbEnums.get(`${name}.${column.name}`)));
    }
    for (const column of columns.keys()) {
      if (!config.columns.some((c) => c.name === column)) found.push(`${name}.${column}: in the database but not in Drizzle`);
    }
    const pk = [...config.columns.filter((c) => c.primary).map((c) => c.name), ...config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name))];
    const dbPk = dbPrimaryKeys.get(name) ?? [];
    if (!sameSet(pk, dbPk)) found.push(`${name}: primary key is (${pk.join(', ')}) in Drizzle, (${dbPk.join(', ')}) in the database`);
    found.push(...foreignKeyDrift(name, config.foreignKeys, dbForeignKeys.get(name) ?? [], opts));
  }
  return found;
}

function columnDrift(table: string, column: PgColumn, db: DbColumn | undefined): string[] {
  const at = `${table}.${column.name}`;
  if (!db) return [`${at}: in Drizzle but not in the database`];
  const found: string[] = [];
  const type = normaliseType(column.getSQLType());
  if (type !== db.type) found.push(`${at}: type is ${type} in Drizzle, ${db.type} in the database`);
  // A primary key column is NOT NULL whether or not Drizzle says so.
  const notNull = column.notNull || column.primary;
  if (notNull !== db.notNull) found.push(`${at}: ${notNull ? 'NOT NULL' : 'nullable'} in Drizzle, ${db.notNull ? 'NOT NULL' : 'nullable'} in the database`);
  found.push(...defaultDrift(at, column, db));
  return found;
}

function defaultDrift(at: string, column: PgColumn, db: DbColumn): string[] {
  const identity = column.generatedIdentity?.type;
  const dbIdentity = db.identity === 'a' ? 'always' : db.identity === 'd' ? 'byDefault' : undefined;
  if (identity !== dbIdentity) return [`${at}: identity is ${identity ?? 'none'} in Drizzle, ${dbIdentity ?? 'none'} in the database`];
  if (Boolean(column.generated) !== db.generated) return [`${at}: ${column.generated ? 'generated' : 'stored'} in Drizzle, ${db.generated ? 'generated' : 'stored'} in the database`];
  if (identity || db.generated) return [];
  const serial = column.getSQLType().endsWith('serial');
  const dbSerial = db.default?.startsWith('nextval(') ?? false;
  if (serial || dbSerial) return serial === dbSerial ? [] : [`${at}: ${serial ? 'serial' : 'not serial'} in Drizzle, ${dbSerial ? 'a sequence default' : 'no sequence'} in the database`];
  // $defaultFn/$onUpdate are filled in by the application, not the database.
  const drizzle = column.default === undefined ? null : unquoteScalar(renderDefault(column.default, column));
  const database = db.default === null ? null : normaliseDbDefault(db.default);
  if (drizzle === database) return [];
  return [`${at}: default is ${drizzle ?? 'none'} in Drizzle, ${database ?? 'none'} in the database`];
}

/** A Drizzle `text({ enum })` is the CHECK (column IN (...)) of the database, value for value. */
function enumDrift(table: string, column: PgColumn, check: DbEnumCheck | undefined): string[] {
  const values = column.enumValues;
  if (!values?.length) return [];
  const at = `${table}.${column.name}`;
  if (!check) return [`${at}: Drizzle allows only ${values.join(', ')}; the database has no CHECK on these values`];
  const missing = values.filter((v) => !check.values.includes(v));
  const extra = check.values.filter((v) => !values.includes(v));
  if (!missing.length && !extra.length) return [];
  return [`${at}: values ${[...missing.map((v) => `${v} only in Drizzle`), ...extra.map((v) => `${v} only in the database`)].join(', ')}`];
}

function foreignKeyDrift(table: string, declared: ReturnType<typeof getTableConfig>['foreignKeys'], inDb: DbForeignKey[], opts: DriftOptions): string[] {
  const found: string[] = [];
  const key = (columns: string[], target: string, targetColumns: string[]) => `(${columns.join(', ')}) -> ${target}(${targetColumns.join(', ')})`;
  const dbKeys = new Map(inDb.map((fk) => [key(fk.columns, fk.target, fk.targetColumns), fk]));
  const drizzleKeys = new Set<string>();
  for (const fk of declared) {
    const ref = fk.reference();
    const k = key(ref.columns.map((c) => c.name), getTableConfig(ref.foreignTable).name, ref.foreignColumns.map((c) => c.name));
    drizzleKeys.add(k);
    const db = dbKeys.get(k);
    if (!db) {
      found.push(`${table}: foreign key ${k} is in Drizzle but not in the database`);
      continue;
    }
    const onDelete = fk.onDelete ?? 'no action';
    if (onDelete !== db.onDelete) found.push(`${table}: foreign key ${k} deletes ${onDelete} in Drizzle, ${db.onDelete} in the database`);
  }
  const module = opts.moduleOf?.(table);
  for (const [k, fk] of dbKeys) {
    if (drizzleKeys.has(k)) continue;
    if (module === undefined || opts.moduleOf?.(fk.target) !== module) continue;
    found.push(`${table}: foreign key ${k} (${fk.name}) is in the database but not in Drizzle`);
  }
  return found;
}

const dialect = new PgDialect();

function renderDefault(value: unknown, column: PgColumn): string {
  if (is(value, SQL)) return dialect.sqlToQuery(value).sql;
  const sqlType = column.getSQLType();
  if (sqlType.startsWith('json')) return `'${JSON.stringify(value)}'`;
  if (Array.isArray(value)) return `'{${value.map((v) => String(v)).join(',')}}'`;
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

/** PostgreSQL prints a default with casts (`'active'::text`, `'[]'::jsonb`); Drizzle without. */
function normaliseDbDefault(expr: string): string {
  let out = expr.trim();
  // `'x'::text`, `'{}'::text[]`, `(0)::bigint`, `'a'::character varying`: drop trailing casts.
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/::[a-z_ ]+(\([0-9, ]+\))?(\[\])?$/i, '');
    if (/^\(.*\)$/.test(out) && !out.includes(')(')) out = out.slice(1, -1);
  }
  // A JSON literal compares as JSON, whatever PostgreSQL's spacing.
  const json = /^'(.*)'$/s.exec(out);
  if (json && /^[[{]/.test(json[1]!)) {
    try {
      return `'${JSON.stringify(JSON.parse(json[1]!.replace(/''/g, "'")))}'`;
    } catch {
      return out;
    }
  }
  return unquoteScalar(out);
}

/** Numbers and booleans compare without quotes: numeric's `'1'` in Drizzle is `1` in PostgreSQL. */
function unquoteScalar(expr: string): string {
  return /^'(-?\d+(\.\d+)?|true|false)'$/.test(expr) ? expr.slice(1, -1) : expr;
}

/** Drizzle's spelling of a type → PostgreSQL's `format_type` spelling. */
export function normaliseType(type: string): string {
  const t = type.trim().toLowerCase();
  const array = t.endsWith('[]') ? '[]' : '';
  let base = array ? t.slice(0, -2) : t;
  base = base.replace(/\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)/, '($1,$2)').replace(/\s+\(/, '(');
  const aliases: Record<string, string> = {
    bigserial: 'bigint',
    serial: 'integer',
    smallserial: 'smallint',
    int: 'integer',
    int4: 'integer',
    int8: 'bigint',
    int2: 'smallint',
    bool: 'boolean',
    float8: 'double precision',
    real: 'real',
    time: 'time without time zone',
    timestamp: 'timestamp without time zone',
    timestamptz: 'timestamp with time zone',
    varchar: 'character varying',
    char: 'character',
  };
  const m = /^([a-z0-9_ ]+?)(\(\d+(,\d+)?\))?( with time zone)?$/.exec(base);
  if (m) {
    const name = m[1]!;
    const args = m[2] ?? '';
    if (m[4]) base = `${name}${args} with time zone`;
    else if (name === 'time' || name === 'timestamp') base = `${name}${args} without time zone`;
    else base = `${aliases[name] ?? name}${args}`;
  }
  return base + array;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Tables of the database that no Drizzle definition describes (the caller decides if that is drift). */
export async function tablesOutsideDrizzle(db: Database, tables: PgTable[]): Promise<string[]> {
  const declared = new Set(tables.map((t) => getTableConfig(t).name));
  return [...(await loadColumns(db)).keys()].filter((t) => !declared.has(t)).sort();
}
