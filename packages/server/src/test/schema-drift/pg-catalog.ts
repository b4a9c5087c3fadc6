import type { Database } from '../../platform/db/database.ts';

// What PostgreSQL's catalog says about the tables of the public schema (partitions left out:
// their parent stands for them), in the shapes the schema drift check compares.

export type DbColumn = { type: string; notNull: boolean; default: string | null; identity: '' | 'a' | 'd'; generated: boolean };
export type DbEnumCheck = { values: string[] };
export type DbForeignKey = { name: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string };

export async function loadColumns(db: Database): Promise<Map<string, Map<string, DbColumn>>> {
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

export async function loadPrimaryKeys(db: Database): Promise<Map<string, string[]>> {
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

export async function loadForeignKeys(db: Database): Promise<Map<string, DbForeignKey[]>> {
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
export async function loadEnumChecks(db: Database): Promise<Map<string, DbEnumCheck>> {
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
