import { Socket } from 'node:net';

/**
 * Reachability without ICMP (raw sockets need privileges the collector should not have):
 * N probes of one kind, each a success with a latency or a loss.
 */
export type ProbeResult = { sent: number; received: number; latencyMs: number | null; lossPercent: number };

export function summarise(latencies: (number | null)[]): ProbeResult {
  const ok = latencies.filter((l): l is number => l !== null);
  return {
    sent: latencies.length,
    received: ok.length,
    latencyMs: ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null,
    lossPercent: latencies.length ? (100 * (latencies.length - ok.length)) / latencies.length : 100,
  };
}

/** Time to complete a TCP handshake, or null on refusal/timeout. A refusal (RST) still proves the host is up, but not the service: it counts as a loss. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    const done = (v: number | null) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.connect(port, host, () => done(performance.now() - started));
  });
}

/** Runs `probe` `count` times one after the other (not at once: a burst measures the queue, not the path). */
export async function probeSeries(count: number, probe: () => Promise<number | null>): Promise<ProbeResult> {
  const latencies: (number | null)[] = [];
  for (let i = 0; i < count; i++) latencies.push(await probe().catch(() => null));
  return summarise(latencies);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
