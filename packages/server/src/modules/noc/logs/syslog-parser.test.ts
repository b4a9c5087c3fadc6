import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSyslog } from './syslog-parser.ts';
import { SyslogFramer } from './syslog-framing.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('RFC 5424 examples (§6.5)', () => {
  it('example 1: no structured data, a BOM before the message', () => {
    const m = parseSyslog("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8", now);
    expect(m).toMatchObject({ format: '5424', facility: 4, severity: 2, host: 'mymachine.example.com', app: 'su', procId: null, msgId: 'ID47', structuredData: null, message: "'su root' failed for lonvick on /dev/pts/8" });
    expect(m.timestamp?.toISOString()).toBe('2003-10-11T22:14:15.003Z');
  });
  it('example 2: an offset timestamp and a process id', () => {
    const m = parseSyslog("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.", now);
    expect(m).toMatchObject({ facility: 20, severity: 5, host: '192.0.2.1', app: 'myproc', procId: '8710', msgId: null, message: "%% It's time to make the do-nuts." });
    expect(m.timestamp?.toISOString()).toBe('2003-08-24T12:14:15.000Z');
  });
  it('example 3: structured data and a message', () => {
    const m = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...', now);
    expect(m.structuredData).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' } });
    expect(m.message).toBe('An application event log entry...');
  });
  it('example 4: two SD elements and no message', () => {
    const m = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]', now);
    expect(m.structuredData).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' }, 'examplePriority@32473': { class: 'high' } });
    expect(m.message).toBe('');
  });
  it('escaped characters in a PARAM-VALUE (§6.3.3)', () => {
    const m = parseSyslog('<14>1 - h a - - [x@1 v="a\\"b\\]c\\\\d"] msg', now);
    expect(m.structuredData).toEqual({ 'x@1': { v: 'a"b]c\\d' } });
    expect(m.timestamp).toBeNull();
  });
  it('what util-linux logger sends', () => {
    const m = parseSyslog('<13>1 2026-11-25T11:59:58.123456+00:00 rtr1 root - - [timeQuality tzKnown="1" isSynced="1" syncAccuracy="12500"] interface ether1 down', now);
    expect(m).toMatchObject({ format: '5424', host: 'rtr1', app: 'root', message: 'interface ether1 down' });
  });
});

describe('RFC 3164 examples (§5.4)', () => {
  it('example 1', () => {
    const m = parseSyslog("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", now);
    expect(m).toMatchObject({ format: '3164', facility: 4, severity: 2, host: 'mymachine', app: 'su', message: "'su root' failed for lonvick on /dev/pts/8" });
    expect(m.timestamp?.toISOString()).toBe('2026-10-11T22:14:15.000Z');
  });
  it('example 2: no PRI gives user.notice and the whole text', () => {
    expect(parseSyslog('Use the BFG!', now)).toMatchObject({ facility: 1, severity: 5, host: null, message: 'Use the BFG!' });
  });
  it('example 3: an IP address as HOSTNAME', () => {
    const m = parseSyslog('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!', now);
    expect(m).toMatchObject({ facility: 1, severity: 5, host: '10.0.0.99', app: null, message: 'Use the BFG!' });
    expect(m.timestamp?.toISOString()).toBe('2026-02-05T17:32:18.000Z');
  });
  it('example 4: a TAG with a pid', () => {
    const m = parseSyslog('<165>Aug 24 05:34:00 mymachine myproc[10]: %% It\'s time to make the do-nuts.  %%  Ingredients: Mix=OK, Jam=OK', now);
    expect(m).toMatchObject({ facility: 20, severity: 5, host: 'mymachine', app: 'myproc', procId: '10' });
  });
  it('a December line read in January belongs to last year', () => {
    expect(parseSyslog('<13>Dec 31 23:59:59 h x: y', new Date('2027-01-01T00:00:10Z')).timestamp?.toISOString()).toBe('2026-12-31T23:59:59.000Z');
  });
  it('a device that leaves out the HOSTNAME', () => {
    expect(parseSyslog('<30>Nov 25 11:00:00 dhcpd[77]: lease granted', now)).toMatchObject({ host: null, app: 'dhcpd', procId: '77', message: 'lease granted' });
  });
  it('a Cisco line without a standard header keeps all text', () => {
    expect(parseSyslog('<189>123: *Mar  1 00:00:00.000: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down', now))
      .toMatchObject({ facility: 23, severity: 5, message: '123: *Mar  1 00:00:00.000: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down' });
  });
  it('a PRI above 191 is not a PRI', () => {
    expect(parseSyslog('<192>x', now)).toMatchObject({ facility: 1, severity: 5, message: '<192>x' });
  });
});

describe('TCP framing (RFC 6587)', () => {
  it('octet counting and LF framing, split anywhere', () => {
    const a = '<13>1 - h app - - - one';
    const stream = Buffer.from(`${Buffer.byteLength(a)} ${a}<14>two\n${Buffer.byteLength('<15>thr\nee')} <15>thr\nee<16>four\n`);
    for (let cut = 1; cut < stream.length; cut++) {
      const f = new SyslogFramer();
      const got = [...f.push(stream.subarray(0, cut)), ...f.push(stream.subarray(cut))].map((b) => b.toString());
      expect(got).toEqual([a, '<14>two', '<15>thr\nee', '<16>four']);
    }
  });
  it('refuses a frame larger than the limit, and a bad count', () => {
    expect(() => new SyslogFramer().push(Buffer.from('99999999 x'))).toThrow();
    expect(() => new SyslogFramer().push(Buffer.from('12x4 y'))).toThrow();
    expect(() => new SyslogFramer().push(Buffer.alloc(70_000, 0x41).fill(0x3c, 0, 1))).toThrow();
  });
  it('a last line without LF is kept at close', () => {
    const f = new SyslogFramer();
    expect(f.push(Buffer.from('<13>tail'))).toEqual([]);
    expect(f.end().map(String)).toEqual(['<13>tail']);
  });
});

describe('malformed input never throws', () => {
  it('5,000 random datagrams and mutated valid lines', () => {
    const valid = Buffer.from('<165>1 2003-10-11T22:14:15.003Z host app - ID47 [a@1 b="c"] msg');
    for (let i = 0; i < 5000; i++) {
      const buf = i % 2 ? randomBytes(1 + (i % 300)) : Buffer.from(valid);
      if (i % 2 === 0) for (let k = 0; k < 4; k++) buf[(i * 7 + k * 13) % buf.length] = (i * 31 + k) & 0xff;
      const m = parseSyslog(buf, now);
      expect(m.severity).toBeGreaterThanOrEqual(0);
      expect(m.severity).toBeLessThanOrEqual(7);
      expect(typeof m.message).toBe('string');
    }
  });
});
