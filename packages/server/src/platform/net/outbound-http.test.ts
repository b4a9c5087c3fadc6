import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedCidr, parseAllowedCidrs, refusal, type Cidr } from './address-policy.ts';
import { MAX_RESPONSE_BYTES, OutboundHttp, OutboundRefusedError } from './outbound-http.ts';

type Peer = { url: string; port: number; hits: string[]; close(): Promise<void> };

async function peer(host: string, handle: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) => r.end('ok')): Promise<Peer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} host=${req.headers.host}`);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const allow = (...texts: string[]): Cidr[] => texts.map((t) => {
  const c = parseAllowedCidr(t);
  if (typeof c === 'string') throw new Error(c);
  return c;
});

async function refusedWith(http: OutboundHttp, url: string): Promise<string> {
  const err: unknown = await http.fetch(url, { signal: AbortSignal.timeout(2000) }).then(() => null, (e: unknown) => e);
  expect(err, url).toBeInstanceOf(OutboundRefusedError);
  return (err as OutboundRefusedError).reason;
}

let a: Peer;
let b: Peer;
beforeAll(async () => {
  a = await peer('127.0.0.1', (req, res) => {
    if (req.url?.startsWith('/go?')) {
      res.writeHead(302, { location: decodeURIComponent(req.url.slice(4)) });
      return res.end();
    }
    if (req.url === '/huge') return res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 0x61));
    res.end('from a');
  });
  // Another loopback address: outside an allowance of 127.0.0.1/32.
  b = await peer('127.0.0.2', (_req, res) => res.end('from b'));
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('outbound HTTP to user-given URLs', () => {
  const http = new OutboundHttp();
  afterAll(() => http.close());

  it('refuses every address class that leads inside, before connecting', async () => {
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1/', /loopback/],
      ['http://localhost/', /loopback/],
      ['http://[::1]/', /loopback/],
      ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
      ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback/],
      ['http://0x7f.1/', /127\.0\.0\.1 is a loopback/],
      ['http://[::ffff:127.0.0.1]/', /127\.0\.0\.1 is a loopback/],
      ['http://[::ffff:7f00:1]/', /127\.0\.0\.1 is a loopback/],
      ['http://10.1.2.3/', /private/],
      ['http://172.20.0.1/', /private/],
      ['http://192.168.1.1/', /private/],
      ['http://[::ffff:192.168.1.1]/', /192\.168\.1\.1 is a private/],
      ['http://100.64.0.1/', /carrier-grade NAT/],
      ['http://[fd12:3456::1]/', /unique local/],
      ['http://169.254.10.10/', /link-local/],
      ['http://[fe80::1]/', /link-local/],
      ['http://169.254.169.254/latest/meta-data/', /metadata/],
      ['http://[::ffff:169.254.169.254]/', /metadata/],
      ['http://[fd00:ec2::254]/', /metadata/],
      ['http://224.0.0.1/', /multicast/],
      ['http://[ff02::1]/', /multicast/],
      ['http://0.0.0.0/', /unspecified/],
      ['http://[::]/', /unspecified/],
      ['http://[64:ff9b::7f00:1]/', /IPv4-embedding/],
      ['http://255.255.255.255/', /reserved/],
    ];
    for (const [url, reason] of cases) expect(await refusedWith(http, url), url).toMatch(reason);
    expect(a.hits).toEqual([]);
  });

  it('refuses a name when any of its addresses leads inside', async () => {
    const mixed = new OutboundHttp({ resolve: async () => ['93.184.216.34', '10.0.0.7'] });
    expect(await refusedWith(mixed, 'https://gateway.example/')).toMatch(/10\.0\.0\.7 is a private/);
    await mixed.close();
  });

  it('refuses non-HTTP schemes', async () => {
    await expect(http.fetch('file:///etc/passwd')).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(http.fetch('data:text/plain,hi')).rejects.toBeInstanceOf(OutboundRefusedError);
  });
});

describe('the allowance', () => {
  it('admits exactly the named range', async () => {
    const http = new OutboundHttp({ allow: allow('127.0.0.1/32') });
    expect(await (await http.fetch(`${a.url}/x`)).text()).toBe('from a');
    expect(await refusedWith(http, `${b.url}/x`)).toMatch(/127\.0\.0\.2 is a loopback/);
    expect(b.hits).toEqual([]);
    expect(await refusedWith(http, 'http://10.0.0.1/')).toMatch(/private/);
    await http.close();
  });

  it('cuts off an answer larger than a gateway ever sends', async () => {
    const http = new OutboundHttp({ allow: allow('127.0.0.1/32') });
    const err: unknown = await http.fetch(`${a.url}/huge`).then((r) => r.text()).then(() => null, (e: unknown) => e);
    expect(String((err as { cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code)).toBe('UND_ERR_RES_EXCEEDED_MAX_SIZE');
    await http.close();
  });

  it('checks every redirect: one to a loopback address outside the allowance is refused', async () => {
    const http = new OutboundHttp({ allow: allow('127.0.0.1/32') });
    expect(await (await http.fetch(`${a.url}/go?${encodeURIComponent(`${a.url}/here`)}`)).text()).toBe('from a');
    expect(await refusedWith(http, `${a.url}/go?${encodeURIComponent(`${b.url}/secret`)}`)).toMatch(/127\.0\.0\.2 is a loopback/);
    expect(await refusedWith(http, `${a.url}/go?${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`)).toMatch(/metadata/);
    expect(b.hits).toEqual([]);
    await http.close();
  });

  it('connects to the address it checked: a second DNS answer cannot redirect the connection', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let asked = 0;
    const http = new OutboundHttp({ allow: allow('127.0.0.1/32'), resolve: async () => [answers[Math.min(asked++, 1)]!] });
    const before = a.hits.length;
    const res = await http.fetch(`http://gateway.test:${a.port}/pinned`);
    expect(await res.text()).toBe('from a');
    expect(asked).toBe(1);
    // The Host header keeps the name the user gave.
    expect(a.hits.slice(before)).toEqual([`GET /pinned host=gateway.test:${a.port}`]);
    await http.close();
  });

  it('never opens the metadata service, multicast or a public range, whatever is named', () => {
    const linkLocal = allow('169.254.0.0/16');
    expect(refusal('169.254.1.1', linkLocal)).toBeNull();
    expect(refusal('169.254.169.254', linkLocal)).toMatch(/metadata/);
    for (const bad of ['0.0.0.0/0', '8.8.8.0/24', '::/0', '224.0.0.0/4', '10.0.0.0/7', 'fc00::/6', '10.0.0.0', 'ten/8', '10.0.0.0/33'])
      expect(typeof parseAllowedCidr(bad), bad).toBe('string');
    expect(parseAllowedCidrs(['10.20.30.40/16', ' 10.20.0.0/16 ', 'fd12:3456::/48'])).toEqual({ ok: [expect.objectContaining({ text: '10.20.0.0/16' }), expect.objectContaining({ text: 'fd12:3456::/48' })] });
    expect(parseAllowedCidrs(['10.0.0.0/8', '0.0.0.0/0'])).toMatchObject({ index: 1 });
  });

  it('checks a URL at save time by its literal host', () => {
    const http = new OutboundHttp();
    expect(http.urlRefusal('https://btcpay.example.com/')).toBeNull();
    expect(http.urlRefusal('https://93.184.216.34/')).toBeNull();
    expect(http.urlRefusal('http://10.0.0.5:23001/')).toMatch(/private/);
    expect(http.urlRefusal('http://2130706433/')).toMatch(/loopback/);
    expect(http.urlRefusal('http://[::ffff:127.0.0.1]/')).toMatch(/loopback/);
    expect(http.urlRefusal('http://localhost:3000/')).toMatch(/loopback/);
    expect(http.urlRefusal('http://api.localhost/')).toMatch(/loopback/);
    expect(http.urlRefusal('ftp://example.com/')).toMatch(/http/);
    expect(http.urlRefusal('nonsense')).toBe('not a URL');
    http.setStored(['10.0.0.0/24']);
    expect(http.urlRefusal('http://10.0.0.5:23001/')).toBeNull();
    expect(http.urlRefusal('http://10.0.1.5/')).toMatch(/private/);
  });
});
