/**
 * Single DES block encryption (FIPS 46-3), only for MS-CHAP's
 * DesEncrypt(Clear, 7-octet Key) (RFC 2433 §A.5, RFC 2759 §8.6). Node's
 * OpenSSL 3 keeps DES in the legacy provider, unavailable by default.
 * Bits are numbered as in FIPS 46-3: bit 1 is the most significant bit of
 * the first octet. The S-boxes and P are folded into eight lookup tables.
 */

const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8, 57, 49, 41,
  33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
const FP = [
  40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29, 36, 4, 44, 12,
  52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7,
  62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
  44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8, 4, 1, 14, 8, 13, 6, 2, 11,
    15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5, 0, 14, 7, 11, 10, 4, 13, 1,
    5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1, 13, 6, 4, 9, 8, 15, 3, 0,
    11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9, 10, 6, 9, 0, 12, 11, 7, 13,
    15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6, 4, 2, 1, 11, 10, 13, 7, 8,
    15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8, 9, 14, 15, 5, 2, 8, 12, 3,
    7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6, 1, 4, 11, 13, 12, 3, 7, 14,
    10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2, 7, 11, 4, 1, 9, 12, 14, 2,
    0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
  ],
];

/** Applies the P permutation to a 32-bit value (bit 1 = MSB). */
function permuteP(v: number): number {
  let out = 0;
  for (let i = 0; i < 32; i++) out |= ((v >>> (32 - P[i]!)) & 1) << (31 - i);
  return out;
}

/** SP[box][6-bit input]: S-box output placed at its nibble, then permuted by P. */
const SP: Int32Array[] = S.map((box, i) => {
  const table = new Int32Array(64);
  for (let v = 0; v < 64; v++) {
    // FIPS 46-3: row from the outer bits b1b6, column from b2..b5.
    const row = ((v >>> 4) & 2) | (v & 1);
    const col = (v >>> 1) & 15;
    table[v] = permuteP(box[row * 16 + col]! << (28 - 4 * i));
  }
  return table;
});

/**
 * A 64-bit -> 64-bit (or fewer) bit permutation as lookup tables: for each
 * input octet position and value, the output bits it contributes. A
 * permutation then costs eight lookups per output half instead of 64 bit moves.
 */
function permutationTables(table: readonly number[]): { hi: Int32Array; lo: Int32Array } {
  const hi = new Int32Array(8 * 256);
  const lo = new Int32Array(8 * 256);
  table.forEach((source, outIndex) => {
    const inByte = (source - 1) >> 3;
    const inBit = 7 - ((source - 1) & 7);
    for (let v = 0; v < 256; v++) {
      if (((v >> inBit) & 1) === 0) continue;
      if (outIndex < 32) hi[inByte * 256 + v]! |= 1 << (31 - outIndex);
      else lo[inByte * 256 + v]! |= 1 << (63 - outIndex);
    }
  });
  return { hi, lo };
}

const IP_T = permutationTables(IP);
const FP_T = permutationTables(FP);
// PC1 yields C (bits 1-28) and D (bits 29-56); as 28-bit values left-aligned into the two halves.
const PC1_T = permutationTables([...PC1.slice(0, 28), 0, 0, 0, 0, ...PC1.slice(28), 0, 0, 0, 0].map((n) => n || 64));
const PC1_MASK = 0xfffffff0 | 0;

function permuteBytes(t: { hi: Int32Array; lo: Int32Array }, b: ArrayLike<number>): [number, number] {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 8; i++) {
    const idx = i * 256 + b[i]!;
    hi |= t.hi[idx]!;
    lo |= t.lo[idx]!;
  }
  return [hi, lo];
}

function toBytes(hi: number, lo: number, out: Uint8Array): Uint8Array {
  out[0] = hi >>> 24;
  out[1] = hi >>> 16;
  out[2] = hi >>> 8;
  out[3] = hi;
  out[4] = lo >>> 24;
  out[5] = lo >>> 16;
  out[6] = lo >>> 8;
  out[7] = lo;
  return out;
}

/** PC2 split into four 7-bit chunks of C and of D, each mapped to its 24 output bits. */
const PC2_C = new Int32Array(4 * 128);
const PC2_D = new Int32Array(4 * 128);
PC2.forEach((source, outIndex) => {
  const fromC = source <= 28;
  const pos = fromC ? source - 1 : source - 29; // 0-based within the 28-bit half, MSB first
  const c = Math.floor(pos / 7);
  const bitInChunk = 6 - (pos % 7);
  const outBit = 23 - (outIndex % 24);
  const table = fromC ? PC2_C : PC2_D;
  for (let v = 0; v < 128; v++) if ((v >> bitInChunk) & 1) table[c * 128 + v]! |= 1 << outBit;
});

function pc2Half(table: Int32Array, half: number): number {
  return (
    table[(half >>> 21) & 127]! | table[128 + ((half >>> 14) & 127)]! | table[256 + ((half >>> 7) & 127)]! | table[384 + (half & 127)]!
  );
}

const scratchBytes = new Uint8Array(8);

/** The 16 round keys, each as eight 6-bit groups. */
function keySchedule(key: Uint8Array): Uint8Array {
  const [cd, dd] = permuteBytes(PC1_T, key);
  let c = ((cd & PC1_MASK) >>> 4) & 0x0fffffff;
  let d = ((dd & PC1_MASK) >>> 4) & 0x0fffffff;
  const groups = new Uint8Array(16 * 8);
  for (let round = 0; round < 16; round++) {
    const shift = SHIFTS[round]!;
    c = ((c << shift) | (c >>> (28 - shift))) & 0x0fffffff;
    d = ((d << shift) | (d >>> (28 - shift))) & 0x0fffffff;
    const kc = pc2Half(PC2_C, c);
    const kd = pc2Half(PC2_D, d);
    const o = round * 8;
    groups[o] = (kc >>> 18) & 63;
    groups[o + 1] = (kc >>> 12) & 63;
    groups[o + 2] = (kc >>> 6) & 63;
    groups[o + 3] = kc & 63;
    groups[o + 4] = (kd >>> 18) & 63;
    groups[o + 5] = (kd >>> 12) & 63;
    groups[o + 6] = (kd >>> 6) & 63;
    groups[o + 7] = kd & 63;
  }
  return groups;
}

/** Encrypts one 8-octet block with an 8-octet key (parity bits ignored). */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const k = keySchedule(key);
  let [l, r] = permuteBytes(IP_T, block);
  for (let round = 0; round < 16; round++) {
    const o = round * 8;
    // E expansion: group j is bits 4j..4j+5 of R with wrap-around, i.e. the top six bits of R rotated left by 4j-1.
    const r1 = (r << 31) | (r >>> 1);
    const f =
      SP[0]![((r1 >>> 26) & 63) ^ k[o]!]! ^
      SP[1]![((r >>> 23) & 63) ^ k[o + 1]!]! ^
      SP[2]![((r >>> 19) & 63) ^ k[o + 2]!]! ^
      SP[3]![((r >>> 15) & 63) ^ k[o + 3]!]! ^
      SP[4]![((r >>> 11) & 63) ^ k[o + 4]!]! ^
      SP[5]![((r >>> 7) & 63) ^ k[o + 5]!]! ^
      SP[6]![((r >>> 3) & 63) ^ k[o + 6]!]! ^
      SP[7]![(((r << 1) | (r >>> 31)) & 63) ^ k[o + 7]!]!;
    const next = l ^ f;
    l = r;
    r = next;
  }
  // The halves are swapped after the last round (R16 L16) before the final permutation.
  const [outHi, outLo] = permuteBytes(FP_T, toBytes(r, l, scratchBytes));
  return Buffer.from(toBytes(outHi, outLo, new Uint8Array(8)).buffer);
}

/**
 * RFC 2433 §A.6 / RFC 2759 §8.6: spreads a 7-octet key over 8 octets, seven
 * bits each, leaving the low (parity) bit, which DES ignores, set to odd parity.
 */
export function expandDesKey(key7: Uint8Array): Buffer {
  const k = key7;
  const sevens = [
    k[0]! >> 1,
    ((k[0]! & 0x01) << 6) | (k[1]! >> 2),
    ((k[1]! & 0x03) << 5) | (k[2]! >> 3),
    ((k[2]! & 0x07) << 4) | (k[3]! >> 4),
    ((k[3]! & 0x0f) << 3) | (k[4]! >> 5),
    ((k[4]! & 0x1f) << 2) | (k[5]! >> 6),
    ((k[5]! & 0x3f) << 1) | (k[6]! >> 7),
    k[6]! & 0x7f,
  ];
  const out = Buffer.allocUnsafe(8);
  for (let i = 0; i < 8; i++) {
    const seven = sevens[i]!;
    let ones = seven;
    ones ^= ones >> 4;
    ones ^= ones >> 2;
    ones ^= ones >> 1;
    out[i] = (seven << 1) | (~ones & 1);
  }
  return out;
}
