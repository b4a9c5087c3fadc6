/**
 * RFC 5080 §2.2.2 duplicate detection: a retransmitted request (same source
 * address and port, Identifier and Request Authenticator) must not be
 * processed twice. While the original is in progress the duplicate is
 * dropped; once answered, the cached reply is sent again. Entries live for
 * a short window and the cache is bounded, oldest evicted first.
 */

export type DedupResult =
  /** `key` is a handle for complete() and abandon(); -1 for a source that cannot be remembered. */
  | { readonly status: 'new'; readonly key: number }
  | { readonly status: 'in-progress' }
  | { readonly status: 'replay'; readonly reply: Buffer };

export interface DedupOptions {
  /** How long a request (and then its reply) is remembered; default 5000 ms. */
  windowMs?: number;
  /** Upper bound on entries; default 65,536. */
  maxEntries?: number;
  /** Bytes kept for replies (a ring: the oldest replies are overwritten first); default 256 per entry. */
  replyBytes?: number;
  now?: () => number;
}

/** Longest address text remembered: IPv6 with a zone fits; no IP literal is longer. */
const ADDRESS_MAX = 64;
/** Address text, port (2 octets), identifier, authenticator (16). */
const KEY_MAX = ADDRESS_MAX + 2 + 1 + 16;
const IN_PROGRESS: DedupResult = Object.freeze({ status: 'in-progress' });

/**
 * The whole cache lives in typed arrays and two Buffers, outside the JavaScript heap: at tens of
 * thousands of requests a second, a Map of strings, entry objects and reply Buffers, each alive
 * for seconds, was most of what every scavenge copied and what filled the old generation, and
 * garbage-collection pauses were the largest part of the tail latency.
 *
 * Slots form a ring in insertion order: insert number n takes slot n mod capacity, evicting the
 * oldest entry, and n is the handle, so a handle whose slot was taken since is recognised as
 * stale. A hash index (chained through `next`) finds a key. Replies are copied into a ring of
 * bytes; a reply overwritten there is forgotten, and its retransmission is processed afresh,
 * as an evicted entry's would be.
 */
export class DedupCache {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly capacity: number;
  private readonly keys: Buffer;
  private readonly keyLength: Uint8Array;
  private readonly hashes: Int32Array;
  /** The insert number that holds each slot, or -1 for a free slot. */
  private readonly ticket: Float64Array;
  private readonly expires: Float64Array;
  /** Where the reply starts in the reply ring (an ever-growing position), or -1 while in progress. */
  private readonly replyAt: Float64Array;
  private readonly replyLength: Uint16Array;
  private readonly next: Int32Array;
  private readonly buckets: Int32Array;
  private readonly mask: number;
  private readonly replies: Buffer;
  private replyEnd = 0;
  private inserts = 0;
  private entries = 0;
  private readonly scratch = Buffer.alloc(KEY_MAX);

  constructor(options: DedupOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.capacity = Math.max(1, options.maxEntries ?? 65_536);
    const cap = this.capacity;
    this.keys = Buffer.alloc(cap * KEY_MAX);
    this.keyLength = new Uint8Array(cap);
    this.hashes = new Int32Array(cap);
    this.ticket = new Float64Array(cap).fill(-1);
    this.expires = new Float64Array(cap);
    this.replyAt = new Float64Array(cap);
    this.replyLength = new Uint16Array(cap);
    this.next = new Int32Array(cap);
    let buckets = 1;
    while (buckets < cap * 2) buckets *= 2;
    this.buckets = new Int32Array(buckets).fill(-1);
    this.mask = buckets - 1;
    // A reply is at most 4096 octets (RFC 2865 §3): the ring holds at least two of any size.
    this.replies = Buffer.alloc(Math.max(2 * 4096, options.replyBytes ?? cap * 256));
  }

  get size(): number {
    return this.entries;
  }

  /** Looks a request up; a 'new' result reserves the key until complete() or abandon(). */
  check(address: string, port: number, packet: Buffer): DedupResult {
    const length = this.writeKey(address, port, packet);
    if (length < 0) return { status: 'new', key: -1 };
    const hash = fnv1a(this.scratch, length);
    const now = this.now();
    const slot = this.find(hash, length);
    if (slot >= 0) {
      if (this.expires[slot]! > now) {
        if (this.replyAt[slot]! < 0) return IN_PROGRESS;
        const reply = this.reply(slot);
        if (reply) return { status: 'replay', reply };
      }
      this.remove(slot);
    }
    return { status: 'new', key: this.insert(hash, length, now) };
  }

  /** Records the reply sent for `key`, replayed to retransmissions within the window. */
  complete(key: number, reply: Buffer): void {
    const slot = this.slotOf(key);
    if (slot < 0 || reply.length > 0xffff) return;
    const size = this.replies.length;
    // A reply never wraps around the ring's end: it starts again at the beginning.
    if ((this.replyEnd % size) + reply.length > size) this.replyEnd += size - (this.replyEnd % size);
    reply.copy(this.replies, this.replyEnd % size);
    this.replyAt[slot] = this.replyEnd;
    this.replyLength[slot] = reply.length;
    this.replyEnd += reply.length;
    // The replay window starts now.
    this.expires[slot] = this.now() + this.windowMs;
  }

  /** Forgets a request that got no reply (e.g. dropped), so a retransmission is processed afresh. */
  abandon(key: number): void {
    const slot = this.slotOf(key);
    if (slot >= 0) this.remove(slot);
  }

  /** The key's octets into the scratch buffer; -1 for an address too long to remember. */
  private writeKey(address: string, port: number, packet: Buffer): number {
    const k = this.scratch;
    if (address.length > ADDRESS_MAX) return -1;
    let p = 0;
    for (let i = 0; i < address.length; i++) {
      const c = address.charCodeAt(i);
      if (c > 0xff) return -1;
      k[p++] = c;
    }
    k[p++] = (port >>> 8) & 0xff;
    k[p++] = port & 0xff;
    k[p++] = packet[1]!;
    for (let i = 4; i < 20; i++) k[p++] = packet[i]!;
    return p;
  }

  private find(hash: number, length: number): number {
    for (let s = this.buckets[hash & this.mask]!; s >= 0; s = this.next[s]!) {
      if (this.hashes[s] !== hash || this.keyLength[s] !== length) continue;
      const base = s * KEY_MAX;
      let i = 0;
      while (i < length && this.keys[base + i] === this.scratch[i]) i++;
      if (i === length) return s;
    }
    return -1;
  }

  private insert(hash: number, length: number, now: number): number {
    const key = this.inserts++;
    const slot = key % this.capacity;
    if (this.ticket[slot]! >= 0) this.remove(slot);
    this.scratch.copy(this.keys, slot * KEY_MAX, 0, length);
    this.keyLength[slot] = length;
    this.hashes[slot] = hash;
    this.ticket[slot] = key;
    this.expires[slot] = now + this.windowMs;
    this.replyAt[slot] = -1;
    const bucket = hash & this.mask;
    this.next[slot] = this.buckets[bucket]!;
    this.buckets[bucket] = slot;
    this.entries++;
    return key;
  }

  private remove(slot: number): void {
    const bucket = this.hashes[slot]! & this.mask;
    let s = this.buckets[bucket]!;
    if (s === slot) this.buckets[bucket] = this.next[slot]!;
    else {
      while (s >= 0 && this.next[s] !== slot) s = this.next[s]!;
      if (s >= 0) this.next[s] = this.next[slot]!;
    }
    this.ticket[slot] = -1;
    this.entries--;
  }

  /** The slot a handle still holds, or -1 once it was evicted, abandoned or reused. */
  private slotOf(key: number): number {
    if (key < 0) return -1;
    const slot = key % this.capacity;
    return this.ticket[slot] === key ? slot : -1;
  }

  /** A copy of the slot's reply (the ring is overwritten later), or null once it has been. */
  private reply(slot: number): Buffer | null {
    const at = this.replyAt[slot]!;
    const length = this.replyLength[slot]!;
    if (this.replyEnd - at > this.replies.length) return null;
    const start = at % this.replies.length;
    return Buffer.from(this.replies.subarray(start, start + length));
  }
}

/** FNV-1a, 32 bits, over the first `length` octets. */
function fnv1a(b: Buffer, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h | 0;
}
