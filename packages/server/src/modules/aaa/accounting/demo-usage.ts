import { createHash } from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { AccountingWriter } from './accounting-writer.ts';
import type { AcctRecord } from './acct-record.ts';

const DAYS = 30;
// A day's session: online from 07:00 to 23:00 UTC, an interim update every hour.
const FIRST_HOUR = 7;
const LAST_HOUR = 23;

/**
 * The demo's usage history: a month of daily sessions for each active demo subscriber, sent
 * through the accounting writer exactly as a NAS's Start, Interim and Stop would arrive, so the
 * sessions table and the hourly and daily rollups are filled by the real code. How much each
 * session moves follows the plan's speed, the hour (an evening peak) and the weekday; nothing
 * else reads these figures as real traffic. Sessions are all closed, so the README's radtest
 * login is never held back by Simultaneous-Use.
 */
export async function seedDemoUsage(ctx: AppContext, ispId: string, nasId: string, now = new Date()): Promise<number> {
  const subs = await ctx.db.query<{ id: string; username: string; kbps: number }>(
    `SELECT s.id, s.username, p.download_kbps AS kbps FROM subscribers s JOIN subscription_plans p ON p.id = s.plan_id
     WHERE s.isp_id = $1 AND s.status = 'active' ORDER BY s.username`, [ispId]);
  const writer = new AccountingWriter(ctx.db);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let sent = 0;
  // One batch per hour of the day, holding that hour of every day's session for every subscriber.
  for (let hour = FIRST_HOUR; hour <= LAST_HOUR; hour++) {
    const batch: Promise<void>[] = [];
    for (const [n, sub] of subs.entries()) {
      for (let d = DAYS; d >= 1; d--) {
        const start = today - d * 86_400_000 + FIRST_HOUR * 3_600_000;
        const elapsed = (hour - FIRST_HOUR) * 3600;
        const bytes = cumulativeBytes(sub.kbps, n, new Date(start).getUTCDay(), hour);
        const statusType: AcctRecord['statusType'] = hour === FIRST_HOUR ? 'Start' : hour === LAST_HOUR ? 'Stop' : 'Interim-Update';
        const sessionId = `demo-${sub.username}-${d}`;
        batch.push(writer.submit({
          ispId, nasId, nasIp: '127.0.0.1', subscriberId: sub.id, username: sub.username, statusType, acctSessionId: sessionId,
          uniqueId: createHash('md5').update(`${nasId}|${sessionId}|${sub.username}|`).digest('hex'), nasPort: n + 1, nasPortId: `pppoe-${sub.username}`,
          nasPortType: 'Ethernet', framedIp: null, framedIpv6Prefix: null, callingStationId: demoMac(n), calledStationId: 'demo-pppoe',
          serviceType: 'Framed-User', sessionTime: elapsed, inputOctets: Math.round(bytes * 0.12), outputOctets: Math.round(bytes * 0.88),
          terminateCause: statusType === 'Stop' ? 'User-Request' : null, interimInterval: 3600, className: null, at: new Date(start + elapsed * 1000),
        }));
      }
    }
    await Promise.all(batch);
    sent += batch.length;
  }
  await writer.idle();
  return sent;
}

/** Bytes moved since 07:00 by the given hour: a share of the plan's speed that peaks in the evening. */
function cumulativeBytes(kbps: number, subscriberIndex: number, weekday: number, hour: number): number {
  let total = 0;
  for (let h = FIRST_HOUR; h < hour; h++) {
    const evening = h >= 18 && h <= 22 ? 3 : 1;
    const weekend = weekday === 0 || weekday === 6 ? 1.5 : 1;
    // About 1–4 % of the line's capacity on average: what a residential line really uses.
    const share = 0.01 * evening * weekend * (1 + (subscriberIndex % 3) * 0.25);
    total += (kbps * 1000 / 8) * 3600 * share;
  }
  return Math.round(total);
}

function demoMac(n: number): string {
  return `02:00:00:00:00:${(n + 16).toString(16).padStart(2, '0')}`;
}
