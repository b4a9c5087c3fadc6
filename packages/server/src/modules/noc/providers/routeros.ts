import { createHash } from 'node:crypto';
import { Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { attributes, encodeSentence, SentenceReader } from './routeros-codec.ts';

export type RouterOsOptions = { host: string; port: number; tls: boolean; user: string; password: string; timeoutMs: number };

export type SimpleQueue = { id: string; name: string; target: string; maxLimit: string | null; rate: string | null; bytes: string | null; disabled: boolean };
export type InterfaceStat = { id: string; name: string; type: string | null; running: boolean; disabled: boolean; rxBytes: number | null; txBytes: number | null; rxPackets: number | null; txPackets: number | null };

/** What the NOC asks of a MikroTik router; other vendors' adapters can implement the same. */
export interface RouterProvisioning {
  simpleQueues(): Promise<SimpleQueue[]>;
  interfaceStats(): Promise<InterfaceStat[]>;
  addAddressListEntry(list: string, address: string, opts?: { comment?: string; timeout?: string }): Promise<string>;
  close(): void;
}

export class RouterOsError extends Error {
  constructor(message: string, readonly category: string | null = null) {
    super(message);
  }
}

type Reply = { re: Record<string, string>[]; done: Record<string, string> };

/** A RouterOS API session (8728, or 8729 over TLS): one command at a time, in order. */
export class RouterOsClient implements RouterProvisioning {
  private readonly reader = new SentenceReader();
  private pending: { re: Record<string, string>[]; resolve(r: Reply): void; reject(e: Error): void; trap: RouterOsError | null } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed: Error | null = null;

  private constructor(private readonly socket: Socket, private readonly timeoutMs: number) {
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const s of this.reader.push(chunk)) this.onSentence(s);
      } catch (err) {
        this.fail(err as Error);
      }
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new RouterOsError('Connection closed by the router')));
  }

  static async connect(o: RouterOsOptions): Promise<RouterOsClient> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      // Routers carry self-signed certificates for the API service; TLS here protects the password on the wire.
      const s = o.tls ? tlsConnect({ host: o.host, port: o.port, rejectUnauthorized: false }) : tcpConnect({ host: o.host, port: o.port });
      const timer = setTimeout(() => { s.destroy(); reject(new RouterOsError(`No connection to ${o.host}:${o.port} within ${o.timeoutMs} ms`)); }, o.timeoutMs);
      s.once(o.tls ? 'secureConnect' : 'connect', () => { clearTimeout(timer); resolve(s); });
      s.once('error', (e) => { clearTimeout(timer); reject(e); });
    });
    const client = new RouterOsClient(socket, o.timeoutMs);
    try {
      await client.login(o.user, o.password);
    } catch (err) {
      client.close();
      throw err;
    }
    return client;
  }

  /** RouterOS ≥ 6.43 logs in with the plain method; older ones answer with a challenge (=ret=) for the MD5 method. */
  private async login(user: string, password: string) {
    const r = await this.command(['/login', `=name=${user}`, `=password=${password}`]);
    const challenge = r.done.ret;
    if (challenge) {
      const md5 = createHash('md5').update(Buffer.concat([Buffer.from([0]), Buffer.from(password, 'utf8'), Buffer.from(challenge, 'hex')])).digest('hex');
      await this.command(['/login', `=name=${user}`, `=response=00${md5}`]);
    }
  }

  private onSentence(words: string[]) {
    const p = this.pending;
    const [type, ...rest] = words;
    if (type === '!fatal') return this.fail(new RouterOsError(rest.join(' ') || 'fatal'));
    if (!p) return;
    const attrs = attributes(rest);
    if (type === '!re') p.re.push(attrs);
    else if (type === '!trap') p.trap = new RouterOsError(attrs.message ?? 'trap', attrs.category ?? null);
    else if (type === '!done') {
      this.pending = null;
      if (p.trap) p.reject(p.trap);
      else p.resolve({ re: p.re, done: attrs });
    }
  }

  private fail(err: Error) {
    if (!this.closed) this.closed = err;
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
    this.socket.destroy();
  }

  /** Sends one command and collects its replies up to !done (a !trap rejects). */
  command(words: string[]): Promise<Reply> {
    const run = () => new Promise<Reply>((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      const timer = setTimeout(() => this.fail(new RouterOsError(`${words[0]}: no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending = {
        re: [], trap: null,
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.socket.write(encodeSentence(words));
    });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async simpleQueues(): Promise<SimpleQueue[]> {
    const r = await this.command(['/queue/simple/print']);
    return r.re.map((q) => ({
      id: q['.id'] ?? '', name: q.name ?? '', target: q.target ?? '', maxLimit: q['max-limit'] ?? null, rate: q.rate ?? null,
      bytes: q.bytes ?? null, disabled: q.disabled === 'true',
    }));
  }

  async interfaceStats(): Promise<InterfaceStat[]> {
    const r = await this.command(['/interface/print', '=stats=']);
    const n = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    return r.re.map((i) => ({
      id: i['.id'] ?? '', name: i.name ?? '', type: i.type ?? null, running: i.running === 'true', disabled: i.disabled === 'true',
      rxBytes: n(i['rx-byte']), txBytes: n(i['tx-byte']), rxPackets: n(i['rx-packet']), txPackets: n(i['tx-packet']),
    }));
  }

  async addAddressListEntry(list: string, address: string, opts: { comment?: string; timeout?: string } = {}): Promise<string> {
    const words = ['/ip/firewall/address-list/add', `=list=${list}`, `=address=${address}`];
    if (opts.comment) words.push(`=comment=${opts.comment}`);
    if (opts.timeout) words.push(`=timeout=${opts.timeout}`);
    const r = await this.command(words);
    return r.done.ret ?? '';
  }

  close(): void {
    this.closed ??= new RouterOsError('closed');
    this.socket.end();
    this.socket.destroy();
  }
}
