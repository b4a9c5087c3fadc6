import dgram from 'node:dgram';
import net from 'node:net';
import { retryPortZero } from './retry-port-zero.ts';
import { SyslogFramer } from './syslog-framing.ts';

export type RawSyslog = { data: Buffer; sourceIp: string; transport: 'udp' | 'tcp' };

/**
 * Syslog over UDP (RFC 5426, one message per datagram) and TCP (RFC 6587 framing) on one
 * port number. Input is never trusted: parse errors drop the frame (UDP) or the
 * connection (TCP); nothing a peer sends can throw out of a socket handler.
 */
export class SyslogReceiver {
  private udp: dgram.Socket | null = null;
  private tcp: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly onMessage: (m: RawSyslog) => void, private readonly onError: (err: unknown) => void = () => undefined) {}

  async start(host: string, port: number): Promise<{ udpPort: number; tcpPort: number }> {
    return retryPortZero(port, async () => {
      const udp = await this.bindUdp(host, port);
      const udpPort = udp.address().port;
      try {
        this.tcp = await this.listenTcp(host, udpPort);
      } catch (err) {
        await new Promise<void>((r) => udp.close(() => r()));
        throw err;
      }
      this.udp = udp;
      return { udpPort, tcpPort: (this.tcp.address() as net.AddressInfo).port };
    });
  }

  private async bindUdp(host: string, port: number): Promise<dgram.Socket> {
    const udp = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    udp.on('message', (data, rinfo) => this.deliver({ data, sourceIp: rinfo.address, transport: 'udp' }));
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, host, () => { udp.off('error', reject); resolve(); });
      });
    } catch (err) {
      udp.close();
      throw err;
    }
    udp.on('error', (err) => this.onError(err));
    return udp;
  }

  /** TCP on the UDP port's number, so that port 0 still gives one number for both. */
  private async listenTcp(host: string, port: number): Promise<net.Server> {
    const tcp = net.createServer((socket) => this.accept(socket));
    tcp.maxConnections = 1000;
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, host, () => { tcp.off('error', reject); resolve(); });
    });
    tcp.on('error', (err) => this.onError(err));
    return tcp;
  }

  private deliver(m: RawSyslog) {
    try {
      this.onMessage(m);
    } catch (err) {
      this.onError(err);
    }
  }

  private accept(socket: net.Socket) {
    this.sockets.add(socket);
    const framer = new SyslogFramer();
    const sourceIp = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    // A silent connection is closed after 10 minutes rather than held forever.
    socket.setTimeout(600_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of framer.push(chunk)) this.deliver({ data: frame, sourceIp, transport: 'tcp' });
      } catch (err) {
        this.onError(err);
        socket.destroy();
      }
    });
    socket.on('end', () => {
      for (const frame of framer.end()) this.deliver({ data: frame, sourceIp, transport: 'tcp' });
      socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all([
      new Promise<void>((r) => (this.udp ? this.udp.close(() => r()) : r())),
      new Promise<void>((r) => (this.tcp ? this.tcp.close(() => r()) : r())),
    ]);
    this.udp = null;
    this.tcp = null;
  }
}
