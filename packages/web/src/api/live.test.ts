import { describe, expect, it } from 'vitest';
import { parseSse } from './live.ts';

describe('parseSse', () => {
  it('parses complete frames and keeps the unfinished rest', () => {
    const { frames, rest } = parseSse('event: sessions\ndata: {"online":3}\n\n: keep-alive\n\nevent: session\r\ndata: {"op":"start"}\r\n\r\nevent: usage\ndata: {"by');
    expect(frames).toEqual([{ event: 'sessions', data: '{"online":3}' }, { event: 'session', data: '{"op":"start"}' }]);
    expect(rest).toBe('event: usage\ndata: {"by');
  });
  it('joins multi-line data and defaults the event name', () => {
    expect(parseSse('data: a\ndata: b\n\n').frames).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
