import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { SyslogReceiver } from './syslog-receiver.ts';
import { TrapReceiver } from './trap-receiver.ts';

async function takenUdpPort(): Promise<{ port: number; close: () => void }> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  return { port: s.address().port, close: () => s.close() };
}

describe('receiver ports', () => {
  it('a configured port that is taken fails the start with EADDRINUSE, and port 0 still starts', async () => {
    const taken = await takenUdpPort();
    try {
      await expect(new SyslogReceiver(() => undefined).start('127.0.0.1', taken.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await expect(new TrapReceiver(() => undefined).start('127.0.0.1', taken.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const syslog = new SyslogReceiver(() => undefined);
      const ports = await syslog.start('127.0.0.1', 0);
      expect(ports.tcpPort).toBe(ports.udpPort);
      await syslog.stop();
      const traps = new TrapReceiver(() => undefined);
      expect(await traps.start('127.0.0.1', 0)).toBeGreaterThan(0);
      await traps.stop();
    } finally {
      taken.close();
    }
  });
});
