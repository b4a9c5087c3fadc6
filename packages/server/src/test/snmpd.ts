import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSnmp } from '../modules/noc/index.ts';

/** A free UDP port on loopback (bound then released; the agent takes it right after). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export type Snmpd = { port: number; process: ChildProcess; stop(): Promise<void> };

/**
 * Net-SNMP's snmpd (Debian package) on 127.0.0.1, configured like shared/bench/snmpd-device.sh:
 * v2c community "public" and v3 user "noc" (SHA/AES, "noc-auth-pass"/"noc-priv-pass"),
 * exposing this machine's interfaces, system group and HOST-RESOURCES-MIB. `extraConfig`
 * lines are appended: `override OID TYPE VALUE` serves objects the agent does not implement
 * (LLDP-MIB rows, vendor MIBs), see snmpd.conf(5); `extraArgs` are added to the command
 * line (e.g. `-I -hr_proc,...` to leave modules out, as an agent without HOST-RESOURCES).
 */
export async function startSnmpd(port?: number, extraConfig: readonly string[] = [], extraArgs: readonly string[] = []): Promise<Snmpd> {
  const p = port ?? (await freeUdpPort());
  const dir = mkdtempSync(path.join(tmpdir(), 'anx-snmpd-'));
  writeFileSync(path.join(dir, 'snmpd.conf'), [
    `agentAddress udp:127.0.0.1:${p}`,
    'rocommunity public 127.0.0.1',
    'createUser noc SHA "noc-auth-pass" AES "noc-priv-pass"',
    'rouser noc priv',
    'sysLocation Test rack 1',
    'sysName test-device',
    ...extraConfig,
    '',
  ].join('\n'));
  const child = spawn('snmpd', ['-f', '-Lf', path.join(dir, 'log'), '-C', '-c', path.join(dir, 'snmpd.conf'), '-p', path.join(dir, 'pid'), `--persistentDir=${dir}`, ...extraArgs], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when it answers a GET.
  const session = openSnmp({ host: '127.0.0.1', port: p, timeoutMs: 200, retries: 0, version: 'v2c', community: 'public' });
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`snmpd exited (${child.exitCode}); is the snmpd package installed?`);
      try {
        await session.get(['1.3.6.1.2.1.1.3.0']);
        break;
      } catch (err) {
        if (i > 50) throw err;
      }
    }
  } finally {
    session.close();
  }
  return {
    port: p,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
