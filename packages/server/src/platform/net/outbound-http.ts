import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, fetch, type RequestInit, type Response } from 'undici';
import type { Logger } from 'pino';
import { isIpLiteral, parseAllowedCidrs, refusal, type Cidr } from './address-policy.ts';

/** A request to a user-given URL that the address policy refused: the URL leads inside. */
export class OutboundRefusedError extends Error {
  constructor(readonly host: string, readonly reason: string) {
    super(`Refused to connect to ${host}: ${reason}; the platform owner can allow a private range (OUTBOUND_ALLOW_CIDRS or the founder's system settings)`);
    this.name = 'OutboundRefusedError';
  }
}

export type Resolve = (hostname: string) => Promise<string[]>;
export type OutboundFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;
export type { RequestInit as OutboundInit, Response as OutboundResponse } from 'undici';

const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

type Options = {
  /** Ranges allowed by the deployment (OUTBOUND_ALLOW_CIDRS); always in force. */
  allow?: readonly Cidr[];
  /** Ranges the platform owner stored in the database; reread when older than a minute. */
  loadStored?: () => Promise<string[]>;
  resolve?: Resolve;
  log?: Pick<Logger, 'warn'>;
  connectTimeoutMs?: number;
};

const STORED_MAX_AGE_MS = 60_000;
/** A server an ISP names answers small JSON documents: a larger body is cut off, not buffered. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The one way the server fetches a URL that a user gave it. The host name is resolved once,
 * every address is checked against the policy, and the socket is opened to the address that
 * was checked (a custom undici connector), so a DNS answer that changes between the check and
 * the connection (rebinding) cannot lead it inside. Each redirect opens its connection through
 * the same connector and is checked the same way.
 */
export class OutboundHttp {
  private stored: readonly Cidr[] = [];
  private storedAt = 0;
  private refreshing: Promise<void> | null = null;
  private agent: Agent;
  private readonly resolve: Resolve;
  private readonly connector: ReturnType<typeof buildConnector>;

  constructor(private readonly opts: Options = {}) {
    this.resolve = opts.resolve ?? systemResolve;
    this.connector = buildConnector({ timeout: opts.connectTimeoutMs ?? 10_000 });
    this.agent = this.newAgent();
  }

  private newAgent(): Agent {
    return new Agent({
      maxResponseSize: MAX_RESPONSE_BYTES,
      connect: (options, callback) => {
        this.pin(options.hostname).then(
          // `host` keeps the name, so TLS still checks the certificate against it (SNI).
          (address) => this.connector({ ...options, hostname: address }, callback),
          (err: Error) => callback(err, null),
        );
      },
    });
  }

  /** The ranges in force: the deployment's and the platform owner's. */
  allowed(): readonly Cidr[] {
    if (this.opts.loadStored && Date.now() - this.storedAt > STORED_MAX_AGE_MS) void this.refresh();
    return [...(this.opts.allow ?? []), ...this.stored];
  }

  /** Rereads the platform owner's ranges (at start, when another process changed them, and when stale). */
  refresh(): Promise<void> {
    const load = this.opts.loadStored;
    if (!load) return Promise.resolve();
    this.refreshing ??= load().then(
      (texts) => this.setStored(texts),
      (err: unknown) => this.opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbound allowance could not be reread; keeping the last one'),
    ).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Takes the platform owner's ranges as saved (already validated when saved). */
  setStored(texts: readonly string[]): void {
    const parsed = parseAllowedCidrs(texts);
    const next = 'ok' in parsed ? parsed.ok : this.stored;
    this.storedAt = Date.now();
    if (next.map((c) => c.text).join() === this.stored.map((c) => c.text).join()) return;
    this.stored = next;
    // Kept-alive connections were checked against the old ranges: new ones from now on.
    const old = this.agent;
    this.agent = this.newAgent();
    void old.close();
  }

  /**
   * Why a URL given at save time is refused, or null: only http(s), and a host that is a
   * literal address (or `localhost`) must be one the policy admits. A name is resolved only
   * when it is used, as its addresses may change.
   */
  urlRefusal(url: string): string | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return 'not a URL';
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be an http or https URL';
    const host = u.hostname.replace(/\.$/, '').toLowerCase();
    // The WHATWG parser already turned decimal, octal and hex IPv4 forms into dotted quads.
    if (isIpLiteral(host)) return refusal(host, this.allowed());
    if (host === 'localhost' || host.endsWith('.localhost')) return refusal('127.0.0.1', this.allowed()) && `${host} is a loopback address`;
    return null;
  }

  /** fetch() through the policy; a refused address rejects with OutboundRefusedError. */
  fetch: OutboundFetch = async (url, init) => {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new OutboundRefusedError(u.protocol, 'only http and https URLs are fetched');
    try {
      return await fetch(u, { ...init, dispatcher: this.agent });
    } catch (err) {
      if (err instanceof TypeError && err.cause instanceof OutboundRefusedError) throw err.cause;
      throw err;
    }
  };

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The address to connect to for `hostname`: every address it resolves to must pass. */
  private async pin(hostname: string): Promise<string> {
    const addresses = isIP(hostname) ? [hostname] : await this.resolve(hostname);
    if (!addresses.length) throw new OutboundRefusedError(hostname, 'the name has no address');
    const allowed = this.allowed();
    for (const address of addresses) {
      const why = refusal(address, allowed);
      if (why) throw new OutboundRefusedError(hostname, why);
    }
    return addresses[0]!;
  }
}
