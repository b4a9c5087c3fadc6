import snmp from 'net-snmp';

/** How to reach one agent; secrets are already opened (never logged). */
export type SnmpTarget = {
  host: string;
  port: number;
  timeoutMs: number;
  retries: number;
} & (
  | { version: 'v2c'; community: string }
  | {
      version: 'v3';
      user: string;
      level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
      authProtocol: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | null;
      authKey: string | null;
      privProtocol: 'des' | 'aes' | 'aes256b' | 'aes256r' | null;
      privKey: string | null;
    }
);

/** A decoded SNMP value: counters as bigint (Counter64 exceeds 2^53), strings as Buffers. */
export type SnmpValue = number | bigint | Buffer | string | null;

/** Rows of a table walk: column OID suffix (e.g. "6") → row index → value. */
export type SnmpColumns = Map<string, Map<string, SnmpValue>>;

export interface SnmpSession {
  /** Values of scalar OIDs; missing objects (noSuchObject/Instance) come back absent. */
  get(oids: readonly string[]): Promise<Map<string, SnmpValue>>;
  /** Several columns of one table walked side by side with GetBulk (one request for all columns). */
  walkColumns(columnOids: readonly string[], maxRepetitions?: number): Promise<SnmpColumns>;
  close(): void;
}

const authProtocols = { md5: snmp.AuthProtocols.md5, sha: snmp.AuthProtocols.sha, sha224: snmp.AuthProtocols.sha224, sha256: snmp.AuthProtocols.sha256, sha384: snmp.AuthProtocols.sha384, sha512: snmp.AuthProtocols.sha512 };
const privProtocols = { des: snmp.PrivProtocols.des, aes: snmp.PrivProtocols.aes, aes256b: snmp.PrivProtocols.aes256b, aes256r: snmp.PrivProtocols.aes256r };
const levels = { noAuthNoPriv: snmp.SecurityLevel.noAuthNoPriv, authNoPriv: snmp.SecurityLevel.authNoPriv, authPriv: snmp.SecurityLevel.authPriv };

function decode(vb: snmp.Varbind): SnmpValue {
  const v = vb.value;
  if (v === undefined || v === null) return null;
  // Counter64 arrives as the raw unsigned big-endian bytes.
  if (vb.type === snmp.ObjectType.Counter64 && Buffer.isBuffer(v)) return v.length === 0 ? 0n : BigInt('0x' + v.toString('hex'));
  if (vb.type === snmp.ObjectType.Counter32) return BigInt(v as number);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as number | bigint | Buffer | string;
}

const inSubtree = (base: string, oid: string) => oid.startsWith(base + '.');

export function openSnmp(target: SnmpTarget): SnmpSession {
  const transport = target.host.includes(':') ? 'udp6' : 'udp4';
  const common = { port: target.port, timeout: target.timeoutMs, retries: target.retries, transport } as const;
  const session =
    target.version === 'v2c'
      ? snmp.createSession(target.host, target.community, { ...common, version: snmp.Version2c })
      : snmp.createV3Session(target.host, {
          name: target.user,
          level: levels[target.level],
          ...(target.authProtocol && target.authKey ? { authProtocol: authProtocols[target.authProtocol], authKey: target.authKey } : {}),
          ...(target.privProtocol && target.privKey ? { privProtocol: privProtocols[target.privProtocol], privKey: target.privKey } : {}),
        }, { ...common, version: snmp.Version3 });
  // A socket error must fail the poll, not the process.
  (session as unknown as { on(e: string, f: (err: Error) => void): void }).on('error', () => undefined);

  const getBulk = (oids: string[], maxRep: number) =>
    new Promise<snmp.Varbind[][]>((resolve, reject) =>
      session.getBulk(oids, 0, maxRep, (err, vbs) => (err ? reject(err) : resolve((vbs ?? []) as snmp.Varbind[][]))));

  return {
    get(oids) {
      return new Promise((resolve, reject) => {
        session.get([...oids], (err, vbs) => {
          if (err) return reject(err);
          const out = new Map<string, SnmpValue>();
          for (const vb of vbs ?? []) if (!snmp.isVarbindError(vb)) out.set(vb.oid, decode(vb));
          resolve(out);
        });
      });
    },
    async walkColumns(columnOids, maxRepetitions) {
      const result: SnmpColumns = new Map(columnOids.map((c) => [c, new Map()]));
      // Each column advances from its own last OID; finished columns leave the request.
      let cursor = columnOids.map((c) => ({ base: c, next: c }));
      let rep = maxRepetitions ?? Math.max(2, Math.floor(120 / columnOids.length));
      for (let round = 0; cursor.length > 0; round++) {
        if (round > 100_000) throw new Error('SNMP walk did not end');
        let vbs: snmp.Varbind[][];
        try {
          vbs = await getBulk(cursor.map((c) => c.next), rep);
        } catch (err) {
          // tooBig: the agent's maximum message size is smaller than the answer; ask for fewer rows.
          if ((err as { status?: number }).status === 1 && rep > 1) {
            rep = Math.max(1, Math.floor(rep / 2));
            continue;
          }
          throw err;
        }
        const still: typeof cursor = [];
        cursor.forEach((c, i) => {
          const column = result.get(c.base)!;
          let done = false;
          let last = c.next;
          for (const vb of vbs[i] ?? []) {
            if (vb.type === snmp.ObjectType.EndOfMibView || !inSubtree(c.base, vb.oid) || snmp.isVarbindError(vb)) { done = true; break; }
            column.set(vb.oid.slice(c.base.length + 1), decode(vb));
            last = vb.oid;
          }
          if (!done && last !== c.next) still.push({ base: c.base, next: last });
        });
        cursor = still;
      }
      return result;
    },
    close() {
      session.close();
    },
  };
}
