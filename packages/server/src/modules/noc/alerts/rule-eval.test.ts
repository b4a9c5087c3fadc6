import { describe, expect, it } from 'vitest';
import { conditionProblem, derive, evaluateDeviceDown, evaluateMetric, matchLog, type MetricCondition, type Sample } from './rule-eval.ts';

const min = 60_000;
const series = (values: number[], step = min, start = 0): Sample[] => values.map((value, i) => ({ ts: start + i * step, value }));
const util: MetricCondition = { mode: 'threshold', comparator: 'above', raise: 90, clear: 80, durationS: 600, windowS: 300 };

describe('threshold with duration and hysteresis', () => {
  it('raises only after the value stayed above for 10 minutes', () => {
    const nine = series([50, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95]); // 10 samples above: 9 minutes
    expect(evaluateMetric(util, nine, false, 10 * min)).toEqual({ firing: false, value: 95, transition: null });
    const ten = series([50, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95]);
    expect(evaluateMetric(util, ten, false, 11 * min)).toEqual({ firing: true, value: 95, transition: 'raise' });
  });
  it('a dip below resets the duration', () => {
    expect(evaluateMetric(util, series([95, 95, 95, 95, 95, 85, 95, 95, 95, 95, 95, 95]), false, 11 * min).transition).toBeNull();
  });
  it('a firing alert stays firing between clear and raise, clears below clear', () => {
    expect(evaluateMetric(util, series([95, 85]), true, min)).toEqual({ firing: true, value: 85, transition: null });
    expect(evaluateMetric(util, series([95, 79]), true, min)).toEqual({ firing: false, value: 79, transition: 'clear' });
  });
  it('no data keeps the state', () => {
    expect(evaluateMetric(util, [], true, 0)).toEqual({ firing: true, value: null, transition: null });
  });
  it('below rules, and zero duration raises on one sample', () => {
    const low: MetricCondition = { ...util, comparator: 'below', raise: 10, clear: 20, durationS: 0 };
    expect(evaluateMetric(low, series([50, 5]), false, min).transition).toBe('raise');
    expect(evaluateMetric(low, series([5, 15]), true, min).transition).toBeNull();
    expect(evaluateMetric(low, series([5, 25]), true, min).transition).toBe('clear');
  });
  it('rejects a clear value on the wrong side', () => {
    expect(conditionProblem({ comparator: 'above', raise: 90, clear: 95 })).toMatch(/clear_value/);
    expect(conditionProblem({ comparator: 'below', raise: 10, clear: 20 })).toBeNull();
  });
});

describe('rates and percent change', () => {
  it('per-second rate of a counter, skipping a reset', () => {
    expect(derive(series([0, 600, 1200, 5, 605]), 'rate', 0).map((s) => s.value)).toEqual([10, 10, 10]);
  });
  it('error rate above 1/s for 2 minutes', () => {
    const errs: MetricCondition = { mode: 'rate', comparator: 'above', raise: 1, clear: 0.5, durationS: 120, windowS: 300 };
    expect(evaluateMetric(errs, series([0, 120, 240, 360]), false, 3 * min).transition).toBe('raise');
    expect(evaluateMetric(errs, series([0, 0, 240, 360]), false, 3 * min).transition).toBeNull();
  });
  it('NAS sessions dropped by more than 30% within 5 minutes', () => {
    const drop: MetricCondition = { mode: 'change_percent', comparator: 'below', raise: -30, clear: -10, durationS: 0, windowS: 300 };
    expect(evaluateMetric(drop, series([1000, 990, 1000, 600]), false, 3 * min)).toEqual({ firing: true, value: -40, transition: 'raise' });
    expect(evaluateMetric(drop, series([1000, 990, 1000, 800]), false, 3 * min).transition).toBeNull();
    // The reference slides: a drop spread over an hour is not a sudden drop.
    expect(evaluateMetric(drop, series([1000, 900, 800, 700, 600], 20 * min), false, 80 * min).transition).toBeNull();
  });
});

describe('device down', () => {
  it('down for the duration raises, up clears, unknown keeps', () => {
    expect(evaluateDeviceDown('down', 0, 120, false, 60_000).transition).toBeNull();
    expect(evaluateDeviceDown('down', 0, 120, false, 120_000).transition).toBe('raise');
    expect(evaluateDeviceDown('up', 0, 120, true, 120_000).transition).toBe('clear');
    expect(evaluateDeviceDown('unknown', 0, 120, true, 120_000)).toEqual({ firing: true, value: null, transition: null });
  });
});

describe('log and trap patterns', () => {
  const linkDown = { source: 'trap' as const, trapOid: '1.3.6.1.6.3.1.1.5.3', pattern: null, maxSeverity: null, clearTrapOid: '1.3.6.1.6.3.1.1.5.4', clearPattern: null };
  it('linkDown raises, linkUp clears, others are ignored', () => {
    expect(matchLog(linkDown, { kind: 'trap', severity: 4, message: 'linkDown', trapOid: '.1.3.6.1.6.3.1.1.5.3' })).toBe('raise');
    expect(matchLog(linkDown, { kind: 'trap', severity: 4, message: 'linkUp', trapOid: '1.3.6.1.6.3.1.1.5.4' })).toBe('clear');
    expect(matchLog(linkDown, { kind: 'trap', severity: 4, message: '', trapOid: '1.3.6.1.6.3.1.1.5.30' })).toBeNull();
    expect(matchLog(linkDown, { kind: 'syslog', severity: 4, message: 'linkDown', trapOid: null })).toBeNull();
  });
  it('syslog text with a severity limit', () => {
    const c = { source: 'syslog' as const, trapOid: null, pattern: 'LINK-3-UPDOWN', maxSeverity: 4, clearTrapOid: null, clearPattern: 'changed state to up' };
    expect(matchLog(c, { kind: 'syslog', severity: 3, message: '%link-3-updown: Gi0/1 changed state to down', trapOid: null })).toBe('raise');
    expect(matchLog(c, { kind: 'syslog', severity: 6, message: '%LINK-3-UPDOWN: Gi0/1 changed state to down', trapOid: null })).toBeNull();
    expect(matchLog(c, { kind: 'syslog', severity: 3, message: '%LINK-3-UPDOWN: Gi0/1 changed state to up', trapOid: null })).toBe('clear');
  });
});
