import { randomInt } from 'node:crypto';
/**
 * Identifier allocation per destination (RFC 2865 §3: the Identifier matches
 * replies to requests; RFC 5080 §2.2.1: it must not be reused for another
 * request to the same server while one is outstanding). Identifiers rotate
 * so a late reply to a finished request does not match a new one; callers
 * wait when all 256 are in flight. State is kept per destination (a few
 * hundred octets each; destinations are NASes or servers, a bounded set).
 */
export class IdentifierAllocator {
  private readonly destinations = new Map<string, Destination>();

  /** Reserves a free identifier for `destination` (e.g. "10.0.0.1:3799"), waiting if all are in use. */
  acquire(destination: string): Promise<number> {
    let d = this.destinations.get(destination);
    if (!d) {
      d = new Destination();
      this.destinations.set(destination, d);
    }
    const id = d.take();
    if (id !== undefined) return Promise.resolve(id);
    return new Promise((resolve) => d.waiters.push(resolve));
  }

  release(destination: string, id: number): void {
    const d = this.destinations.get(destination);
    if (!d) return;
    const waiter = d.waiters.shift();
    if (waiter) {
      waiter(id);
      return;
    }
    d.inUse[id] = 0;
    d.count--;
  }

  inFlight(destination: string): number {
    return this.destinations.get(destination)?.count ?? 0;
  }
}

class Destination {
  readonly inUse = new Uint8Array(256);
  readonly waiters: ((id: number) => void)[] = [];
  count = 0;
  // Unpredictable start (RFC 5080 §2.2.1 asks for identifiers that are hard to guess).
  private next = randomInt(256);

  take(): number | undefined {
    if (this.count >= 256) return undefined;
    for (let i = 0; i < 256; i++) {
      const id = (this.next + i) & 0xff;
      if (!this.inUse[id]) {
        this.inUse[id] = 1;
        this.count++;
        this.next = (id + 1) & 0xff;
        return id;
      }
    }
    return undefined;
  }
}
