import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { attributes, decodeLength, encodeLength, encodeSentence, SentenceReader } from './routeros-codec.ts';
import { RouterOsClient, RouterOsError } from './routeros.ts';
import { fakeRouterWire } from '../../../test/routeros-wire.ts';

describe('RouterOS API codec', () => {
  it('encodes lengths as the API documentation specifies', () => {
    const vectors: [number, number[]][] = [
      [0, [0x00]], [0x7f, [0x7f]], [0x80, [0x80, 0x80]], [0x3fff, [0xbf, 0xff]], [0x4000, [0xc0, 0x40, 0x00]],
      [0x1fffff, [0xdf, 0xff, 0xff]], [0x200000, [0xe0, 0x20, 0x00, 0x00]], [0xfffffff, [0xef, 0xff, 0xff, 0xff]],
      [0x10000000, [0xf0, 0x10, 0x00, 0x00, 0x00]],
    ];
    for (const [n, bytes] of vectors) {
      expect([...encodeLength(n)], `0x${n.toString(16)}`).toEqual(bytes);
      expect(decodeLength(Buffer.from(bytes))).toEqual({ length: n, size: bytes.length });
    }
    expect(decodeLength(Buffer.from([0xc0, 0x40]))).toBeNull(); // incomplete prefix
    expect(() => decodeLength(Buffer.from([0xf8]))).toThrow(/prefix/); // reserved control byte
  });

  it('frames sentences and reassembles them from any segmentation', () => {
    const long = 'x'.repeat(300);
    const bytes = Buffer.concat([encodeSentence(['!re', '=name=ether1', `=comment=${long}`]), encodeSentence(['!done'])]);
    expect([...bytes.subarray(0, 4)]).toEqual([3, 0x21, 0x72, 0x65]); // 3 "!re"
    const reader = new SentenceReader();
    const got: string[][] = [];
    for (const b of bytes) got.push(...reader.push(Buffer.from([b])));
    expect(got).toEqual([['!re', '=name=ether1', `=comment=${long}`], ['!done']]);
    expect(attributes(['!re', '=name=a=b', '.tag=1'])).toEqual({ name: 'a=b' });
    expect(() => new SentenceReader(10).push(Buffer.from([0x20]))).toThrow(/limit/);
  });
});

describe('RouterOS adapter against a router speaking the API wire format', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => server?.close(r) ?? r(null));
  });
  const start = async (opts: { legacy?: boolean } = {}) => {
    const w = fakeRouterWire(opts);
    server = w.server;
    await new Promise<void>((r) => w.server.listen(0, '127.0.0.1', () => r()));
    return { ...w, port: (w.server.address() as { port: number }).port };
  };
  const options = (port: number, password = 's3cret') => ({ host: '127.0.0.1', port, tls: false, user: 'noc', password, timeoutMs: 2000 });

  it('logs in (plain method), reads simple queues and interface stats, and adds an address-list entry', async () => {
    const w = await start();
    const ros = await RouterOsClient.connect(options(w.port));
    try {
      expect(w.commands[0]).toEqual(['/login', '=name=noc', '=password=s3cret']);
      const queues = await ros.simpleQueues();
      expect(queues).toEqual([
        { id: '*1', name: 'ann', target: '10.0.0.2/32', maxLimit: '10000000/50000000', rate: '120000/4000000', bytes: '1000/2000', disabled: false },
        { id: '*2', name: 'ned', target: '10.0.0.3/32', maxLimit: '5000000/20000000', rate: null, bytes: null, disabled: true },
      ]);
      const [ether1] = await ros.interfaceStats();
      expect(ether1).toMatchObject({ name: 'ether1', running: true, rxBytes: 123456789012, txBytes: 42 });
      // Commands issued at once are answered in order.
      const [id1, id2] = await Promise.all([
        ros.addAddressListEntry('expired', '10.0.0.9', { comment: 'unpaid invoice', timeout: '1d' }),
        ros.addAddressListEntry('expired', '10.0.0.10'),
      ]);
      expect([id1, id2]).toEqual(['*1', '*2']);
      expect(w.addressList[0]).toEqual({ list: 'expired', address: '10.0.0.9', comment: 'unpaid invoice', timeout: '1d' });
      await expect(ros.command(['/nope'])).rejects.toThrow(/no such command/);
      // A trap does not break the session.
      expect(await ros.simpleQueues()).toHaveLength(2);
    } finally {
      ros.close();
    }
  });

  it('falls back to the challenge login of RouterOS before 6.43', async () => {
    const w = await start({ legacy: true });
    const ros = await RouterOsClient.connect(options(w.port));
    expect(w.commands.map((c) => c[0])).toEqual(['/login', '/login']);
    expect(await ros.simpleQueues()).toHaveLength(2);
    ros.close();
  });

  it('reports a wrong password and an unreachable router as errors', async () => {
    const w = await start();
    await expect(RouterOsClient.connect(options(w.port, 'wrong'))).rejects.toThrow(RouterOsError);
    await expect(RouterOsClient.connect(options(w.port, 'wrong'))).rejects.toThrow(/invalid user name or password/);
    await new Promise((r) => w.server.close(r));
    server = null;
    await expect(RouterOsClient.connect(options(w.port))).rejects.toThrow();
  });
});
