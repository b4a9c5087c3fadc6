import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createResponse } from '../codec/build.ts';
import { decodePacket, type RadiusPacket } from '../codec/packet.ts';
import { verifyMessageAuthenticator, verifyRequestAuthenticator } from '../codec/verify.ts';
import type { AttributeList } from '../codec/encode.ts';
import { CoaClient } from './coa-client.ts';
import { RadiusClient, RadiusTimeoutError } from './radius-client.ts';

const SECRET = 'coa-secret';

type Handler = (request: RadiusPacket, count: number) => { code: number; attributes: AttributeList; secret?: string } | undefined;

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A loopback UDP responder built on the codec. */
async function server(handler: Handler): Promise<{ port: number; received: RadiusPacket[] }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  const received: RadiusPacket[] = [];
  socket.on('message', (msg, rinfo) => {
    const request = decodePacket(msg, { secret: SECRET });
    received.push(request);
    const reply = handler(request, received.length);
    if (reply) socket.send(createResponse(request, reply.code, reply.attributes, reply.secret ?? SECRET), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received };
}

describe('CoaClient (RFC 5176)', () => {
  it('sends a verified Disconnect-Request and reports the ACK', async () => {
    const srv = await server(() => ({ code: 41, attributes: [] }));
    const client = new CoaClient();
    try {
      const result = await client.disconnect({ host: '127.0.0.1', port: srv.port, secret: SECRET }, [
        ['User-Name', 'bob'],
        ['Acct-Session-Id', 's1'],
      ]);
      expect(result).toMatchObject({ ok: true, code: 41, codeName: 'Disconnect-ACK', errorCause: undefined });
      const request = srv.received[0]!;
      expect(request.codeName).toBe('Disconnect-Request');
      expect(verifyRequestAuthenticator(request, SECRET)).toBe(true);
      expect(verifyMessageAuthenticator(request, SECRET)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('reports a CoA-NAK with its Error-Cause', async () => {
    const srv = await server(() => ({ code: 45, attributes: [['Error-Cause', 'Session-Context-Not-Found']] }));
    const client = new CoaClient();
    try {
      const result = await client.coa({ host: '127.0.0.1', port: srv.port, secret: SECRET }, [
        ['Mikrotik-Rate-Limit', '5M/5M'],
        ['User-Name', 'bob'],
      ]);
      expect(result).toMatchObject({ ok: false, codeName: 'CoA-NAK', errorCause: 503, errorCauseName: 'Session-Context-Not-Found' });
      expect(srv.received[0]!.get('Mikrotik-Rate-Limit')).toBe('5M/5M');
    } finally {
      client.close();
    }
  });

  it('retransmits the same packet after a timeout', async () => {
    const srv = await server((_r, count) => (count === 1 ? undefined : { code: 44, attributes: [] }));
    const client = new CoaClient({ timeoutMs: 100, retries: 2 });
    try {
      const result = await client.coa({ host: '127.0.0.1', port: srv.port, secret: SECRET }, [['User-Name', 'bob']]);
      expect(result.ok).toBe(true);
      expect(srv.received).toHaveLength(2);
      expect(srv.received[1]!.raw).toEqual(srv.received[0]!.raw);
    } finally {
      client.close();
    }
  });

  it('ignores replies signed with another secret and times out', async () => {
    const srv = await server(() => ({ code: 44, attributes: [], secret: 'wrong' }));
    const client = new CoaClient({ timeoutMs: 50, retries: 1 });
    try {
      await expect(client.coa({ host: '127.0.0.1', port: srv.port, secret: SECRET }, [['User-Name', 'x']])).rejects.toBeInstanceOf(
        RadiusTimeoutError,
      );
      expect(srv.received).toHaveLength(2);
    } finally {
      client.close();
    }
  });
});

describe('RadiusClient', () => {
  it('authenticates and accounts against a loopback server, many requests in parallel', async () => {
    const srv = await server((request) =>
      request.code === 1
        ? { code: request.get('User-Password') === 'pw' ? 2 : 3, attributes: [['Reply-Message', `hi ${request.getString('User-Name')}`]] }
        : { code: 5, attributes: [] },
    );
    const client = new RadiusClient({ timeoutMs: 2000 });
    const target = { host: '127.0.0.1', port: srv.port, secret: SECRET };
    try {
      const accept = await client.access(
        [
          ['User-Name', 'bob'],
          ['User-Password', 'pw'],
        ],
        target,
      );
      expect(accept.codeName).toBe('Access-Accept');
      expect(accept.get('Reply-Message')).toBe('hi bob');
      expect(
        (
          await client.access(
            [
              ['User-Name', 'bob'],
              ['User-Password', 'no'],
            ],
            target,
          )
        ).codeName,
      ).toBe('Access-Reject');
      expect(
        (
          await client.accounting(
            [
              ['Acct-Status-Type', 'Start'],
              ['Acct-Session-Id', '1'],
            ],
            target,
          )
        ).codeName,
      ).toBe('Accounting-Response');
      // More requests than identifiers: the allocator queues the rest.
      const replies = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          client.access(
            [
              ['User-Name', `u${i}`],
              ['User-Password', 'pw'],
            ],
            target,
          ),
        ),
      );
      expect(replies.every((r) => r.code === 2)).toBe(true);
      expect(new Set(replies.map((r) => r.get('Reply-Message'))).size).toBe(300);
    } finally {
      client.close();
    }
  });
});
