import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { attributes, encodeSentence, SentenceReader } from '../modules/noc/index.ts';

/** A router that speaks the API protocol, with both login methods, for the adapter to talk to. */
export function fakeRouterWire(opts: { legacy?: boolean } = {}) {
  const addressList: Record<string, string>[] = [];
  const commands: string[][] = [];
  const server: Server = createServer((socket: Socket) => {
    const reader = new SentenceReader();
    let authed = false;
    const challenge = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    // Replies go out one byte per write: the client must not depend on segmentation.
    const send = (...sentences: string[][]) => {
      for (const b of Buffer.concat(sentences.map((s) => encodeSentence(s)))) socket.write(Buffer.from([b]));
    };
    socket.on('data', (chunk) => {
      for (const [cmd, ...rest] of reader.push(chunk)) {
        commands.push([cmd!, ...rest]);
        const a = attributes(rest);
        if (cmd === '/login') {
          if (opts.legacy && !a.response) send(['!done', `=ret=${challenge}`]);
          else if (opts.legacy) {
            const expected = '00' + createHash('md5').update(Buffer.concat([Buffer.from([0]), Buffer.from('s3cret'), Buffer.from(challenge, 'hex')])).digest('hex');
            authed = a.name === 'noc' && a.response === expected;
            send(authed ? ['!done'] : ['!trap', '=message=invalid user name or password (6)'], ...(authed ? [] : [['!done']]));
          } else {
            authed = a.name === 'noc' && a.password === 's3cret';
            if (authed) send(['!done']);
            else send(['!trap', '=message=invalid user name or password (6)'], ['!done']);
          }
        } else if (!authed) send(['!fatal', 'not logged in']);
        else if (cmd === '/queue/simple/print') {
          send(['!re', '=.id=*1', '=name=ann', '=target=10.0.0.2/32', '=max-limit=10000000/50000000', '=rate=120000/4000000', '=bytes=1000/2000', '=disabled=false'],
            ['!re', '=.id=*2', '=name=ned', '=target=10.0.0.3/32', '=max-limit=5000000/20000000', '=disabled=true'], ['!done']);
        } else if (cmd === '/interface/print') {
          send(['!re', '=.id=*1', '=name=ether1', '=type=ether', '=running=true', '=disabled=false', '=rx-byte=123456789012', '=tx-byte=42', '=rx-packet=10', '=tx-packet=5'], ['!done']);
        } else if (cmd === '/ip/firewall/address-list/add') {
          if (!a.list || !a.address) send(['!trap', '=category=1', '=message=missing value'], ['!done']);
          else {
            addressList.push(a);
            send(['!done', `=ret=*${addressList.length.toString(16).toUpperCase()}`]);
          }
        } else send(['!trap', '=message=no such command prefix'], ['!done']);
      }
    });
  });
  return { server, addressList, commands };
}

