/**
 * SHA-1 (FIPS 180-4) for MS-CHAPv2 (RFC 2759 §8.2, §8.7) and MPPE keys
 * (RFC 3079 §3.4): seven small digests per authentication, where node:crypto's
 * per-call setup cost outweighs the hashing itself. Tested against node:crypto.
 */

const w = new Int32Array(80);
const tail = new Uint8Array(128);

function compress(state: Int32Array, data: Uint8Array, p: number): void {
  for (let i = 0; i < 16; i++, p += 4) w[i] = (data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!;
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  for (let i = 0; i < 80; i++) {
    let f: number;
    let k: number;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc | 0;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6 | 0;
    }
    const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
}

/** SHA-1 of the concatenation of `parts`. */
export function sha1(...parts: Uint8Array[]): Buffer {
  const state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);
  let total = 0;
  for (const part of parts) total += part.length;
  // Whole blocks are hashed straight from the parts when a part holds them; the rest goes through `tail`.
  const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  let p = 0;
  for (; p + 64 <= total; p += 64) compress(state, buf, p);
  const rest = total - p;
  tail.fill(0);
  tail.set(buf.subarray(p, total));
  tail[rest] = 0x80;
  const blocks = rest + 9 > 64 ? 2 : 1;
  const bits = total * 8;
  const end = blocks * 64;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  const hi = Math.floor(bits / 0x100000000);
  tail[end - 8] = hi >>> 24;
  tail[end - 7] = hi >>> 16;
  tail[end - 6] = hi >>> 8;
  tail[end - 5] = hi;
  for (let b = 0; b < blocks; b++) compress(state, tail, b * 64);
  const out = Buffer.allocUnsafe(20);
  for (let i = 0; i < 5; i++) out.writeInt32BE(state[i]!, 4 * i);
  return out;
}
