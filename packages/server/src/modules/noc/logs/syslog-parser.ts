/**
 * Syslog message parsing: RFC 5424 (the current format) and RFC 3164 (the BSD format most
 * network gear still sends). Pure functions; anything unparseable becomes a message with
 * the defaults of RFC 3164 §4.3.3 instead of an error, because a receiver must keep what
 * it was sent.
 */
export type SyslogMessage = {
  format: '5424' | '3164';
  facility: number;
  severity: number;
  timestamp: Date | null;
  host: string | null;
  app: string | null;
  procId: string | null;
  msgId: string | null;
  structuredData: Record<string, Record<string, string>> | null;
  message: string;
};

export const maxMessageBytes = 64 * 1024;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Control characters (but tab/newline) are replaced so that stored text is printable. */
const clean = (s: string) => s.replace(controls, ' ');
const nil = (s: string | undefined) => (s === undefined || s === '-' ? null : s);

/** PRI = facility * 8 + severity, at most 191 (RFC 5424 §6.2.1). */
function parsePri(text: string): { facility: number; severity: number; rest: string } | null {
  const m = /^<(\d{1,3})>/.exec(text);
  if (!m) return null;
  const pri = Number(m[1]);
  if (pri > 191 || (m[1]!.length > 1 && m[1]!.startsWith('0'))) return null;
  return { facility: pri >> 3, severity: pri & 7, rest: text.slice(m[0].length) };
}

export function parseSyslog(input: Buffer | string, now: Date = new Date()): SyslogMessage {
  const raw = typeof input === 'string' ? input : input.subarray(0, maxMessageBytes).toString('utf8');
  const text = raw.replace(/[\r\n\0]+$/, '');
  const pri = parsePri(text);
  // No PRI: facility user (1), severity notice (5), the whole text is the message (RFC 3164 §4.3.3).
  if (!pri) return { format: '3164', facility: 1, severity: 5, timestamp: null, host: null, app: null, procId: null, msgId: null, structuredData: null, message: clean(text) };
  if (/^[1-9]\d{0,2} /.test(pri.rest)) {
    const parsed = parse5424(pri.rest);
    if (parsed) return { format: '5424', facility: pri.facility, severity: pri.severity, ...parsed };
  }
  return { format: '3164', facility: pri.facility, severity: pri.severity, ...parse3164(pri.rest, now) };
}

type Body = Omit<SyslogMessage, 'format' | 'facility' | 'severity'>;

/** RFC 5424 §6: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]. */
function parse5424(rest: string): Body | null {
  const fields: string[] = [];
  let pos = rest.indexOf(' ') + 1;
  for (let i = 0; i < 5; i++) {
    const end = rest.indexOf(' ', pos);
    if (end < 0) return null;
    fields.push(rest.slice(pos, end));
    pos = end + 1;
  }
  const [ts, host, app, procId, msgId] = fields as [string, string, string, string, string];
  let timestamp: Date | null = null;
  if (ts !== '-') {
    // RFC 5424 §6.2.3: full-date "T" full-time, with a mandatory offset.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/.test(ts)) return null;
    timestamp = new Date(ts);
    if (Number.isNaN(timestamp.getTime())) return null;
  }
  const sd = parseStructuredData(rest, pos);
  if (!sd) return null;
  let message = rest.slice(sd.end).replace(/^ /, '');
  if (message.startsWith('\uFEFF')) message = message.slice(1); // the BOM of RFC 5424 §6.4
  return { timestamp, host: nil(host), app: nil(app), procId: nil(procId), msgId: nil(msgId), structuredData: sd.data, message: clean(message) };
}

/** STRUCTURED-DATA: "-" or one or more [SD-ID *(SP PARAM-NAME="PARAM-VALUE")] (RFC 5424 §6.3). */
function parseStructuredData(s: string, start: number): { data: Record<string, Record<string, string>> | null; end: number } | null {
  if (s[start] === '-') return { data: null, end: start + 1 };
  if (s[start] !== '[') return null;
  const data: Record<string, Record<string, string>> = {};
  let i = start;
  while (s[i] === '[') {
    const idMatch = /^[^\s=\]"]{1,32}/.exec(s.slice(i + 1, i + 34));
    if (!idMatch) return null;
    const params: Record<string, string> = {};
    i += 1 + idMatch[0].length;
    while (s[i] === ' ') {
      const nameMatch = /^([^\s=\]"]{1,32})="/.exec(s.slice(i + 1, i + 36));
      if (!nameMatch) return null;
      i += 1 + nameMatch[0].length;
      let value = '';
      // PARAM-VALUE escapes '"', '\' and ']' with a backslash (§6.3.3).
      for (;;) {
        if (i >= s.length) return null;
        const c = s[i]!;
        if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === ']')) {
          value += s[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      params[nameMatch[1]!] = clean(value);
    }
    if (s[i] !== ']') return null;
    i++;
    data[idMatch[0]] = params;
  }
  return { data, end: i };
}

/** RFC 3164 §4.1.2: "Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG"; a missing or odd header leaves all of it as the message. */
function parse3164(rest: string, now: Date): Body {
  const empty: Body = { timestamp: null, host: null, app: null, procId: null, msgId: null, structuredData: null, message: '' };
  const m = /^([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) /.exec(rest);
  const month = m ? months.indexOf(m[1]!) : -1;
  if (!m || month < 0) return { ...empty, message: clean(rest) };
  // The header has no year: the one that puts the time nearest to now (a December line read in January is last year's).
  let timestamp = new Date(Date.UTC(now.getUTCFullYear(), month, Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5])));
  if (timestamp.getTime() - now.getTime() > 7 * 86400_000) timestamp = new Date(Date.UTC(now.getUTCFullYear() - 1, month, Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5])));
  let body = rest.slice(m[0].length);
  let host: string | null = null;
  const first = /^(\S+) /.exec(body);
  // The HOSTNAME is a word; devices that leave it out start with the TAG ("app[12]:" or "app:").
  if (first && !/[:[\]]$|\[/.test(first[1]!)) {
    host = first[1]!;
    body = body.slice(first[0].length);
  }
  return { ...empty, timestamp, host: host ? clean(host).slice(0, 255) : null, ...tagged(body) };
}

/** TAG: up to 48 characters (RFC 3164 says 32, devices send more) then an optional [pid], then ':'. */
function tagged(body: string): Pick<Body, 'app' | 'procId' | 'message'> {
  const t = /^([^\s:[\]]{1,48})(?:\[([^\]\s]{1,32})\])?: ?/.exec(body);
  if (!t) return { app: null, procId: null, message: clean(body) };
  return { app: clean(t[1]!), procId: t[2] ? clean(t[2]) : null, message: clean(body.slice(t[0].length)) };
}
