/**
 * The MikroTik RouterOS API wire format (help.mikrotik.com "API"): a sentence is a sequence
 * of words ended by an empty word; each word is prefixed by its length in a 1-5 byte
 * variable-length encoding:
 *   < 0x80        1 byte   0xxxxxxx
 *   < 0x4000      2 bytes  10xxxxxx ...
 *   < 0x200000    3 bytes  110xxxxx ...
 *   < 0x10000000  4 bytes  1110xxxx ...
 *   otherwise     5 bytes  0xF0 then 4 bytes
 */

export function encodeLength(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`Invalid word length ${n}`);
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([((n >>> 24) & 0xff) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xf0;
  b.writeUInt32BE(n, 1);
  return b;
}

/** The length at `offset`, or null if the buffer does not hold the whole prefix yet. */
export function decodeLength(buf: Buffer, offset = 0): { length: number; size: number } | null {
  if (offset >= buf.length) return null;
  const c = buf[offset]!;
  const need = c < 0x80 ? 1 : c < 0xc0 ? 2 : c < 0xe0 ? 3 : c < 0xf0 ? 4 : c === 0xf0 ? 5 : -1;
  if (need === -1) throw new Error(`Invalid RouterOS length prefix 0x${c.toString(16)}`);
  if (offset + need > buf.length) return null;
  let length: number;
  if (need === 1) length = c;
  else if (need === 2) length = ((c & 0x3f) << 8) | buf[offset + 1]!;
  else if (need === 3) length = ((c & 0x1f) << 16) | (buf[offset + 1]! << 8) | buf[offset + 2]!;
  else if (need === 4) length = ((c & 0x0f) * 0x1000000) + (buf[offset + 1]! << 16) + (buf[offset + 2]! << 8) + buf[offset + 3]!;
  else length = buf.readUInt32BE(offset + 1);
  return { length, size: need };
}

export function encodeSentence(words: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const w of words) {
    const bytes = Buffer.from(w, 'utf8');
    if (bytes.length === 0) throw new Error('A word of a sentence cannot be empty');
    parts.push(encodeLength(bytes.length), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/**
 * Splits a byte stream into sentences, whatever the TCP segmentation. A word larger than
 * `maxWord` is a protocol error (a peer must not make us buffer without bound).
 */
export class SentenceReader {
  private buf: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  constructor(private readonly maxWord = 16 * 1024 * 1024) {}

  push(chunk: Buffer): string[][] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const sentences: string[][] = [];
    let offset = 0;
    for (;;) {
      const len = decodeLength(this.buf, offset);
      if (!len) break;
      if (len.length > this.maxWord) throw new Error(`RouterOS word of ${len.length} bytes exceeds the limit`);
      if (offset + len.size + len.length > this.buf.length) break;
      offset += len.size;
      if (len.length === 0) {
        sentences.push(this.words);
        this.words = [];
      } else {
        this.words.push(this.buf.toString('utf8', offset, offset + len.length));
        offset += len.length;
      }
    }
    this.buf = this.buf.subarray(offset);
    return sentences;
  }
}

/** "=name=value" words of a reply → { name: value } (values may contain '='). */
export function attributes(words: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of words) {
    if (!w.startsWith('=')) continue;
    const i = w.indexOf('=', 1);
    if (i > 0) out[w.slice(1, i)] = w.slice(i + 1);
  }
  return out;
}
