import { describe, expect, it } from 'vitest';
import { createResponse, encodeRequest } from '../codec/build.ts';
import { decodePacket } from '../codec/packet.ts';
import type { AttributeList } from '../codec/encode.ts';
import { buildEap, EapCode, EapType, parseEap } from './eap.ts';
import { buildMd5Response, EapMd5Server } from './eap-md5.ts';

const SECRET = 's3cret';
const accessRequest = (attributes: AttributeList, messageAuthenticator = true) =>
  decodePacket(encodeRequest({ code: 1, identifier: 5, secret: SECRET, attributes, messageAuthenticator }).packet);
const lookup = (user: string) => (user === 'bob' ? 'bobpass' : undefined);

async function runFlow(server: EapMd5Server, password: string) {
  const identity = buildEap(EapCode.Response, 1, EapType.Identity, Buffer.from('bob'));
  const first = await server.handle(
    accessRequest([
      ['User-Name', 'bob'],
      ['EAP-Message', identity],
    ]),
    lookup,
  );
  expect(first?.code).toBe(11);
  const challengePacket = decodePacket(createResponse(accessRequest([]), first!.code, first!.attributes, SECRET));
  const eap = parseEap(challengePacket.getBuffer('EAP-Message'))!;
  expect(eap).toMatchObject({ code: EapCode.Request, identifier: 2, type: EapType.Md5Challenge });
  const challenge = eap.data.subarray(1, 1 + eap.data[0]!);
  const state = challengePacket.getBuffer('State')!;
  const response = buildMd5Response(eap.identifier, password, challenge);
  return server.handle(
    accessRequest([
      ['User-Name', 'bob'],
      ['EAP-Message', response],
      ['State', state],
    ]),
    lookup,
  );
}

describe('EAP-MD5 (RFC 3748 §5.4 over RFC 3579)', () => {
  it('accepts the right password with EAP-Success', async () => {
    const server = new EapMd5Server();
    const reply = await runFlow(server, 'bobpass');
    expect(reply?.code).toBe(2);
    const eap = parseEap((reply!.attributes[0] as readonly [string, Buffer])[1]);
    expect(eap).toMatchObject({ code: EapCode.Success, identifier: 2 });
    expect(server.pending).toBe(0);
  });

  it('rejects a wrong password with EAP-Failure', async () => {
    const reply = await runFlow(new EapMd5Server(), 'nope');
    expect(reply?.code).toBe(3);
    expect(parseEap((reply!.attributes[0] as readonly [string, Buffer])[1])?.code).toBe(EapCode.Failure);
  });

  it('drops EAP without Message-Authenticator and rejects unknown State', async () => {
    const server = new EapMd5Server();
    const identity = buildEap(EapCode.Response, 1, EapType.Identity, Buffer.from('bob'));
    expect(await server.handle(accessRequest([['EAP-Message', identity]], false), lookup)).toBeUndefined();
    const stray = buildMd5Response(2, 'bobpass', Buffer.alloc(16));
    expect(
      (
        await server.handle(
          accessRequest([
            ['EAP-Message', stray],
            ['State', Buffer.alloc(16)],
          ]),
          lookup,
        )
      )?.code,
    ).toBe(3);
  });

  it('expires challenges and bounds the number of sessions', async () => {
    let now = 0;
    const server = new EapMd5Server({ ttlMs: 1000, maxSessions: 3, now: () => now });
    for (let i = 0; i < 10; i++) {
      await server.handle(
        accessRequest([
          ['User-Name', 'bob'],
          ['EAP-Message', buildEap(2, i, 1, Buffer.from('bob'))],
        ]),
        lookup,
      );
    }
    expect(server.pending).toBeLessThanOrEqual(3);
    now = 5000;
    expect((await runFlow(server, 'bobpass'))?.code).toBe(2);
  });

  it('parses and refuses malformed EAP', () => {
    expect(parseEap(Buffer.from([2, 1, 0, 9, 1]))).toBeUndefined();
    expect(parseEap(Buffer.from([9, 1, 0, 5, 1]))).toBeUndefined();
    expect(parseEap(Buffer.from([3, 1, 0, 4]))).toMatchObject({ code: 3, identifier: 1 });
  });
});
