import type { FieldError } from './errors.ts';

/** The fields of a PostgreSQL foreign-key violation (SQLSTATE 23503) that both drivers expose. */
export type ForeignKeyViolation = { message?: string; table?: string; constraint?: string; detail?: string };

/** What a referenced table holds, as a person would name it. */
const nouns: Record<string, string> = {
  branches: 'branch', users: 'staff member', subscription_plans: 'plan', subscribers: 'subscriber', nas_devices: 'NAS',
  radius_sessions: 'session', ip_pools: 'IP pool', tax_rules: 'tax rule', subscriptions: 'subscription', invoices: 'invoice',
  invoice_lines: 'invoice line', payments: 'payment', voucher_batches: 'voucher batch', voucher_cards: 'voucher card',
  noc_devices: 'device', noc_interfaces: 'interface', noc_alert_rules: 'alert rule', noc_incidents: 'incident',
  support_tickets: 'ticket', platform_invoices: 'platform invoice', platform_invoice_lines: 'platform invoice line',
  billing_addons: 'add-on', coupons: 'coupon',
};

type Request = { body?: unknown; query?: unknown; params?: unknown };

/**
 * A row that refers to a record its ISP does not have: the tenant keys are (isp_id, x_id), so
 * a missing record and another ISP's record are the same violation, and the answer names the
 * field without saying which of the two it was. Returns null for the other direction (a
 * delete of a record that is still referenced), which stays a conflict.
 */
export function missingReference(pg: ForeignKeyViolation, req: Request): { detail: string; errors?: FieldError[] } | null {
  // The detail names the referenced table when the new row's key is missing ("is not present
  // in table") and the referencing one when a delete is refused; the table names are not
  // translated, the sentences may be. A key to its own table is told apart by the message.
  const named = /"([^"]+)"\.?$/.exec(pg.detail ?? '')?.[1];
  const missing = (named !== undefined && named !== pg.table) || /^insert or update on table/.test(pg.message ?? '');
  if (!missing || !pg.table || !pg.constraint) return null;
  const prefix = `${pg.table}_`;
  // Tenant keys are named <table>_<column>_fkey (migration 0029).
  const field = pg.constraint.startsWith(prefix) && pg.constraint.endsWith('_fkey') ? pg.constraint.slice(prefix.length, -'_fkey'.length) : null;
  if (!field) return null;
  const noun = (named && nouns[named]) ?? field.replace(/_ids?$/, '').replace(/_/g, ' ');
  const detail = `No such ${noun} in this ISP`;
  const where = (['body', 'querystring', 'params'] as const).find((w) => hasField(w === 'querystring' ? req.query : req[w], field));
  return { detail: `${detail} (${field})`, ...(where && { errors: [{ pointer: `/${where}/${field}`, detail }] }) };
}

function hasField(value: unknown, field: string): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, field);
}
