import { foreignKey, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';

type TenantRow = { ispId: AnyPgColumn; id: AnyPgColumn };

/**
 * A link to a row of the same ISP, (isp_id, x_id) -> (isp_id, id) (migration 0029): a plain
 * key on x_id alone is checked past row-level security and would accept another ISP's row.
 * Where the migration says ON DELETE SET NULL it clears only x_id (isp_id is NOT NULL);
 * Drizzle cannot spell that column list, and does not write the migrations.
 */
export function tenantKey(name: string, ispId: AnyPgColumn, column: AnyPgColumn, target: TenantRow) {
  return foreignKey({ name, columns: [ispId, column], foreignColumns: [target.ispId, target.id] });
}

/** The unique (isp_id, id) that tenant keys refer to. */
export function tenantRowKey(table: string, t: TenantRow) {
  return unique(`${table}_isp_id_id_key`).on(t.ispId, t.id);
}
