/**
 * Server-Sent Events over fetch() (the stream needs the bearer header, which EventSource cannot send):
 * parses `event:`/`data:` frames, reconnects with backoff, and reports whether it is live. A 404 means
 * the server has no live endpoint: the caller then refreshes every 30 s instead.
 */
import { useEffect, useRef, useState } from 'react';
import { authFetch } from './client.ts';

export type LiveEvent =
  | { event: 'sessions'; data: { online: number } }
  | { event: 'session'; data: { op: 'start' | 'stop'; subscriber_id: string; session_id: string } }
  | { event: 'usage'; data: { subscriber_id: string; bytes: number; at: string } };

export const POLL_MS = 30_000;

/** Splits a text buffer into complete SSE frames; returns the parsed frames and the unfinished rest. */
export function parseSse(buffer: string): { frames: { event: string; data: string }[]; rest: string } {
  const frames: { event: string; data: string }[] = [];
  const parts = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = parts.pop() ?? '';
  for (const part of parts) {
    let event = 'message';
    const data: string[] = [];
    for (const line of part.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) frames.push({ event, data: data.join('\n') });
  }
  return { frames, rest };
}

/**
 * Subscribes to `path` (e.g. /api/isp/{id}/live) while mounted. `onEvent` gets each event; `onPoll`
 * runs every 30 s whenever the stream is not connected (endpoint missing, or reconnecting).
 */
export function useLive(path: string | null, onEvent: (e: LiveEvent) => void, onPoll?: () => void): boolean {
  const [live, setLive] = useState(false);
  const handlers = useRef({ onEvent, onPoll });
  useEffect(() => {
    handlers.current = { onEvent, onPoll };
  });

  useEffect(() => {
    if (!path) return undefined;
    const abort = new AbortController();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sleep = (ms: number) => new Promise<void>((r) => { timer = setTimeout(r, ms); });

    async function connect(): Promise<'gone' | 'retry'> {
      let res: Response;
      try {
        res = await authFetch(new Request(new URL(path!, location.origin), { headers: { accept: 'text/event-stream' }, signal: abort.signal }));
      } catch {
        return 'retry';
      }
      if (res.status === 404) return 'gone';
      if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) return res.status === 403 ? 'gone' : 'retry';
      setLive(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseSse(buffer + value);
          buffer = parsed.rest;
          for (const f of parsed.frames) {
            try {
              handlers.current.onEvent({ event: f.event, data: JSON.parse(f.data) } as LiveEvent);
            } catch {
              /* a frame that is not JSON: ignore it */
            }
          }
        }
      } catch {
        /* dropped: reconnect */
      } finally {
        setLive(false);
      }
      return 'retry';
    }

    void (async () => {
      let delay = 1000;
      while (!stopped) {
        const started = Date.now();
        const outcome = await connect();
        if (stopped || outcome === 'gone') break; // no live endpoint: the 30 s refresh below carries on
        if (Date.now() - started > 60_000) delay = 1000;
        await sleep(delay + Math.random() * 500);
        delay = Math.min(delay * 2, 30_000);
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
    };
  }, [path]);

  // Whenever the stream is not connected, refresh periodically.
  useEffect(() => {
    if (!path || live) return undefined;
    const id = setInterval(() => handlers.current.onPoll?.(), POLL_MS);
    return () => clearInterval(id);
  }, [path, live]);

  return live;
}
