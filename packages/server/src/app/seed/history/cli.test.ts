import { describe, expect, it } from 'vitest';
import { seedHistoryCommand } from './cli.ts';

describe('seed-history options', () => {
  it('refuses bad options with a message naming them and exit code 2, before opening the database', async () => {
    for (const [args, message] of [
      [['--months', '0'], /--months/], [['--months', 'x'], /--months/], [['--subscribers', '2'], /--subscribers/],
      [['--end', '15/11/2026'], /--end/], [['--isps', 'demo,us'], /--isps/], [['--colour', 'red'], /colour/],
    ] as const) {
      const lines: string[] = [];
      const open = () => Promise.reject(new Error('must not open the database'));
      expect(await seedHistoryCommand([...args], open, async () => undefined, (l) => lines.push(l)), args.join(' ')).toBe(2);
      expect(lines.join('\n')).toMatch(message);
      expect(lines.join('\n')).toMatch(/usage: seed-history/);
    }
  });
});
