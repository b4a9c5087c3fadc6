import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test-only: a local HTTP peer standing in for a gateway's API; routes answer JSON and every request is kept. */
export type PeerCall = { method: string; path: string; body: string; headers: IncomingMessage['headers'] };
export type Route = (call: PeerCall) => { status: number; json: unknown } | null;
export type HttpPeer = { url: string; calls: PeerCall[]; close(): Promise<void> };

export async function startHttpPeer(route: Route): Promise<HttpPeer> {
  const calls: PeerCall[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const call = { method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, body, headers: req.headers };
      calls.push(call);
      const out = route(call) ?? { status: 404, json: { error: { description: `no route ${call.method} ${call.path}` } } };
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
