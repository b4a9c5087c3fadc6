import { describe, expect, it } from 'vitest';
import { ancestors, isFlapping, planIncidents, rootCause, topologyOf } from './correlate.ts';

// core → dist → access1, access2; and an unrelated edge router.
const nodes = (down: string[]) => topologyOf([
  { id: 'core', parentId: null, down: down.includes('core') },
  { id: 'dist', parentId: 'core', down: down.includes('dist') },
  { id: 'access1', parentId: 'dist', down: down.includes('access1') },
  { id: 'access2', parentId: 'dist', down: down.includes('access2') },
  { id: 'edge', parentId: null, down: down.includes('edge') },
]);

describe('correlation', () => {
  it('three levels down: one incident at the core with all three alerts', () => {
    const plan = planIncidents(nodes(['core', 'dist', 'access1']), [{ id: 'a3', deviceId: 'access1' }, { id: 'a1', deviceId: 'core' }, { id: 'a2', deviceId: 'dist' }], []);
    expect(plan.open).toEqual([{ rootDeviceId: 'core', alertIds: ['a3', 'a1', 'a2'] }]);
    expect(plan.attach).toEqual([]);
  });
  it('a child alert joins the open incident of its down uplink', () => {
    const plan = planIncidents(nodes(['core']), [{ id: 'x', deviceId: 'access2' }], [{ id: 'inc-core', rootDeviceId: 'core' }]);
    expect(plan).toEqual({ attach: [{ alertId: 'x', incidentId: 'inc-core' }], open: [], merge: [] });
  });
  it('devices whose uplinks are up get their own incidents', () => {
    const plan = planIncidents(nodes(['access1', 'edge']), [{ id: 'p', deviceId: 'access1' }, { id: 'q', deviceId: 'edge' }], []);
    expect(plan.open).toEqual([{ rootDeviceId: 'access1', alertIds: ['p'] }, { rootDeviceId: 'edge', alertIds: ['q'] }]);
  });
  it('an incident opened for a child merges into its uplink once the uplink is down', () => {
    const plan = planIncidents(nodes(['core', 'access1']), [{ id: 'c', deviceId: 'core' }], [{ id: 'inc-a1', rootDeviceId: 'access1' }]);
    expect(plan.merge).toEqual([{ incidentId: 'inc-a1', intoRootDeviceId: 'core' }]);
    expect(plan.open).toEqual([{ rootDeviceId: 'core', alertIds: ['c'] }]);
  });
  it('an alert with no device stands alone', () => {
    expect(planIncidents(nodes([]), [{ id: 'n', deviceId: null }], []).open).toEqual([{ rootDeviceId: null, alertIds: ['n'] }]);
  });
  it('a parent loop ends the walk instead of hanging', () => {
    const loop = topologyOf([{ id: 'a', parentId: 'b', down: true }, { id: 'b', parentId: 'a', down: true }]);
    expect(ancestors(loop, 'a')).toEqual(['b']);
    expect(rootCause(loop, 'a')).toBe('b');
  });
  it('a down device skips up devices in between (the farthest down uplink wins)', () => {
    expect(rootCause(nodes(['core', 'access1']), 'access1')).toBe('core');
    expect(rootCause(nodes(['dist']), 'access1')).toBe('dist');
  });
});

describe('flapping', () => {
  const min = 60_000;
  it('N changes within M minutes', () => {
    const now = 100 * min;
    expect(isFlapping([now - 9 * min, now - 7 * min, now - 5 * min, now - 3 * min, now - min], now, 5, 600)).toBe(true);
    expect(isFlapping([now - 11 * min, now - 7 * min, now - 5 * min, now - 3 * min, now - min], now, 5, 600)).toBe(false);
    expect(isFlapping([], now, 2, 600)).toBe(false);
  });
});
