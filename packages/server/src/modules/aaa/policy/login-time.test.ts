import { describe, expect, it } from 'vitest';
import { LoginTimeError, loginWindow, parseLoginTime } from './login-time.ts';

// 2026-11-23 is a Monday.
const at = (iso: string) => new Date(iso);

describe('Login-Time access windows', () => {
  it('opens on working days within the hours and says how long is left', () => {
    const lt = parseLoginTime('Wk0800-1800');
    expect(loginWindow(lt, at('2026-11-23T07:59:00Z'), 'UTC')).toEqual({ open: false });
    expect(loginWindow(lt, at('2026-11-23T08:00:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: 10 * 3600 });
    expect(loginWindow(lt, at('2026-11-23T17:59:30Z'), 'UTC')).toEqual({ open: true, secondsLeft: 30 });
    expect(loginWindow(lt, at('2026-11-23T18:00:00Z'), 'UTC')).toEqual({ open: false });
    // Saturday is not a working day.
    expect(loginWindow(lt, at('2026-11-28T12:00:00Z'), 'UTC')).toEqual({ open: false });
  });

  it('reads the clock in the ISP time zone', () => {
    const lt = parseLoginTime('Mo0900-1000');
    // 09:30 in Kolkata is 04:00 UTC.
    expect(loginWindow(lt, at('2026-11-23T04:00:00Z'), 'Asia/Kolkata')).toEqual({ open: true, secondsLeft: 30 * 60 });
    expect(loginWindow(lt, at('2026-11-23T09:30:00Z'), 'Asia/Kolkata')).toEqual({ open: false });
  });

  it('keeps a range past midnight on its own day, as FreeRADIUS does, and joins windows across days', () => {
    const lt = parseLoginTime('Mo2300-0200');
    expect(loginWindow(lt, at('2026-11-23T01:00:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: 3600 });
    expect(loginWindow(lt, at('2026-11-23T23:30:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: 30 * 60 });
    expect(loginWindow(lt, at('2026-11-24T01:00:00Z'), 'UTC')).toEqual({ open: false });
    // Monday night runs into Tuesday's window without a gap: one run of 30 + 120 minutes.
    const both = parseLoginTime('Mo2300-0200,Tu0000-0200');
    expect(loginWindow(both, at('2026-11-23T23:30:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: 150 * 60 });
  });

  it('knows day ranges, whole days and every day', () => {
    const lt = parseLoginTime('Fr-Mo');
    expect(loginWindow(lt, at('2026-11-29T12:00:00Z'), 'UTC')).toMatchObject({ open: true }); // Sunday
    expect(loginWindow(lt, at('2026-11-25T12:00:00Z'), 'UTC')).toEqual({ open: false }); // Wednesday
    // Friday 00:00 to Monday 24:00 is one run; from Sunday noon, 36 hours are left.
    expect(loginWindow(lt, at('2026-11-29T12:00:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: 36 * 3600 });
    expect(loginWindow(parseLoginTime('Al'), at('2026-11-25T12:00:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: null });
    expect(loginWindow(parseLoginTime('Any0000-2400'), at('2026-11-25T12:00:00Z'), 'UTC')).toEqual({ open: true, secondsLeft: null });
  });

  it('refuses what it cannot read, naming the entry', () => {
    expect(() => parseLoginTime('Weekdays')).toThrow(LoginTimeError);
    expect(() => parseLoginTime('Wk0800-1800,')).toThrow(/empty entry/);
    expect(() => parseLoginTime('Mo2500-0100')).toThrow(/"mo2500-0100" has an impossible time/);
    expect(() => parseLoginTime('Mo0800-0800')).toThrow(/same minute/);
    expect(() => parseLoginTime('Wk-Fr')).toThrow(/cannot start a day range/);
  });
});
