import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/scope.ts';
import { overdueSql } from './tickets.read.ts';

export const ticketFiguresDto = z.object({
  open: z.number().int().describe('New, open and pending'),
  new_today: z.number().int().describe('Opened since midnight in the ISP time zone'),
  overdue: z.number().int(),
  unassigned: z.number().int().describe('New, open and pending without an assignee'),
  opened_per_day: z.array(z.object({ day: z.string(), count: z.number().int() })).describe('Last 30 days, in the ISP time zone'),
});
export type TicketFigures = z.infer<typeof ticketFiguresDto>;

/** The support desk's dashboard figures, counted from the rows the scope can see. */
export async function ticketFigures(tx: Tx, ispId: string): Promise<TicketFigures> {
  const [c] = await rows<Omit<TicketFigures, 'opened_per_day'>>(tx, sql`
    WITH tz AS (SELECT timezone FROM isps WHERE id = ${ispId})
    SELECT count(*) FILTER (WHERE t.status IN ('new', 'open', 'pending'))::int AS open,
           count(*) FILTER (WHERE (t.created_at AT TIME ZONE (SELECT timezone FROM tz))::date = (now() AT TIME ZONE (SELECT timezone FROM tz))::date)::int AS new_today,
           count(*) FILTER (WHERE ${overdueSql})::int AS overdue,
           count(*) FILTER (WHERE t.status IN ('new', 'open', 'pending') AND t.assignee_id IS NULL)::int AS unassigned
    FROM support_tickets t WHERE t.isp_id = ${ispId}`);
  const perDay = await rows<{ day: string; count: number }>(tx, sql`
    WITH tz AS (SELECT timezone FROM isps WHERE id = ${ispId}),
    days AS (SELECT generate_series((now() AT TIME ZONE (SELECT timezone FROM tz))::date - 29,
                                    (now() AT TIME ZONE (SELECT timezone FROM tz))::date, interval '1 day')::date AS day)
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(t.id)::int AS count FROM days d
    LEFT JOIN support_tickets t ON t.isp_id = ${ispId} AND (t.created_at AT TIME ZONE (SELECT timezone FROM tz))::date = d.day
    GROUP BY d.day ORDER BY d.day`);
  return { ...c!, opened_per_day: perDay };
}
