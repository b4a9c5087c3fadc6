/**
 * MD5 (RFC 1321) and HMAC-MD5 (RFC 2104) in TypeScript for the RADIUS hot
 * path. RADIUS hashes many tiny inputs (authenticators, Message-Authenticator,
 * password hiding); in Node 20 each node:crypto call pays a fixed setup cost
 * of a few microseconds that dominates such inputs, while this runs in well
 * under one. HMAC keys are pre-hashed once per secret (the ipad/opad block
 * states are cached), so a Message-Authenticator costs the message blocks only.
 * Results are tested against node:crypto.
 */

const INIT = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];

/** Incremental MD5 over byte ranges, reusable after digest(). */
export class Md5 {
  private readonly state = new Int32Array(4);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  private total = 0;

  constructor(initialState?: Int32Array, initialLength = 0) {
    this.reset(initialState, initialLength);
  }

  /** Starts over, optionally from a saved state (after `initialLength` octets, a multiple of 64). */
  reset(initialState?: Int32Array, initialLength = 0): this {
    if (initialState) this.state.set(initialState);
    else this.state.set(INIT);
    this.blockLength = 0;
    this.total = initialLength;
    return this;
  }

  /** Current chaining state; only meaningful on a 64-octet boundary. */
  snapshot(): Int32Array {
    return Int32Array.from(this.state);
  }

  update(data: Uint8Array, start = 0, end = data.length): this {
    this.total += end - start;
    let pos = start;
    if (this.blockLength > 0) {
      while (pos < end && this.blockLength < 64) this.block[this.blockLength++] = data[pos++]!;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    while (end - pos >= 64) {
      this.compress(data, pos);
      pos += 64;
    }
    while (pos < end) this.block[this.blockLength++] = data[pos++]!;
    return this;
  }

  updateString(text: string): this {
    return this.update(Buffer.from(text, 'utf8'));
  }

  /** Writes the 16-octet digest into `out` at `offset` (a new Buffer by default). */
  digest(out: Uint8Array = Buffer.allocUnsafe(16), offset = 0): Buffer {
    const bits = this.total * 8;
    const block = this.block;
    block[this.blockLength++] = 0x80;
    if (this.blockLength > 56) {
      block.fill(0, this.blockLength, 64);
      this.compress(block, 0);
      this.blockLength = 0;
    }
    block.fill(0, this.blockLength, 56);
    const lo = bits >>> 0;
    const hi = Math.floor(bits / 0x100000000);
    for (let i = 0; i < 4; i++) {
      block[56 + i] = (lo >>> (8 * i)) & 0xff;
      block[60 + i] = (hi >>> (8 * i)) & 0xff;
    }
    this.compress(block, 0);
    for (let i = 0; i < 4; i++) {
      const v = this.state[i]!;
      out[offset + 4 * i] = v & 0xff;
      out[offset + 4 * i + 1] = (v >>> 8) & 0xff;
      out[offset + 4 * i + 2] = (v >>> 16) & 0xff;
      out[offset + 4 * i + 3] = (v >>> 24) & 0xff;
    }
    return Buffer.isBuffer(out) ? out : Buffer.from(out.buffer, out.byteOffset, out.length);
  }

  /** One 64-octet block (RFC 1321 §3.4), unrolled: the constants are floor(abs(sin(i + 1)) * 2^32). */
  private compress(data: Uint8Array, p: number): void {
    const m0 = data[p + 0]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24);
    const m1 = data[p + 4]! | (data[p + 5]! << 8) | (data[p + 6]! << 16) | (data[p + 7]! << 24);
    const m2 = data[p + 8]! | (data[p + 9]! << 8) | (data[p + 10]! << 16) | (data[p + 11]! << 24);
    const m3 = data[p + 12]! | (data[p + 13]! << 8) | (data[p + 14]! << 16) | (data[p + 15]! << 24);
    const m4 = data[p + 16]! | (data[p + 17]! << 8) | (data[p + 18]! << 16) | (data[p + 19]! << 24);
    const m5 = data[p + 20]! | (data[p + 21]! << 8) | (data[p + 22]! << 16) | (data[p + 23]! << 24);
    const m6 = data[p + 24]! | (data[p + 25]! << 8) | (data[p + 26]! << 16) | (data[p + 27]! << 24);
    const m7 = data[p + 28]! | (data[p + 29]! << 8) | (data[p + 30]! << 16) | (data[p + 31]! << 24);
    const m8 = data[p + 32]! | (data[p + 33]! << 8) | (data[p + 34]! << 16) | (data[p + 35]! << 24);
    const m9 = data[p + 36]! | (data[p + 37]! << 8) | (data[p + 38]! << 16) | (data[p + 39]! << 24);
    const m10 = data[p + 40]! | (data[p + 41]! << 8) | (data[p + 42]! << 16) | (data[p + 43]! << 24);
    const m11 = data[p + 44]! | (data[p + 45]! << 8) | (data[p + 46]! << 16) | (data[p + 47]! << 24);
    const m12 = data[p + 48]! | (data[p + 49]! << 8) | (data[p + 50]! << 16) | (data[p + 51]! << 24);
    const m13 = data[p + 52]! | (data[p + 53]! << 8) | (data[p + 54]! << 16) | (data[p + 55]! << 24);
    const m14 = data[p + 56]! | (data[p + 57]! << 8) | (data[p + 58]! << 16) | (data[p + 59]! << 24);
    const m15 = data[p + 60]! | (data[p + 61]! << 8) | (data[p + 62]! << 16) | (data[p + 63]! << 24);
    const st = this.state;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let t: number;
    t = (a + ((b & c) | (~b & d)) + -680876936 + m0) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + -389564586 + m1) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + 606105819 + m2) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + -1044525330 + m3) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + -176418897 + m4) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + 1200080426 + m5) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + -1473231341 + m6) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + -45705983 + m7) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + 1770035416 + m8) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + -1958414417 + m9) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + -42063 + m10) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + -1990404162 + m11) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + 1804603682 + m12) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + -40341101 + m13) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + -1502002290 + m14) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + 1236535329 + m15) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((d & b) | (~d & c)) + -165796510 + m1) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + -1069501632 + m6) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 643717713 + m11) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + -373897302 + m0) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + -701558691 + m5) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + 38016083 + m10) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + -660478335 + m15) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + -405537848 + m4) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + 568446438 + m9) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + -1019803690 + m14) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + -187363961 + m3) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + 1163531501 + m8) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + -1444681467 + m13) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + -51403784 + m2) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + 1735328473 + m7) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + -1926607734 + m12) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + (b ^ c ^ d) + -378558 + m5) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + -2022574463 + m8) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 1839030562 + m11) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + -35309556 + m14) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + -1530992060 + m1) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + 1272893353 + m4) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + -155497632 + m7) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + -1094730640 + m10) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + 681279174 + m13) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + -358537222 + m0) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + -722521979 + m3) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + 76029189 + m6) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + -640364487 + m9) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + -421815835 + m12) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + 530742520 + m15) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + -995338651 + m2) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (c ^ (b | ~d)) + -198630844 + m0) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + 1126891415 + m7) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + -1416354905 + m14) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + -57434055 + m5) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + 1700485571 + m12) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + -1894986606 + m3) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + -1051523 + m10) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + -2054922799 + m1) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + 1873313359 + m8) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + -30611744 + m15) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + -1560198380 + m6) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + 1309151649 + m13) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + -145523070 + m4) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + -1120210379 + m11) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + 718787259 + m2) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + -343485551 + m9) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    st[0] = (st[0]! + a) | 0;
    st[1] = (st[1]! + b) | 0;
    st[2] = (st[2]! + c) | 0;
    st[3] = (st[3]! + d) | 0;
  }
}

const shared = new Md5();

/** MD5 of the concatenation of `parts`. */
export function md5(...parts: (Uint8Array | string)[]): Buffer {
  shared.reset();
  for (const p of parts) {
    if (typeof p === 'string') shared.updateString(p);
    else shared.update(p);
  }
  return shared.digest();
}

/** HMAC-MD5 with the key's padded ipad/opad blocks hashed once. */
export class HmacMd5 {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly hash = new Md5();
  private readonly innerDigest = Buffer.allocUnsafe(16);

  constructor(key: string | Uint8Array) {
    let k = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (k.length > 64) k = md5(k);
    const ipad = new Uint8Array(64).fill(0x36);
    const opad = new Uint8Array(64).fill(0x5c);
    for (let i = 0; i < k.length; i++) {
      ipad[i]! ^= k[i]!;
      opad[i]! ^= k[i]!;
    }
    this.inner = new Md5().update(ipad).snapshot();
    this.outer = new Md5().update(opad).snapshot();
  }

  /** Starts a MAC computation; feed with update() and finish with digest(). */
  begin(): this {
    this.hash.reset(this.inner, 64);
    return this;
  }

  update(data: Uint8Array, start?: number, end?: number): this {
    this.hash.update(data, start, end);
    return this;
  }

  digest(out?: Uint8Array, offset = 0): Buffer {
    this.hash.digest(this.innerDigest, 0);
    return this.hash.reset(this.outer, 64).update(this.innerDigest).digest(out, offset);
  }
}

const hmacCache = new Map<string, HmacMd5>();

/** A cached HMAC-MD5 keyed by a RADIUS shared secret (few distinct secrets: one per client). */
export function hmacMd5For(secret: string | Buffer): HmacMd5 {
  const id = typeof secret === 'string' ? secret : `\u0000${secret.toString('latin1')}`;
  let h = hmacCache.get(id);
  if (!h) {
    if (hmacCache.size >= 4096) hmacCache.clear();
    h = new HmacMd5(secret);
    hmacCache.set(id, h);
  }
  return h;
}

const secretCache = new Map<string, Buffer>();

/** UTF-8 octets of a shared secret, converted once per distinct secret. */
export function secretBytes(secret: string | Uint8Array): Uint8Array {
  if (typeof secret !== 'string') return secret;
  let b = secretCache.get(secret);
  if (!b) {
    if (secretCache.size >= 4096) secretCache.clear();
    b = Buffer.from(secret, 'utf8');
    secretCache.set(secret, b);
  }
  return b;
}
