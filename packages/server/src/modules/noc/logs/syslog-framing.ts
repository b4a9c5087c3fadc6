import { maxMessageBytes } from './syslog-parser.ts';

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting ("LEN SP MSG", §3.4.1)
 * when a frame starts with a digit, else non-transparent framing ended by LF (or NUL, §3.4.2).
 * The choice is made per frame, as senders may mix them. A frame longer than the limit
 * is an error: the caller closes the connection instead of buffering without end.
 */
export class SyslogFramer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      // Blank separators between frames (a CRLF after an octet-counted frame) are skipped.
      let start = 0;
      while (start < this.buf.length && (this.buf[start] === 0x0a || this.buf[start] === 0x0d || this.buf[start] === 0x00)) start++;
      if (start) this.buf = this.buf.subarray(start);
      if (!this.buf.length) break;
      const first = this.buf[0]!;
      if (first >= 0x31 && first <= 0x39) {
        const space = this.buf.indexOf(0x20);
        if (space < 0) {
          if (this.buf.length > 10) throw new Error('octet count too long');
          break;
        }
        const lenText = this.buf.subarray(0, space).toString('latin1');
        if (!/^[1-9]\d{0,8}$/.test(lenText)) throw new Error('bad octet count');
        const len = Number(lenText);
        if (len > maxMessageBytes) throw new Error('frame too long');
        if (this.buf.length < space + 1 + len) break;
        out.push(this.buf.subarray(space + 1, space + 1 + len));
        this.buf = this.buf.subarray(space + 1 + len);
      } else {
        let end = -1;
        for (let i = 0; i < this.buf.length; i++) if (this.buf[i] === 0x0a || this.buf[i] === 0x00) { end = i; break; }
        if (end < 0) {
          if (this.buf.length > maxMessageBytes) throw new Error('frame too long');
          break;
        }
        out.push(this.buf.subarray(0, end));
        this.buf = this.buf.subarray(end + 1);
      }
    }
    return out;
  }

  /** What is left when the peer closes: a last line without its LF is still a message. */
  end(): Buffer[] {
    const rest = this.buf;
    this.buf = Buffer.alloc(0);
    return rest.length && rest[0] === 0x3c ? [rest] : [];
  }
}
