import { describe, expect, it } from 'vitest';
import { ForegroundGate } from './foreground-gate.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ForegroundGate', () => {
  it('lets background work through at once when nobody is there', async () => {
    const gate = new ForegroundGate(50);
    let through = false;
    await gate.idle().then(() => (through = true));
    expect(through).toBe(true);
  });

  it('holds background work while a request is in flight and for the grace after it', async () => {
    let now = 0;
    const gate = new ForegroundGate(40, () => now);
    gate.enter();
    let through = false;
    void gate.idle().then(() => (through = true));
    now = 100;
    await tick(60);
    expect(through).toBe(false);
    gate.leave(); // ends at 100: quiet from 140
    now = 120;
    await tick(30);
    expect(through).toBe(false);
    now = 140;
    await tick(60);
    expect(through).toBe(true);
  });

  it('keeps holding while requests follow one another within the grace', async () => {
    let now = 0;
    const gate = new ForegroundGate(40, () => now);
    gate.enter();
    gate.leave();
    let through = false;
    void gate.idle().then(() => (through = true));
    now = 30;
    gate.enter();
    await tick(60);
    now = 60;
    gate.leave();
    await tick(60);
    expect(through).toBe(false);
    now = 100;
    await tick(60);
    expect(through).toBe(true);
  });
});
