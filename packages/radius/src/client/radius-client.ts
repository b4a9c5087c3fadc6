import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { RadiusError } from '../errors.ts';
import { encodeRequest } from '../codec/build.ts';
import { RadiusCode } from '../codec/codes.ts';
import type { AttributeList } from '../codec/encode.ts';
import { RadiusPacket } from '../codec/packet.ts';
import { verifyResponse } from '../codec/verify.ts';
import type { Dictionary } from '../dictionary/dictionary.ts';
import { defaultDictionary } from '../dictionary/default.ts';
import { IdentifierAllocator } from './id-allocator.ts';

export interface RadiusTarget {
  host: string;
  port: number;
  secret: string | Buffer;
}

export interface SendOptions {
  /** Per-try timeout; default 3000 ms. */
  timeoutMs?: number;
  /** Retransmissions after the first try; default 2. Retransmissions reuse Identifier and authenticator (RFC 5080 §2.2.1). */
  retries?: number;
  /** Override the default Message-Authenticator choice of encodeRequest. */
  messageAuthenticator?: boolean;
}

export interface RadiusClientOptions extends SendOptions {
  dictionary?: Dictionary;
}

/** No verified reply arrived after all retries. */
export class RadiusTimeoutError extends RadiusError {
  override readonly name = 'RadiusTimeoutError';
  constructor(message: string) {
    super(message, 'TIMEOUT');
  }
}

/** Which reply codes answer which request codes (RFC 2865 §3, RFC 2866 §4, RFC 5176 §3, RFC 5997 §3). */
const VALID_REPLIES: Record<number, readonly number[]> = {
  1: [2, 3, 11],
  4: [5],
  12: [2, 3, 5],
  40: [41, 42],
  43: [44, 45],
};

interface Pending {
  readonly requestAuthenticator: Buffer;
  readonly secret: string | Buffer;
  readonly code: number;
  readonly resolve: (p: RadiusPacket) => void;
  readonly reject: (e: Error) => void;
}

/**
 * A small RADIUS client over UDP: sends a request, retransmits on timeout,
 * and resolves with the first reply whose Response Authenticator and
 * Message-Authenticator verify (RFC 2865 §3: others are silently discarded).
 */
export class RadiusClient {
  private readonly ids = new IdentifierAllocator();
  private readonly pending = new Map<string, Pending>();
  private readonly sockets = new Map<4 | 6, Socket>();
  private readonly dictionary: Dictionary;
  private readonly defaults: SendOptions;

  constructor(options: RadiusClientOptions = {}) {
    this.dictionary = options.dictionary ?? defaultDictionary();
    this.defaults = options;
  }

  async send(code: number, attributes: AttributeList, target: RadiusTarget, options: SendOptions = {}): Promise<RadiusPacket> {
    const address = isIP(target.host) ? target.host : (await lookup(target.host)).address;
    const family: 4 | 6 = isIP(address) === 6 ? 6 : 4;
    const destination = `${address}|${target.port}`;
    const identifier = await this.ids.acquire(destination);
    const key = `${destination}|${identifier}`;
    try {
      const messageAuthenticator = options.messageAuthenticator ?? this.defaults.messageAuthenticator;
      const { packet, authenticator } = encodeRequest({
        code,
        identifier,
        attributes,
        secret: target.secret,
        dictionary: this.dictionary,
        ...(messageAuthenticator !== undefined ? { messageAuthenticator } : {}),
      });
      const socket = await this.socket(family);
      const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs ?? 3000;
      const tries = 1 + (options.retries ?? this.defaults.retries ?? 2);
      return await new Promise<RadiusPacket>((resolve, reject) => {
        let attempt = 0;
        let timer: NodeJS.Timeout | undefined;
        const finish = (): void => {
          clearTimeout(timer);
          this.pending.delete(key);
        };
        const transmit = (): void => {
          if (attempt++ >= tries) {
            finish();
            reject(new RadiusTimeoutError(`no reply from ${target.host}:${target.port} after ${tries} tries`));
            return;
          }
          socket.send(packet, target.port, address);
          timer = setTimeout(transmit, timeoutMs);
        };
        this.pending.set(key, {
          requestAuthenticator: authenticator,
          secret: target.secret,
          code,
          resolve: (p) => {
            finish();
            resolve(p);
          },
          reject: (e) => {
            finish();
            reject(e);
          },
        });
        transmit();
      });
    } finally {
      this.ids.release(destination, identifier);
    }
  }

  /** Access-Request convenience. */
  access(attributes: AttributeList, target: RadiusTarget, options?: SendOptions): Promise<RadiusPacket> {
    return this.send(RadiusCode.AccessRequest, attributes, target, options);
  }

  /** Accounting-Request convenience. */
  accounting(attributes: AttributeList, target: RadiusTarget, options?: SendOptions): Promise<RadiusPacket> {
    return this.send(RadiusCode.AccountingRequest, attributes, target, options);
  }

  close(): void {
    for (const p of this.pending.values()) p.reject(new RadiusError('client closed', 'CLOSED'));
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }

  private async socket(family: 4 | 6): Promise<Socket> {
    const existing = this.sockets.get(family);
    if (existing) return existing;
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address, rinfo.port));
    socket.on('error', () => {
      // A send error (e.g. ICMP unreachable on some platforms) only costs a retry; keep the socket.
    });
    this.sockets.set(family, socket);
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    socket.unref();
    return socket;
  }

  private onMessage(msg: Buffer, address: string, port: number): void {
    if (msg.length < 20) return;
    const pending = this.pending.get(`${address}|${port}|${msg[1]}`);
    if (!pending) return;
    let packet: RadiusPacket;
    try {
      packet = new RadiusPacket(msg, {
        dictionary: this.dictionary,
        secret: pending.secret,
        requestAuthenticator: pending.requestAuthenticator,
      });
    } catch {
      return;
    }
    if (!verifyResponse(packet, pending.requestAuthenticator, pending.secret, pending.code)) return;
    if (!VALID_REPLIES[pending.code]?.includes(packet.code)) {
      pending.reject(new RadiusError(`unexpected ${packet.codeName} in reply to code ${pending.code}`, 'UNEXPECTED_CODE'));
      return;
    }
    pending.resolve(packet);
  }
}
