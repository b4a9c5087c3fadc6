/**
 * Alert rule evaluation, pure: a rule's condition over a metric series, with a duration
 * (the condition must hold that long before the alert raises) and hysteresis (a firing
 * alert clears only past a separate clear value, so a value hovering at the threshold
 * does not raise and clear on every sample).
 */
export type MetricMode = 'threshold' | 'rate' | 'change_percent';
export type MetricCondition = {
  mode: MetricMode;
  comparator: 'above' | 'below';
  raise: number;
  clear: number;
  durationS: number;
  /** change_percent: compare each sample with the oldest one this far back. */
  windowS: number;
};
export type Sample = { ts: number; value: number };
export type Verdict = { firing: boolean; value: number | null; transition: 'raise' | 'clear' | null };

/** The series the condition is about: the values, their per-second rate, or their change in percent. */
export function derive(samples: readonly Sample[], mode: MetricMode, windowS: number): Sample[] {
  const s = [...samples].filter((x) => Number.isFinite(x.value) && Number.isFinite(x.ts)).sort((a, b) => a.ts - b.ts);
  if (mode === 'threshold') return s;
  const out: Sample[] = [];
  if (mode === 'rate') {
    for (let i = 1; i < s.length; i++) {
      const dt = (s[i]!.ts - s[i - 1]!.ts) / 1000;
      const dv = s[i]!.value - s[i - 1]!.value;
      // A counter that went backwards was reset (device reboot): no rate for that step.
      if (dt > 0 && dv >= 0) out.push({ ts: s[i]!.ts, value: dv / dt });
    }
    return out;
  }
  let ref = 0;
  for (let i = 0; i < s.length; i++) {
    while (s[i]!.ts - s[ref]!.ts > windowS * 1000) ref++;
    const base = s[ref]!.value;
    if (ref < i && base !== 0) out.push({ ts: s[i]!.ts, value: ((s[i]!.value - base) / Math.abs(base)) * 100 });
  }
  return out;
}

const breaches = (c: MetricCondition, v: number) => (c.comparator === 'above' ? v > c.raise : v < c.raise);
const clears = (c: MetricCondition, v: number) => (c.comparator === 'above' ? v < c.clear : v > c.clear);

/** Hysteresis only works when the clear value is on the safe side of the raise value. */
export function conditionProblem(c: Pick<MetricCondition, 'comparator' | 'raise' | 'clear'>): string | null {
  if (c.comparator === 'above' && c.clear > c.raise) return 'clear_value must not be above raise_value for an "above" rule';
  if (c.comparator === 'below' && c.clear < c.raise) return 'clear_value must not be below raise_value for a "below" rule';
  return null;
}

/**
 * `samples` should reach back at least durationS (+ windowS) before `now`; `firing` is the
 * alert's current state. Without data the state stays as it is: no data is not a recovery.
 */
export function evaluateMetric(c: MetricCondition, samples: readonly Sample[], firing: boolean, now: number): Verdict {
  const series = derive(samples, c.mode, c.windowS).filter((x) => x.ts <= now);
  const last = series.at(-1);
  if (!last) return { firing, value: null, transition: null };
  if (firing) {
    if (clears(c, last.value)) return { firing: false, value: last.value, transition: 'clear' };
    return { firing: true, value: last.value, transition: null };
  }
  if (!breaches(c, last.value)) return { firing: false, value: last.value, transition: null };
  // The run of breaching points that ends with the last one: how long has it lasted?
  let i = series.length - 1;
  while (i > 0 && breaches(c, series[i - 1]!.value)) i--;
  // The run started no later than the first breaching sample, and after the non-breaching one before it.
  const heldS = (last.ts - series[i]!.ts) / 1000;
  if (heldS >= c.durationS) return { firing: true, value: last.value, transition: 'raise' };
  return { firing: false, value: last.value, transition: null };
}

/** Device status rules: down for at least durationS raises; up clears; unknown changes nothing. */
export function evaluateDeviceDown(status: 'up' | 'down' | 'unknown', since: number | null, durationS: number, firing: boolean, now: number): Verdict {
  if (status === 'up') return { firing: false, value: 1, transition: firing ? 'clear' : null };
  if (status === 'unknown') return { firing, value: null, transition: null };
  const held = since === null ? Infinity : (now - since) / 1000;
  if (!firing && held >= durationS) return { firing: true, value: 0, transition: 'raise' };
  return { firing, value: 0, transition: null };
}

export type LogEntry = { kind: 'syslog' | 'trap'; severity: number; message: string; trapOid: string | null };
export type LogCondition = {
  source: 'syslog' | 'trap' | 'any';
  trapOid: string | null;
  pattern: string | null;
  maxSeverity: number | null;
  clearTrapOid: string | null;
  clearPattern: string | null;
};

const oidMatches = (oid: string | null, want: string) => {
  if (!oid) return false;
  const a = oid.replace(/^\./, '');
  const b = want.replace(/^\./, '');
  return a === b || a.startsWith(b + '.');
};
const textMatches = (text: string, pattern: string) => text.toLowerCase().includes(pattern.toLowerCase());

/**
 * Log and trap rules match by OID prefix and/or a case-insensitive substring (not a
 * regular expression: rules are tenant input, and a regular expression can be made to
 * run for minutes). Returns whether the entry raises, clears, or does nothing.
 */
export function matchLog(c: LogCondition, e: LogEntry): 'raise' | 'clear' | null {
  if (c.source !== 'any' && c.source !== e.kind) return null;
  const hay = e.message;
  if (c.clearTrapOid && oidMatches(e.trapOid, c.clearTrapOid) && (!c.clearPattern || textMatches(hay, c.clearPattern))) return 'clear';
  if (!c.clearTrapOid && c.clearPattern && textMatches(hay, c.clearPattern)) return 'clear';
  if (c.trapOid && !oidMatches(e.trapOid, c.trapOid)) return null;
  if (c.pattern && !textMatches(hay, c.pattern)) return null;
  if (!c.trapOid && !c.pattern) return null;
  if (c.maxSeverity !== null && e.kind === 'syslog' && e.severity > c.maxSeverity) return null;
  return 'raise';
}
