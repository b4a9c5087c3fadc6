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

const PIPE = 0x7c;
/** Address (at most 64), three separators, port, identifier and authenticator. */
const keyScratch = Buffer.alloc(64 + 3 + 10 + 3 + 16);

/** `n` (a non-negative integer) in decimal digits at `pos`; returns the position after them. */
function writeDecimal(out: Buffer, pos: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return pos + out.write(String(n), pos, 'latin1');
  let digits = 1;
  for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
  for (let i = digits - 1, v = n; i >= 0; i--, v = Math.floor(v / 10)) out[pos + i] = 0x30 + (v % 10);
  return pos + digits;
}

interface Entry {
  /** Milliseconds after `base`: a small integer, kept in the object, where a clock reading needs a box of its own. */
  expires: number;
  reply: Buffer | undefined;
}

/**
 * Two generations of Maps, swapped once a window (or when half the bound is reached): every
 * operation is O(1) and nothing is ever iterated. Sweeping one Map in insertion order walked
 * the holes that deleted entries leave (V8 compacts them only on rehash) and was the main cost
 * of the cache at ten thousand requests a second. An entry lives between one and two windows
 * in the Maps; `expires` keeps the answer exact.
 */
export class DedupCache {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private readonly windowMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private rotateAt: number;
  private readonly base: number;

  constructor(options: DedupOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 65_536;
    this.now = options.now ?? Date.now;
    this.base = this.now();
    this.rotateAt = this.base + this.windowMs;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** The cache key of a request datagram (needs at least the 20-octet header). */
  static key(address: string, port: number, packet: Buffer): string {
    // The same text as `${address}|${port}|${identifier}|${authenticator as latin1}`, made as one
    // flat string: the template built four intermediate strings and the Map lookup flattened them
    // into a fifth, for every request.
    if (address.length > 64) return `${address}|${port}|${packet[1]}|${packet.toString('latin1', 4, 20)}`;
    const k = keyScratch;
    let p = 0;
    for (let i = 0; i < address.length; i++) {
      const c = address.charCodeAt(i);
      if (c > 0xff) return `${address}|${port}|${packet[1]}|${packet.toString('latin1', 4, 20)}`;
      k[p++] = c;
    }
    k[p++] = PIPE;
    p = writeDecimal(k, p, port);
    k[p++] = PIPE;
    p = writeDecimal(k, p, packet[1]!);
    k[p++] = PIPE;
    // Byte by byte: a partial Buffer.copy() makes a view object.
    for (let i = 4; i < 20; i++) k[p++] = packet[i]!;
    return k.toString('latin1', 0, p);
  }

  /** Looks a request up; a 'new' result reserves the key until complete() or abandon(). */
  check(address: string, port: number, packet: Buffer): DedupResult {
    const key = DedupCache.key(address, port, packet);
    const now = this.now();
    this.maybeRotate(now);
    const entry = this.current.get(key) ?? this.previous.get(key);
    if (entry && entry.expires > now - this.base) {
      return entry.reply ? { status: 'replay', reply: entry.reply } : { status: 'in-progress' };
    }
    this.previous.delete(key);
    this.current.set(key, { expires: now - this.base + this.windowMs, reply: undefined });
    return { status: 'new', key };
  }

  /** Records the reply sent for `key`, replayed to retransmissions within the window. */
  complete(key: string, reply: Buffer): void {
    const entry = this.current.get(key) ?? this.previous.get(key);
    if (!entry) return;
    entry.reply = reply;
    entry.expires = this.now() - this.base + this.windowMs;
    // The replay window starts now: keep the entry in the young generation.
    if (this.previous.delete(key)) this.current.set(key, entry);
  }

  /** Forgets a request that got no reply (e.g. dropped), so a retransmission is processed afresh. */
  abandon(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }

  private maybeRotate(now: number): void {
    if (now < this.rotateAt && this.current.size < this.maxEntries / 2) return;
    this.previous = this.current;
    this.current = new Map();
    this.rotateAt = now + this.windowMs;
  }
}
