import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../../platform/db/database.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import type { Enforcer } from './enforcer.ts';
import { inNightWindow } from '../policy/rate.ts';

/** A stable id for "this plan's boundary at this minute", so that one process acts on it. */
function boundaryId(planId: string, at: Date): string {
  const h = createHash('sha256').update(`${planId}|${at.toISOString().slice(0, 16)}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Day/night speeds: each minute, plans whose night window opened or closed since the last
 * tick (in their ISP's time zone) get the new speed pushed by CoA to every live session.
 */
export class SpeedScheduler {
  private last = new Date();

  constructor(private readonly db: Database, private readonly enforcer: Enforcer, private readonly log: Logger) {}

  async tick(now = new Date()): Promise<number> {
    const since = this.last;
    this.last = now;
    const plans = await withScope(this.db, platformScope, (tx) => rows<{ id: string; isp_id: string; night_start: string; night_end: string; timezone: string }>(tx, sql`
      SELECT p.id, p.isp_id, p.night_start::text, p.night_end::text, i.timezone
      FROM subscription_plans p JOIN isps i ON i.id = p.isp_id WHERE p.night_start IS NOT NULL AND i.status = 'active'`));
    let pushed = 0;
    for (const p of plans) {
      const window = { nightStart: p.night_start, nightEnd: p.night_end };
      const was = inNightWindow(window, since, p.timezone);
      const is = inNightWindow(window, now, p.timezone);
      if (was === is) continue;
      const sessions = await withScope(this.db, platformScope, (tx) => rows<{ id: string }>(tx, sql`
        SELECT s.id::text FROM radius_sessions s JOIN subscribers sub ON sub.id = s.subscriber_id
        WHERE sub.plan_id = ${p.id} AND s.stop_time IS NULL`));
      const cause = boundaryId(p.id, now);
      for (const s of sessions) {
        const r = await this.enforcer.act(p.isp_id, Number(s.id), 'coa', is ? 'night speed begins' : 'day speed resumes', 'schedule', cause);
        if (r.status === 'done') pushed++;
      }
      this.log.info({ plan: p.id, night: is, sessions: sessions.length }, 'speed schedule boundary');
    }
    return pushed;
  }
}
