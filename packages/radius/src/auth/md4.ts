/**
 * MD4 message digest (RFC 1320), needed for the NT password hash of
 * MS-CHAP (RFC 2433 §A.2, RFC 2759 §8.3). Node's OpenSSL 3 only offers MD4 in
 * the legacy provider, which is not loaded by default, so it is implemented
 * here. Not for any other use: MD4 is broken as a general hash.
 */

function rotl(x: number, s: number): number {
  return (x << s) | (x >>> (32 - s));
}

const R2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const R3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const S1 = [3, 7, 11, 19];
const S2 = [3, 5, 9, 13];
const S3 = [3, 9, 11, 15];

export function md4(input: Uint8Array): Buffer {
  const length = input.length;
  // RFC 1320 §3.1-3.2: pad with 0x80 then zeros to 56 mod 64, then the bit length (64-bit little-endian).
  const padded = Buffer.alloc((((length + 8) >>> 6) + 1) * 64);
  padded.set(input);
  padded[length] = 0x80;
  const bits = length * 8;
  padded.writeUInt32LE(bits >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bits / 0x100000000), padded.length - 4);

  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = new Int32Array(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readInt32LE(block + 4 * i);
    let aa = a;
    let bb = b;
    let cc = c;
    let dd = d;
    // Each step updates one register and rotates the roles (a,b,c,d) -> (d,a',b,c), RFC 1320 §3.4.
    for (let i = 0; i < 16; i++) {
      const t = rotl((aa + ((bb & cc) | (~bb & dd)) + x[i]!) | 0, S1[i & 3]!);
      aa = dd;
      dd = cc;
      cc = bb;
      bb = t;
    }
    for (let i = 0; i < 16; i++) {
      const t = rotl((aa + ((bb & cc) | (bb & dd) | (cc & dd)) + x[R2[i]!]! + 0x5a827999) | 0, S2[i & 3]!);
      aa = dd;
      dd = cc;
      cc = bb;
      bb = t;
    }
    for (let i = 0; i < 16; i++) {
      const t = rotl((aa + (bb ^ cc ^ dd) + x[R3[i]!]! + 0x6ed9eba1) | 0, S3[i & 3]!);
      aa = dd;
      dd = cc;
      cc = bb;
      bb = t;
    }
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  const out = Buffer.allocUnsafe(16);
  out.writeInt32LE(a, 0);
  out.writeInt32LE(b, 4);
  out.writeInt32LE(c, 8);
  out.writeInt32LE(d, 12);
  return out;
}
