import { describe, expect, it } from 'vitest';
import { encodeRequest } from './build.ts';
import { decodePacket } from './packet.ts';
import { verifyRequest } from './verify.ts';

const S = 'secret';
const req = (code: number, attributes: Parameters<typeof encodeRequest>[0]['attributes'], messageAuthenticator?: boolean) =>
  decodePacket(
    encodeRequest({ code, identifier: 1, secret: S, attributes, ...(messageAuthenticator !== undefined ? { messageAuthenticator } : {}) })
      .packet,
  );

describe('verifyRequest', () => {
  it('accepts well-formed requests of every kind', () => {
    expect(verifyRequest(req(1, [['User-Name', 'a']]), S)).toEqual({ ok: true });
    expect(verifyRequest(req(1, [['User-Name', 'a']], false), S)).toEqual({ ok: true });
    expect(verifyRequest(req(4, [['Acct-Status-Type', 'Stop']]), S)).toEqual({ ok: true });
    expect(verifyRequest(req(43, [['User-Name', 'a']]), S)).toEqual({ ok: true });
    expect(verifyRequest(req(12, []), S)).toEqual({ ok: true });
  });

  it('rejects wrong secrets', () => {
    expect(verifyRequest(req(4, [['Acct-Status-Type', 'Stop']]), 'x')).toEqual({ ok: false, reason: 'request-authenticator' });
    expect(verifyRequest(req(1, [['User-Name', 'a']]), 'x')).toEqual({ ok: false, reason: 'message-authenticator' });
  });

  it('requires Message-Authenticator with EAP, for Status-Server and by policy', () => {
    expect(verifyRequest(req(1, [['EAP-Message', Buffer.from([2, 1, 0, 5, 1])]], false), S)).toMatchObject({
      reason: 'missing-message-authenticator',
    });
    expect(verifyRequest(req(12, [], false), S)).toMatchObject({ reason: 'missing-message-authenticator' });
    expect(verifyRequest(req(1, [['User-Name', 'a']], false), S, { requireMessageAuthenticator: true })).toMatchObject({
      reason: 'missing-message-authenticator',
    });
  });
});
