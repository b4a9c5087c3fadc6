import { createHash, randomBytes } from 'node:crypto';
import type { AttributeInput } from '../codec/encode.ts';
import { RadiusCode } from '../codec/codes.ts';
import type { RadiusPacket } from '../codec/packet.ts';
import { secretEquals } from './compare.ts';
import { buildEap, EapCode, EapType, parseEap } from './eap.ts';

/** RFC 3748 §5.4: Value-Size, Value (the challenge), optional Name. */
export function buildMd5Challenge(identifier: number, challenge: Uint8Array, name = ''): Buffer {
  const data = Buffer.concat([Uint8Array.of(challenge.length), challenge, Buffer.from(name, 'utf8')]);
  return buildEap(EapCode.Request, identifier, EapType.Md5Challenge, data);
}

/** The peer's EAP-Response/MD5-Challenge, computed like CHAP: MD5(Identifier + password + challenge). */
export function buildMd5Response(identifier: number, password: string, challenge: Uint8Array): Buffer {
  const value = createHash('md5').update(Uint8Array.of(identifier)).update(password).update(challenge).digest();
  return buildEap(EapCode.Response, identifier, EapType.Md5Challenge, Buffer.concat([Uint8Array.of(16), value]));
}

export type PasswordLookup = (userName: string) => string | undefined | Promise<string | undefined>;

export interface EapReply {
  /** Access-Accept, Access-Reject or Access-Challenge. */
  readonly code: 2 | 3 | 11;
  readonly attributes: AttributeInput[];
  /** The authenticated (or attempted) user, when known. */
  readonly userName: string | undefined;
}

interface Session {
  readonly challenge: Buffer;
  readonly identifier: number;
  readonly userName: string;
  readonly expires: number;
}

export interface EapMd5Options {
  /** How long a challenge stays valid; default 30 s. */
  ttlMs?: number;
  /** Bound on outstanding challenges; the oldest is dropped beyond it. Default 10,000. */
  maxSessions?: number;
  /** Name sent in the MD5-Challenge request. */
  serverName?: string;
  now?: () => number;
}

/**
 * EAP-MD5 (RFC 3748 §5.4) over RADIUS (RFC 3579): EAP-Response/Identity gets
 * an Access-Challenge with an MD5-Challenge and a fresh State; the response
 * is then checked against the password and answered with EAP-Success in an
 * Access-Accept or EAP-Failure in an Access-Reject.
 *
 * The caller must have verified the request's Message-Authenticator; a
 * request with EAP-Message but no Message-Authenticator yields undefined
 * (silently discard, RFC 3579 §3.2).
 */
export class EapMd5Server {
  private readonly sessions = new Map<string, Session>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly serverName: string;
  private readonly now: () => number;

  constructor(options: EapMd5Options = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.serverName = options.serverName ?? '';
    this.now = options.now ?? Date.now;
  }

  get pending(): number {
    return this.sessions.size;
  }

  async handle(packet: RadiusPacket, lookup: PasswordLookup): Promise<EapReply | undefined> {
    if (packet.code !== RadiusCode.AccessRequest || !packet.hasMessageAuthenticator) return undefined;
    const eap = parseEap(packet.getBuffer('EAP-Message'));
    const userName = packet.getString('User-Name');
    if (!eap || eap.code !== EapCode.Response) return this.reject(eap?.identifier ?? 0, userName);

    if (eap.type === EapType.Identity) {
      const identity = userName ?? eap.data.toString('utf8');
      const challenge = randomBytes(16);
      const identifier = (eap.identifier + 1) & 0xff;
      const state = randomBytes(16);
      this.store(state.toString('latin1'), { challenge, identifier, userName: identity, expires: this.now() + this.ttlMs });
      return {
        code: RadiusCode.AccessChallenge,
        userName: identity,
        attributes: [
          ['EAP-Message', buildMd5Challenge(identifier, challenge, this.serverName)],
          ['State', state],
        ],
      };
    }

    const state = packet.getBuffer('State');
    const session = state ? this.take(state.toString('latin1')) : undefined;
    if (
      eap.type !== EapType.Md5Challenge ||
      !session ||
      eap.identifier !== session.identifier ||
      eap.data[0] !== 16 ||
      eap.data.length < 17
    ) {
      // A Nak (the peer wants another method) or a stray response: only EAP-MD5 is offered.
      return this.reject(eap.identifier, session?.userName ?? userName);
    }
    const password = await lookup(session.userName);
    const expected = createHash('md5')
      .update(Uint8Array.of(eap.identifier))
      .update(password ?? '')
      .update(session.challenge)
      .digest();
    if (password === undefined || !secretEquals(expected, eap.data.subarray(1, 17))) return this.reject(eap.identifier, session.userName);
    return {
      code: RadiusCode.AccessAccept,
      userName: session.userName,
      attributes: [['EAP-Message', buildEap(EapCode.Success, eap.identifier)]],
    };
  }

  private reject(identifier: number, userName: string | undefined): EapReply {
    return { code: RadiusCode.AccessReject, userName, attributes: [['EAP-Message', buildEap(EapCode.Failure, identifier)]] };
  }

  private store(key: string, session: Session): void {
    const now = this.now();
    // Sweep a few of the oldest entries per insert: Map keeps insertion order, so expired ones come first.
    for (const [k, s] of this.sessions) {
      if (s.expires > now && this.sessions.size < this.maxSessions) break;
      this.sessions.delete(k);
    }
    this.sessions.set(key, session);
  }

  private take(key: string): Session | undefined {
    const session = this.sessions.get(key);
    if (!session) return undefined;
    this.sessions.delete(key);
    return session.expires > this.now() ? session : undefined;
  }
}
