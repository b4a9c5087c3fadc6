import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { isIP, type AddressInfo } from 'node:net';
import {
  createResponse, decodePacket, DedupCache, EapMd5Server, RadiusCode, verifyMessageAuthenticator, verifyRequestAuthenticator, type AttributeInput, type DecodeOptions, type RadiusPacket,
} from '@astranetix/radius';
import type { Logger } from 'pino';
import type { AaaMetrics } from './aaa-metrics.ts';
import type { AaaNas } from './policy.ts';
import type { NasRegistry } from './nas-registry.ts';
import type { SubscriberCache } from './subscriber-cache.ts';
import type { SessionTracker } from './session-tracker.ts';
import type { AccountingWriter, AcctRecord } from './accounting-writer.ts';
import type { PostAuthWriter } from './postauth-writer.ts';
import { authorize, malformed, type Decision } from './authorize.ts';
import { MalformedInput, withoutNul } from './malformed-input.ts';
import { allocateIp } from './ip-pool.ts';
import type { Database } from '../../platform/db/database.ts';
import type { AaaSubscriber } from './policy.ts';
import type { QuotaUsage } from './rate.ts';
import type { VoucherLogins } from '../vouchers/voucher-login.ts';

export type AaaDeps = {
  registry: NasRegistry;
  subscribers: SubscriberCache;
  sessions: SessionTracker;
  accounting: AccountingWriter;
  postauth: PostAuthWriter;
  metrics: AaaMetrics;
  log: Logger;
  db: Database;
  /** Hotspot voucher PINs as logins; asked only for User-Names that are no subscriber. */
  vouchers?: VoucherLogins;
};

const GIGA = 2 ** 32;
const NO_ATTRIBUTES: readonly AttributeInput[] = Object.freeze([]);
const acctStatus: Record<number, 'Start' | 'Stop' | 'Interim-Update' | 'Accounting-On' | 'Accounting-Off'> = {
  1: 'Start', 2: 'Stop', 3: 'Interim-Update', 7: 'Accounting-On', 8: 'Accounting-Off',
};

/**
 * dgram resolves every send's address, even an IP literal, through dns.lookup, which answers on
 * the next tick (a tick object, its argument list and more per reply). Replies go to the
 * source address of a request, always a literal: answered at once, the same answer, and the
 * reply leaves in the same turn. Names (a configured bind host) still go to dns.lookup.
 */
function literalLookup(hostname: string, options: dns.LookupOneOptions | number, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const family = isIP(hostname);
  if (family !== 0) callback(null, hostname, family);
  else dns.lookup(hostname, typeof options === 'number' ? { family: options } : options, callback);
}

/** The RADIUS listeners: Access-Request on the auth port, Accounting-Request on the accounting port. */
export class AaaServer {
  private auth: dgram.Socket | null = null;
  private acct: dgram.Socket | null = null;
  // The whole 5 s window at 26,000 requests a second.
  private readonly dedup = new DedupCache({ windowMs: 5000, maxEntries: 131_072 });
  // Challenge state lives in this process: a NAS keeps talking to the server that challenged it.
  private readonly eap = new EapMd5Server({ serverName: 'astranetix' });
  private readonly decodeOptionsByNas = new WeakMap<AaaNas, DecodeOptions>();
  private readonly malformedInput: MalformedInput;

  // Label lookups cost more than the observation itself at this rate.
  private readonly authLatency;
  private readonly acctLatency;

  constructor(private readonly deps: AaaDeps) {
    this.authLatency = deps.metrics.latency.labels({ kind: 'auth' });
    this.acctLatency = deps.metrics.latency.labels({ kind: 'acct' });
    this.malformedInput = new MalformedInput(deps.metrics.malformed, deps.log);
  }

  async start(host: string, authPort: number, acctPort: number): Promise<{ authPort: number; acctPort: number }> {
    this.auth = await this.bind(host, authPort, (msg, rinfo, sock) => this.onAuth(msg, rinfo, sock));
    this.acct = await this.bind(host, acctPort, (msg, rinfo, sock) => this.onAcct(msg, rinfo, sock));
    return { authPort: (this.auth.address() as AddressInfo).port, acctPort: (this.acct.address() as AddressInfo).port };
  }

  async stop(): Promise<void> {
    await Promise.all([this.auth, this.acct].map((s) => (s ? new Promise<void>((r) => s.close(() => r())) : undefined)));
    this.auth = this.acct = null;
    this.malformedInput.close();
  }

  private bind(host: string, port: number, handler: (msg: Buffer, rinfo: dgram.RemoteInfo, sock: dgram.Socket) => Promise<void> | void): Promise<dgram.Socket> {
    const sock = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024, sendBufferSize: 4 * 1024 * 1024, lookup: literalLookup });
    sock.on('message', (msg, rinfo) => {
      // A handler returns a promise only when it has to wait; most Access-Requests do not.
      try {
        const pending = handler(msg, rinfo, sock);
        if (pending) pending.catch((err: unknown) => this.failed(err, rinfo));
      } catch (err) {
        this.failed(err, rinfo);
      }
    });
    sock.on('error', (err) => this.deps.log.error({ err }, 'RADIUS socket error'));
    return new Promise((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(port, host, () => {
        sock.off('error', reject);
        resolve(sock);
      });
    });
  }

  /** Never crash on one packet: count it and go on. */
  private failed(err: unknown, rinfo: dgram.RemoteInfo): void {
    this.deps.metrics.errors.inc({ stage: 'handler' });
    this.deps.log.error({ err, from: rinfo.address }, 'RADIUS packet handling failed');
  }

  /** Source → NAS, duplicate check and decoding, shared by both ports. Undefined means: drop. */
  private admit(msg: Buffer, rinfo: dgram.RemoteInfo, kind: 'auth' | 'acct', sock: dgram.Socket): { nas: AaaNas; packet: RadiusPacket; key: number } | undefined {
    const { metrics } = this.deps;
    const nas = this.deps.registry.find(rinfo.address);
    if (!nas) {
      metrics.dropped.inc({ reason: 'unknown_nas' });
      return undefined;
    }
    if (msg.length < 20) {
      metrics.dropped.inc({ reason: 'malformed' });
      return undefined;
    }
    const seen = this.dedup.check(rinfo.address, rinfo.port, msg);
    if (seen.status === 'in-progress') {
      metrics.dropped.inc({ reason: 'duplicate' });
      return undefined;
    }
    if (seen.status === 'replay') {
      metrics.duplicates.inc({ kind });
      sock.send(seen.reply, rinfo.port, rinfo.address);
      return undefined;
    }
    let packet: RadiusPacket;
    try {
      packet = decodePacket(msg, this.decodeOptions(nas));
    } catch {
      this.dedup.abandon(seen.key);
      metrics.dropped.inc({ reason: 'malformed' });
      return undefined;
    }
    return { nas, packet, key: seen.key };
  }

  /** One options object per NAS rather than one per packet (NAS objects are replaced on reload). */
  private decodeOptions(nas: AaaNas): DecodeOptions {
    let options = this.decodeOptionsByNas.get(nas);
    if (!options) this.decodeOptionsByNas.set(nas, (options = { secret: nas.secret }));
    return options;
  }

  private reply(sock: dgram.Socket, rinfo: dgram.RemoteInfo, key: number, response: Buffer): void {
    this.dedup.complete(key, response);
    sock.send(response, rinfo.port, rinfo.address);
  }

  private onAuth(msg: Buffer, rinfo: dgram.RemoteInfo, sock: dgram.Socket): Promise<void> | void {
    const started = performance.now();
    const admitted = this.admit(msg, rinfo, 'auth', sock);
    if (!admitted) return;
    const { nas, packet, key } = admitted;
    if (packet.code === RadiusCode.StatusServer) {
      // RFC 5997: Status-Server must be authenticated by Message-Authenticator.
      if (!packet.hasMessageAuthenticator || !verifyMessageAuthenticator(packet, nas.secret)) return this.drop(key, 'bad_authenticator');
      return this.reply(sock, rinfo, key, createResponse(packet, RadiusCode.AccessAccept, [], nas.secret));
    }
    if (packet.code !== RadiusCode.AccessRequest) return this.drop(key, 'wrong_port');
    // RFC 2869 §5.14 / Blast-RADIUS: verify when present, require when the NAS is set to.
    if (packet.hasMessageAuthenticator) {
      if (!verifyMessageAuthenticator(packet, nas.secret)) {
        this.deps.log.warn({ nas: nas.name, from: rinfo.address }, 'Message-Authenticator invalid: wrong shared secret?');
        return this.drop(key, 'bad_authenticator');
      }
    } else if (nas.requireMessageAuthenticator) return this.drop(key, 'missing_message_authenticator');

    const username = packet.getString('User-Name') ?? '';
    const cached = this.deps.subscribers.peek(nas.ispId, username);
    // The steady state, a known subscriber in memory and no EAP, is answered in this turn of the
    // event loop without a promise; anything that may wait goes the asynchronous way.
    if (cached?.sub && !packet.has('EAP-Message')) return this.decide(sock, rinfo, key, packet, nas, cached.sub, cached.usage, username, NO_ATTRIBUTES, started);
    return this.authSlow(sock, rinfo, key, packet, nas, username, cached, started);
  }

  private async authSlow(sock: dgram.Socket, rinfo: dgram.RemoteInfo, key: number, packet: RadiusPacket, nas: AaaNas, username: string,
    cached: { sub: AaaSubscriber | null; usage: QuotaUsage } | undefined, started: number): Promise<void> {
    // No subscriber's name holds a NUL (the database cannot store one), so it is never in the
    // cache and the check costs the steady state nothing here; asked of the database, it would
    // fail the query and leave the NAS without an answer.
    if (username.includes('\0')) {
      return this.answer(sock, rinfo, key, packet, nas, null, withoutNul(username), malformed(null, 'subscriber', 'User-Name', 'User-Name contains a NUL octet'),
        NO_ATTRIBUTES, started, new Date());
    }
    const { sub, usage } = cached ?? await this.deps.subscribers.get(nas.ispId, username);
    // Not a subscriber: perhaps a hotspot card's PIN. Only this path may reach the database.
    // A failed lookup answers nothing and forgets the packet, so that the NAS's retransmission is processed.
    const voucher = sub || packet.has('EAP-Message') ? null : await this.deps.vouchers?.authorize(packet, nas, username, new Date())
      .catch((err: unknown) => { this.drop(key, 'db_error'); throw err; });
    if (voucher) return this.answer(sock, rinfo, key, packet, nas, null, voucher.logName, voucher, NO_ATTRIBUTES, started, new Date());
    // EAP-MD5 (RFC 3579): the challenge round trip first; policy runs once the peer has proven the password.
    let eapAttributes: readonly AttributeInput[] = NO_ATTRIBUTES;
    if (packet.has('EAP-Message')) {
      const eap = await this.eap.handle(packet, () => sub?.password);
      if (!eap) return this.drop(key, 'eap_without_message_authenticator');
      if (eap.code !== RadiusCode.AccessAccept) {
        this.reply(sock, rinfo, key, createResponse(packet, eap.code, eap.attributes, nas.secret));
        if (eap.code === RadiusCode.AccessReject) this.logDecision(nas, sub, username, packet, rinfo.address, false, 'EAP-MD5 failed', 'eap-md5', new Date());
        return;
      }
      eapAttributes = eap.attributes;
    }
    return this.decide(sock, rinfo, key, packet, nas, sub, usage, username, eapAttributes, started);
  }

  /** Policy, then the answer: asynchronous only when the plan leases an address from a server-side pool. */
  private decide(sock: dgram.Socket, rinfo: dgram.RemoteInfo, key: number, packet: RadiusPacket, nas: AaaNas, sub: AaaSubscriber | null, usage: QuotaUsage,
    username: string, eapAttributes: readonly AttributeInput[], started: number): Promise<void> | void {
    const now = new Date();
    const decision = authorize({
      packet, nas, subscriber: sub, activeSessions: sub ? this.deps.sessions.count(sub.id) : 0, usage, now,
      verifiedBy: eapAttributes.length ? 'eap-md5' : undefined, explain: false,
    });
    if (decision.accept && sub?.plan?.ipPoolId) {
      return this.withPoolAddress(decision, sub).then((d) => this.answer(sock, rinfo, key, packet, nas, sub, username, d, eapAttributes, started, new Date()));
    }
    this.answer(sock, rinfo, key, packet, nas, sub, username, decision, eapAttributes, started, now);
  }

  private answer(sock: dgram.Socket, rinfo: dgram.RemoteInfo, key: number, packet: RadiusPacket, nas: AaaNas, sub: AaaSubscriber | null, logName: string,
    decision: Decision, eapAttributes: readonly AttributeInput[], started: number, at: Date): void {
    const { metrics } = this.deps;
    const code = decision.accept ? RadiusCode.AccessAccept : RadiusCode.AccessReject;
    const attrs = decision.accept
      ? (eapAttributes.length ? [...eapAttributes, ...decision.attributes] : decision.attributes)
      : [...decision.attributes, ['Reply-Message', decision.reason] as const];
    this.reply(sock, rinfo, key, createResponse(packet, code, attrs, nas.secret));
    metrics.countAuth(decision.accept ? 'accept' : 'reject', decision.method);
    this.authLatency.observe((performance.now() - started) / 1000);
    this.logDecision(nas, sub, logName, packet, rinfo.address, decision.accept, decision.reason, decision.method, at);
    if (decision.malformed !== undefined) this.malformedInput.note(decision.malformed, nas.name, rinfo.address, decision.reason);
  }

  private logDecision(nas: AaaNas, sub: AaaSubscriber | null, username: string, packet: RadiusPacket, from: string, accept: boolean, reason: string, method: string, at: Date): void {
    // The subscriber's own copy of an equal name: the packet's would be kept until the log is written.
    const name = sub !== null && sub.username === username ? sub.username : username;
    this.deps.postauth.add(nas.ispId, sub?.id ?? null, nas.id, name, accept ? 'accept' : 'reject', reason, method,
      packet.getString('Calling-Station-Id') ?? null, from, at.getTime());
  }

  /** Plans with a server-side pool get an address leased for this session (one DB round trip). */
  private async withPoolAddress(decision: Decision, sub: AaaSubscriber | null): Promise<Decision> {
    const poolId = sub?.plan?.ipPoolId;
    if (!decision.accept || !sub || !poolId || decision.attributes.some((a) => Array.isArray(a) && a[0] === 'Framed-IP-Address')) return decision;
    const ip = await allocateIp(this.deps.db, sub.ispId, poolId, sub.id);
    if (!ip) return { ...decision, accept: false, reason: 'IP pool exhausted', checks: [...decision.checks, { check: 'ip_pool', ok: false, detail: 'no free address in the pool' }], attributes: [] };
    return {
      ...decision,
      checks: [...decision.checks, { check: 'ip_pool', ok: true, detail: `leased ${ip}` }],
      attributes: [...decision.attributes.filter((a) => !(Array.isArray(a) && a[0] === 'Framed-Pool')), ['Framed-IP-Address', ip]],
    };
  }

  private drop(key: number, reason: string): void {
    this.dedup.abandon(key);
    this.deps.metrics.dropped.inc({ reason });
  }

  private async onAcct(msg: Buffer, rinfo: dgram.RemoteInfo, sock: dgram.Socket): Promise<void> {
    const started = performance.now();
    const admitted = this.admit(msg, rinfo, 'acct', sock);
    if (!admitted) return;
    const { nas, packet, key } = admitted;
    if (packet.code !== RadiusCode.AccountingRequest) return this.drop(key, 'wrong_port');
    // RFC 2866 §3: the Request Authenticator is an MD5 over the packet and the secret.
    if (!verifyRequestAuthenticator(packet, nas.secret)) {
      this.deps.log.warn({ nas: nas.name, from: rinfo.address }, 'Accounting-Request authenticator invalid: wrong shared secret?');
      return this.drop(key, 'bad_authenticator');
    }
    // By number: dictionaries name 3 both Interim-Update and Alive.
    const status = acctStatus[packet.getNumber('Acct-Status-Type') ?? 0];
    const now = new Date();
    try {
      if (status === 'Accounting-On' || status === 'Accounting-Off') {
        await this.deps.accounting.closeNasSessions(nas.id, now);
      } else if (status === 'Start' || status === 'Interim-Update' || status === 'Stop') {
        const record = await this.record(nas, packet, status, rinfo.address, now);
        // The response waits for the commit (group commit): nothing acknowledged is lost.
        await this.deps.accounting.submit(record);
      } else {
        return this.drop(key, 'unsupported_status');
      }
    } catch (err) {
      // No commit, no answer: the NAS retransmits.
      this.drop(key, 'db_error');
      throw err;
    }
    this.reply(sock, rinfo, key, createResponse(packet, RadiusCode.AccountingResponse, [], nas.secret));
    this.deps.metrics.acct.inc({ status: status ?? 'unknown' });
    this.acctLatency.observe((performance.now() - started) / 1000);
  }

  private async record(nas: AaaNas, p: RadiusPacket, status: AcctRecord['statusType'], nasIp: string, at: Date): Promise<AcctRecord> {
    // Accounting is recorded whatever the strings hold, but without NUL: the database cannot
    // store one, and a record it refuses would fail its whole batch (and stay in the journal).
    const username = withoutNul(p.getString('User-Name') ?? '');
    const sessionId = withoutNul(p.getString('Acct-Session-Id') ?? '');
    const num = (name: string) => {
      const v = p.get(name);
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
    };
    // RFC 2869 §5.1/5.2: Gigawords carry the 2^32 wraps of the octet counters.
    const input = num('Acct-Input-Gigawords') * GIGA + num('Acct-Input-Octets');
    const output = num('Acct-Output-Gigawords') * GIGA + num('Acct-Output-Octets');
    const { sub } = this.deps.subscribers.peek(nas.ispId, username) ?? await this.deps.subscribers.get(nas.ispId, username);
    const str = (name: string) => {
      const v = p.getString(name);
      return v === undefined ? null : withoutNul(v);
    };
    const cls = p.get('Class');
    return {
      ispId: nas.ispId, nasId: nas.id, nasIp, subscriberId: sub?.id ?? null, username, statusType: status, acctSessionId: sessionId,
      uniqueId: createHash('md5').update(`${nas.id}|${sessionId}|${username}|${str('NAS-Port') ?? ''}`).digest('hex'),
      nasPort: p.has('NAS-Port') ? num('NAS-Port') : null, nasPortId: str('NAS-Port-Id'), nasPortType: str('NAS-Port-Type'),
      framedIp: str('Framed-IP-Address'), framedIpv6Prefix: str('Delegated-IPv6-Prefix') ?? str('Framed-IPv6-Prefix'),
      callingStationId: str('Calling-Station-Id'), calledStationId: str('Called-Station-Id'), serviceType: str('Service-Type'),
      sessionTime: num('Acct-Session-Time'), inputOctets: input, outputOctets: output, terminateCause: str('Acct-Terminate-Cause'),
      interimInterval: null, className: Buffer.isBuffer(cls) ? withoutNul(cls.toString('utf8')) : null, at,
    };
  }
}
