import { spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChap } from '../auth/chap.ts';
import { verifyMsChap } from '../auth/mschap-verify.ts';
import { verifyPap } from '../auth/pap.ts';
import { createResponse } from '../codec/build.ts';
import type { AttributeInput } from '../codec/encode.ts';
import { decodePacket, type RadiusPacket } from '../codec/packet.ts';
import { verifyMessageAuthenticator, verifyRequestAuthenticator } from '../codec/verify.ts';

/**
 * Interoperability with FreeRADIUS's radclient (Debian freeradius-utils):
 * a loopback UDP server built on this codec answers radclient, which checks
 * our Response Authenticator and Message-Authenticator and exits 0 only when
 * it receives the expected reply code. Skipped when radclient is absent.
 */


const SECRET = 'interop-secret';
const PASSWORD = 'correct horse';

function handle(p: RadiusPacket): { code: number; attributes: AttributeInput[] } {
  // Requests with an MD5 authenticator must verify; Message-Authenticator must verify when present.
  if (!verifyRequestAuthenticator(p, SECRET) || verifyMessageAuthenticator(p, SECRET) === false) return { code: 0, attributes: [] };
  switch (p.code) {
    case 1: {
      const ms = verifyMsChap(p, { password: PASSWORD });
      const ok = ms.version !== 'none' ? ms.ok : p.has('CHAP-Password') ? verifyChap(p, PASSWORD) : verifyPap(p, SECRET, PASSWORD);
      const extra: AttributeInput[] = [
        ['Mikrotik-Rate-Limit', '10M/10M'],
        ['Framed-IPv6-Prefix', '2001:db8:1::/64'],
        ['Tunnel-Type', 'VLAN', 1],
      ];
      return { code: ok ? 2 : 3, attributes: ok ? [...extra, ...ms.attributes] : ms.attributes };
    }
    case 4:
      return { code: 5, attributes: [] };
    case 12:
      return { code: 2, attributes: [] };
    case 40:
      return { code: 42, attributes: [['Error-Cause', 'Session-Context-Not-Found']] };
    case 43:
      return { code: 44, attributes: [] };
    default:
      return { code: 0, attributes: [] };
  }
}

function radclient(port: number, command: string, input: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('radclient', ['-x', '-r', '1', '-t', '3', `127.0.0.1:${port}`, command, SECRET]);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(`${input}\n`);
  });
}

describe('interop with FreeRADIUS radclient', () => {
  let socket: Socket;
  let port = 0;

  beforeAll(async () => {
    socket = createSocket('udp4');
    socket.on('message', (msg, rinfo) => {
      const request = decodePacket(msg, { secret: SECRET });
      const reply = handle(request);
      if (reply.code) socket.send(createResponse(request, reply.code, reply.attributes, SECRET), rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    port = socket.address().port;
  });

  afterAll(() => socket.close());

  it('accepts our Access-Accept to PAP, with vendor, IPv6 and tagged attributes', async () => {
    const r = await radclient(port, 'auth', `User-Name = "bob", User-Password = "${PASSWORD}"`);
    expect(r.output).toContain('Received Access-Accept');
    expect(r.output).toContain('Mikrotik-Rate-Limit = "10M/10M"');
    expect(r.output).toContain('Framed-IPv6-Prefix = 2001:db8:1::/64');
    expect(r.output).toContain('Tunnel-Type:1 = VLAN');
    expect(r.code).toBe(0);
  });

  it('accepts our Access-Accept to CHAP', async () => {
    const r = await radclient(port, 'auth', `User-Name = "bob", CHAP-Password = "${PASSWORD}"`);
    expect(r.output).toContain('Received Access-Accept');
    expect(r.code).toBe(0);
  });

  it('accepts our Access-Accept to MS-CHAP (radclient MS-CHAP-Password) with MPPE keys', async () => {
    const r = await radclient(port, 'auth', `User-Name = "bob", MS-CHAP-Password = "${PASSWORD}"`);
    expect(r.output).toContain('Received Access-Accept');
    expect(r.output).toContain('MS-CHAP-MPPE-Keys');
    expect(r.code).toBe(0);
  });

  it('gets an Access-Reject for a wrong password (request carrying Message-Authenticator)', async () => {
    const r = await radclient(port, 'auth', 'User-Name = "bob", User-Password = "wrong", Message-Authenticator = 0x00');
    expect(r.output).toContain('Received Access-Reject');
  });

  it('accepts our Accounting-Response, CoA-ACK and Disconnect-NAK (with Message-Authenticator)', async () => {
    const acct = await radclient(
      port,
      'acct',
      'User-Name = "bob", Acct-Status-Type = Start, Acct-Session-Id = "s1", Message-Authenticator = 0x00',
    );
    expect(acct.output).toContain('Received Accounting-Response');
    expect(acct.output).not.toContain('verification failed');
    const coa = await radclient(port, 'coa', 'User-Name = "bob", Mikrotik-Rate-Limit = "1M/1M", Message-Authenticator = 0x00');
    expect(coa.output).toContain('Received CoA-ACK');
    expect(coa.code).toBe(0);
    const dm = await radclient(port, 'disconnect', 'User-Name = "bob"');
    expect(dm.output).toContain('Received Disconnect-NAK');
    expect(dm.output).toContain('Error-Cause = Session-Context-Not-Found');
  });
});
