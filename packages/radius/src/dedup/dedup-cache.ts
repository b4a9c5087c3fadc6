/**
 * RFC 5080 §2.2.2 duplicate detection: a retransmitted request (same source
 * address and port, Identifier and Request Authenticator) must not be
 * processed twice. While the original is in progress the duplicate is
 * dropped; once answered, the cached reply is sent again. Entries live for
 * a short window and the cache is bounded, oldest evicted first.
 */

export type DedupResult =
  | { readonly status: 'new'; readonly key: string }
  | { readonly status: 'in-progress' }
  | { readonly status: 'replay'; readonly reply: Buffer };

export interface DedupOptions {
  /** How long a request (and then its reply) is remembered; default 5000 ms. */
  windowMs?: number;
  /** Upper bound on entries; default 65,536. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  expires: number;
  reply: Buffer | undefined;
}

export class DedupCache {
  private readonly entries = new Map<string, Entry>();
  private readonly windowMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: DedupOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 65_536;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cache key of a request datagram (needs at least the 20-octet header). */
  static key(address: string, port: number, packet: Buffer): string {
    return `${address}|${port}|${packet[1]}|${packet.toString('latin1', 4, 20)}`;
  }

  /** Looks a request up; a 'new' result reserves the key until complete() or abandon(). */
  check(address: string, port: number, packet: Buffer): DedupResult {
    const key = DedupCache.key(address, port, packet);
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > now) {
      return entry.reply ? { status: 'replay', reply: entry.reply } : { status: 'in-progress' };
    }
    if (entry) this.entries.delete(key);
    this.evict(now);
    this.entries.set(key, { expires: now + this.windowMs, reply: undefined });
    return { status: 'new', key };
  }

  /** Records the reply sent for `key`, replayed to retransmissions within the window. */
  complete(key: string, reply: Buffer): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.reply = reply;
    entry.expires = this.now() + this.windowMs;
  }

  /** Forgets a request that got no reply (e.g. dropped), so a retransmission is processed afresh. */
  abandon(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private evict(now: number): void {
    // Insertion order approximates expiry order, so stop at the first live entry once under the bound.
    for (const [key, entry] of this.entries) {
      if (entry.expires > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
