/**
 * Access windows in FreeRADIUS's Login-Time syntax, so an operator's existing rules carry over:
 * `Wk0800-1800`, `Mo-Fr0900-1700,Sa1000-1400`, `Any2300-0700`, `Al`. Day codes Mo Tu We Th Fr
 * Sa Su, Wk (Monday to Friday), Al or Any (every day), a day range `Mo-We`; an optional
 * HHMM-HHMM range. As in FreeRADIUS (rlm_logintime), a range that passes midnight stays on its
 * own day: `Mo2300-0200` opens Monday 00:00–02:00 and 23:00–24:00.
 *
 * Parsed once into a minute-of-week table, so an Access-Request costs two array reads.
 */
export type LoginTime = {
  spec: string;
  /** For each minute of the week (Sunday 00:00 = 0), how many minutes the window stays open from there; 0 = closed. */
  openFor: Uint16Array;
};

export class LoginTimeError extends Error {}

const WEEK = 7 * 1440;
const DAYS = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];
const TOKEN = /^(mo|tu|we|th|fr|sa|su|wk|al|any)(?:-(mo|tu|we|th|fr|sa|su))?(?:(\d{2})(\d{2})-(\d{2})(\d{2}))?$/;

function daysOf(from: string, to: string | undefined): number[] {
  if (from === 'wk') return [1, 2, 3, 4, 5];
  if (from === 'al' || from === 'any') return [0, 1, 2, 3, 4, 5, 6];
  const a = DAYS.indexOf(from);
  if (to === undefined) return [a];
  const out: number[] = [];
  for (let d = a; ; d = (d + 1) % 7) {
    out.push(d);
    if (d === DAYS.indexOf(to)) return out;
  }
}

export function parseLoginTime(spec: string): LoginTime {
  const open = new Uint8Array(WEEK);
  const tokens = spec.split(/[,|]/).map((t) => t.trim().toLowerCase());
  if (tokens.some((t) => t === '')) throw new LoginTimeError('Login-Time: an empty entry (two commas, or a comma at the end)');
  for (const token of tokens) {
    const m = TOKEN.exec(token);
    if (!m) throw new LoginTimeError(`Login-Time: "${token}" is not a day code (Mo Tu We Th Fr Sa Su Wk Al Any, or a range like Mo-Fr) with an optional HHMM-HHMM`);
    const [, from, to, sh, sm, eh, em] = m;
    if (to && (from === 'wk' || from === 'al' || from === 'any')) throw new LoginTimeError(`Login-Time: "${token}": Wk, Al and Any cannot start a day range`);
    let start = 0;
    let end = 1440;
    if (sh !== undefined) {
      const h1 = Number(sh), m1 = Number(sm), h2 = Number(eh), m2 = Number(em);
      if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 > 0)) throw new LoginTimeError(`Login-Time: "${token}" has an impossible time`);
      start = h1 * 60 + m1;
      end = h2 * 60 + m2;
      if (start === end) throw new LoginTimeError(`Login-Time: "${token}" opens and closes at the same minute; leave the time out for the whole day`);
    }
    for (const day of daysOf(from!, to)) {
      const base = day * 1440;
      if (start < end) open.fill(1, base + start, base + end);
      else {
        open.fill(1, base + start, base + 1440);
        open.fill(1, base, base + end);
      }
    }
  }
  // Run lengths, walking backwards twice round the week so runs that wrap past Saturday night are whole.
  const openFor = new Uint16Array(WEEK);
  let run = 0;
  for (let i = 2 * WEEK - 1; i >= 0; i--) {
    const j = i % WEEK;
    run = open[j] ? Math.min(run + 1, WEEK) : 0;
    openFor[j] = run;
  }
  return { spec, openFor };
}

const clocks = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Minute of the week in the time zone (one cached formatter per zone), and the seconds already gone in that minute. */
export function minuteOfWeek(now: Date, timeZone: string): { minute: number; seconds: number } {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, clock);
  }
  let weekday = 0, hour = 0, minute = 0;
  for (const p of clock.formatToParts(now)) {
    if (p.type === 'weekday') weekday = WEEKDAY[p.value] ?? 0;
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { minute: weekday * 1440 + hour * 60 + minute, seconds: now.getUTCSeconds() };
}

/** Whether the window is open now, and for how many seconds more (null: it never closes). */
export function loginWindow(lt: LoginTime, now: Date, timeZone: string): { open: false } | { open: true; secondsLeft: number | null } {
  const { minute, seconds } = minuteOfWeek(now, timeZone);
  const run = lt.openFor[minute]!;
  if (run === 0) return { open: false };
  return { open: true, secondsLeft: run >= WEEK ? null : run * 60 - seconds };
}
