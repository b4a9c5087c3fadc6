import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/**
 * Where the Drizzle table definitions and a migrated database disagree: tables, columns,
 * types, nullability, defaults, primary and foreign keys. Each finding names the table and
 * column, e.g. `subscribers.status: Drizzle says nullable, the database NOT NULL`.
 *
 * The migrations are the database's source; the Drizzle definitions restate it for the query
 * builder, so the two can drift apart silently (an insert that leaves out a NOT NULL column
 * compiles and fails at run time). This compares them through drizzle-orm's own table
 * introspection (`getTableConfig`) and PostgreSQL's catalog.
 */
export interface DriftOptions {
  /** The module each table is declared in: a foreign key between two tables of one module must
   *  be declared in Drizzle; one into another module's table is the database's fact alone, since
   *  declaring it would import the other module's tables. */
  moduleOf?: (table: string) => string | undefined;
}

type DbColumn = { type: string; notNull: boolean; default: string | null; identity: '' | 'a' | 'd'; generated: boolean };
type DbEnumCheck = { values: string[] };
type DbForeignKey = { name: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string };

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

async function loadColumns(db: Database): Promise<Map<string, Map<string, DbColumn>>> {
  const rows = await db.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null; identity: string; generated: string }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
            a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const out = new Map<string, Map<string, DbColumn>>();
  for (const r of rows) {
    let table = out.get(r.table);
    if (!table) out.set(r.table, (table = new Map()));
    table.set(r.column, {
      type: r.type,
      notNull: r.not_null,
      default: r.generated ? null : r.default,
      identity: (r.identity || '') as DbColumn['identity'],
      generated: r.generated !== '',
    });
  }
  return out;
}

async function loadPrimaryKeys(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.query<{ table: string; columns: string[] }>(
    `SELECT c.relname::text AS table,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS columns
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'p' AND NOT c.relispartition`,
  );
  return new Map(rows.map((r) => [r.table, r.columns]));
}

async function loadForeignKeys(db: Database): Promise<Map<string, DbForeignKey[]>> {
  const rows = await db.query<{ table: string; name: string; columns: string[]; target: string; target_columns: string[]; on_delete: string }>(
    `SELECT c.relname::text AS table, k.conname::text AS name, t.relname::text AS target,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS columns,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS target_columns,
            CASE k.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
                               WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END AS on_delete
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class t ON t.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f' AND NOT c.relispartition AND k.conparentid = 0`,
  );
  const out = new Map<string, DbForeignKey[]>();
  for (const r of rows) {
    const list = out.get(r.table) ?? [];
    list.push({ name: r.name, columns: r.columns, target: r.target, targetColumns: r.target_columns, onDelete: r.on_delete });
    out.set(r.table, list);
  }
  return out;
}

/** CHECK constraints of one column that list its allowed values: `col = ANY (ARRAY['a'::text, ...])`. */
async function loadEnumChecks(db: Database): Promise<Map<string, DbEnumCheck>> {
  const rows = await db.query<{ table: string; column: string; def: string }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      WHERE n.nspname = 'public' AND k.contype = 'c' AND cardinality(k.conkey) = 1 AND NOT c.relispartition`,
  );
  const out = new Map<string, DbEnumCheck>();
  for (const r of rows) {
    const list = /^CHECK \(\(?"?[a-z_0-9]+"? = ANY \(\(?ARRAY\[(.*)\]\)?(::text\[\])?\)\)?\)$/.exec(r.def);
    if (!list) continue;
    const values = [...list[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
    out.set(`${r.table}.${r.column}`, { values });
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Tables of the database that no Drizzle definition describes (the caller decides if that is drift). */
export async function tablesOutsideDrizzle(db: Database, tables: PgTable[]): Promise<string[]> {
  const declared = new Set(tables.map((t) => getTableConfig(t).name));
  return [...(await loadColumns(db)).keys()].filter((t) => !declared.has(t)).sort();
}
