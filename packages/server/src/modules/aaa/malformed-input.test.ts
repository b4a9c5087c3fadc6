import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { MalformedInput, withoutNul } from './malformed-input.ts';

function setup() {
  const registry = new Registry();
  const counter = new Counter({ name: 'malformed_total', help: 'x', labelNames: ['attribute'] as const, registers: [registry] });
  const log = pino({ level: 'silent' });
  const warn = vi.spyOn(log, 'warn');
  const lines = () => warn.mock.calls.map(([fields]) => fields as Record<string, unknown>);
  const total = async () => (await registry.getMetricsAsJSON())[0]!.values.map((v) => [v.labels.attribute, v.value]);
  return { input: new MalformedInput(counter, log, 60_000), lines, total };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('malformed input from a NAS', () => {
  it('counts every one, logs the first of a quiet period, then one line with the count at the end of the interval', async () => {
    vi.useFakeTimers();
    const { input, lines, total } = setup();
    for (let i = 0; i < 1000; i++) input.note('User-Password', 'Lab', '127.0.0.1', `length ${i % 7}`);
    input.note('User-Name', 'Lab', '127.0.0.2', 'NUL');
    expect(lines()).toEqual([
      { attribute: 'User-Password', nas: 'Lab', from: '127.0.0.1', detail: 'length 0' },
      { attribute: 'User-Name', nas: 'Lab', from: '127.0.0.2', detail: 'NUL' },
    ]);
    expect(await total()).toEqual([['User-Password', 1000], ['User-Name', 1]]);

    vi.advanceTimersByTime(60_000);
    expect(lines().slice(2)).toEqual([{ attribute: 'User-Password', count: 999, interval_s: 60, last_nas: 'Lab', last_from: '127.0.0.1', last_detail: 'length 5' }]);
    // The flood goes on: still one line an interval.
    for (let i = 0; i < 10; i++) input.note('User-Password', 'Lab', '127.0.0.1', 'length 20');
    expect(lines()).toHaveLength(3);
    vi.advanceTimersByTime(60_000);
    expect(lines().slice(3)).toEqual([{ attribute: 'User-Password', count: 10, interval_s: 60, last_nas: 'Lab', last_from: '127.0.0.1', last_detail: 'length 20' }]);
    // A quiet interval, then the next one is logged at once again.
    vi.advanceTimersByTime(60_000);
    input.note('User-Password', 'Core', '127.0.0.3', 'length 8');
    expect(lines().slice(4)).toEqual([{ attribute: 'User-Password', nas: 'Core', from: '127.0.0.3', detail: 'length 8' }]);
  });

  it('logs what it still holds when the server stops', () => {
    const { input, lines } = setup();
    input.note('User-Password', 'Lab', '127.0.0.1', 'a');
    input.note('User-Password', 'Lab', '127.0.0.1', 'b');
    input.close();
    expect(lines().map((l) => l.count)).toEqual([undefined, 1]);
  });

  it('shows a NUL as ␀, and leaves other text alone', () => {
    expect(withoutNul('ann\0x\0')).toBe('ann\u2400x\u2400');
    const plain = 'ann.example';
    expect(withoutNul(plain)).toBe(plain);
  });
});
