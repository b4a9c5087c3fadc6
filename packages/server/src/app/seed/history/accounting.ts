import { createHash } from 'node:crypto';
import type { AcctRecord } from '../../../modules/aaa/index.ts';
import { dayShareUntil, dayDemand, hourShare, UPLOAD_SHARE } from './traffic.ts';
import { inWindow } from './incidents.ts';
import type { IspRun, SimSub } from './run-state.ts';

/**
 * RADIUS accounting of the lines through the AAA engine's accounting writer: sessions that last
 * a few days (PPPoE lines reconnect now and then), a Start, one Interim-Update a day at the
 * line's own hour and a Stop, each record stamped with its simulated time and carrying the
 * session's counters as a NAS would. The writer turns them into sessions and the hourly and
 * daily rollups, exactly as for live traffic. One record per line per day keeps 18 months of
 * thousands of lines to a few million records.
 */

type Window = { from: number; to: number };

/** The hours of today the line can be online (none when suspended or gone). */
function onlineWindow(r: IspRun, s: SimSub): Window | null {
  const from = s.resume ?? (s.session ? 0 : s.status === 'active' ? 0 : null);
  if (from === null) return null;
  const to = Math.min(s.cut?.hour ?? 24, (r.endMs - r.dayStart) / 3_600_000);
  return to > from ? { from, to } : null;
}

/** Pass 1: today's demand of every line, and each NAS's load per hour. */
export function demandOfDay(r: IspRun, dayIndex: number): void {
  const day = r.days[dayIndex]!;
  const outage = r.incidents.nasOutage.day === dayIndex ? r.incidents.nasOutage : null;
  r.load = r.isp.net.nases.map(() => new Array<number>(24).fill(0));
  for (const s of r.subs) {
    s.today = 0;
    const w = onlineWindow(r, s);
    if (!w) continue;
    if (day.slice(0, 7) !== s.monthKey) {
      const plan = r.isp.profile.plans[s.planIndex]!;
      if (plan.fupGb !== null && s.monthBytes >= plan.fupGb * 1e9) s.x.fupMonths.push(dayIndex);
      s.monthKey = day.slice(0, 7);
      s.monthBytes = 0;
    }
    const d = dayDemand(s.rng, r.isp.profile.plans[s.planIndex]!, s.traits.usage, day, r.yearsIn(dayIndex), s.monthBytes);
    s.today = d.bytes;
    const nasIndex = r.isp.net.nases.indexOf(s.nas);
    const hours = r.load[nasIndex]!;
    for (let h = Math.floor(w.from); h < Math.ceil(w.to); h++) {
      if (outage && outage.nasIndex === nasIndex && inWindow(h + 0.5, outage.fromHour, outage.toHour)) continue;
      const part = Math.min(h + 1, w.to) - Math.max(h, w.from);
      hours[h]! += d.bytes * hourShare[h]! * part;
    }
  }
}

const uid = (nasId: string, sessionId: string, username: string) => createHash('md5').update(`${nasId}|${sessionId}|${username}|`).digest('hex');

/** Pass 2, after the NOC has said how much got through: the day's accounting records. */
export function accountingOfDay(r: IspRun, dayIndex: number, submit: (record: AcctRecord) => void): void {
  const outage = r.incidents.nasOutage.day === dayIndex ? r.incidents.nasOutage : null;
  for (const s of r.subs) {
    const w = onlineWindow(r, s);
    if (!w) {
      s.cut = null;
      s.resume = null;
      continue;
    }
    const volume = s.today * r.carried;
    const nasDown = outage && r.isp.net.nases.indexOf(s.nas) === outage.nasIndex ? outage : null;
    type Point = { hour: number; kind: 'report' | 'end' | 'cut' | 'down' | 'up' };
    const points: Point[] = [{ hour: s.traits.reportHour, kind: 'report' }];
    if (s.rng.chance(0.2)) points.push({ hour: s.rng.between(0, 24), kind: 'end' });
    if (s.cut) points.push({ hour: s.cut.hour, kind: 'cut' });
    if (nasDown) points.push({ hour: nasDown.fromHour, kind: 'down' }, { hour: nasDown.toHour + s.rng.next() * 0.2, kind: 'up' });
    const list = points.filter((p) => p.hour >= w.from && p.hour <= w.to).sort((a, b) => a.hour - b.hour);
    let cursor = w.from;
    let down = false;
    const send = (statusType: AcctRecord['statusType'], hour: number, cause: string | null) => {
      const sess = s.session!;
      const at = r.dayStart + hour * 3_600_000;
      submit({
        ispId: r.isp.id, nasId: s.nas.id, nasIp: s.nas.address, subscriberId: s.id, username: s.username, statusType, acctSessionId: sess.sessionId,
        uniqueId: sess.uid, nasPort: s.n, nasPortId: `pppoe-${s.username}`, nasPortType: 'Ethernet', framedIp: s.framedIp, framedIpv6Prefix: null,
        callingStationId: s.mac, calledStationId: 'pppoe-service', serviceType: 'Framed-User', sessionTime: Math.max(0, Math.round((at - sess.startMs) / 1000)),
        inputOctets: Math.round(sess.inOctets), outputOctets: Math.round(sess.outOctets), terminateCause: cause, interimInterval: 86_400, className: null, at: new Date(at),
      });
      r.stats.records++;
    };
    const start = (hour: number) => {
      const sessionId = s.rng.hex(4).toUpperCase();
      s.session = { sessionId, uid: uid(s.nas.id, sessionId, s.username), startMs: r.dayStart + hour * 3_600_000, inOctets: 0, outOctets: 0 };
      send('Start', hour, null);
    };
    const flow = (to: number) => {
      const bytes = down || !s.session ? 0 : volume * (dayShareUntil(to) - dayShareUntil(cursor));
      if (s.session) {
        s.session.inOctets += bytes * UPLOAD_SHARE;
        s.session.outOctets += bytes * (1 - UPLOAD_SHARE);
        s.monthBytes += bytes;
      }
      cursor = to;
    };
    if (!s.session) start(w.from + 0.01);
    for (const p of list) {
      flow(p.hour);
      if (p.kind === 'report' && s.session && !down) send('Interim-Update', p.hour, null);
      else if (p.kind === 'end' && s.session && !down) {
        send('Stop', p.hour, s.rng.pick(['Lost-Carrier', 'User-Request', 'Idle-Timeout', 'Port-Error']));
        start(Math.min(w.to, p.hour + 0.02));
      } else if (p.kind === 'down' && s.session) {
        send('Stop', p.hour, 'Lost-Carrier');
        s.session = null;
        down = true;
        s.x.outages.push(dayIndex);
      } else if (p.kind === 'up' && down) {
        down = false;
        start(p.hour);
      } else if (p.kind === 'cut' && s.session) {
        send('Stop', p.hour, s.cut!.cause);
        s.session = null;
      }
    }
    flow(w.to);
    if (s.cut && s.session && s.cut.hour <= w.to) {
      send('Stop', w.to, s.cut.cause);
      s.session = null;
    }
    // The counters hold the whole day now: what moved after today's last record is reported with tomorrow's first.
    s.cut = null;
    s.resume = null;
  }
}
