import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

export type BusMessage = { id: string; type: string; ispId: string | null; aggregateId: string; payload: unknown };
type Handler = (msg: BusMessage) => void;


/**
 * Fans domain events out to every process: through Redis pub/sub when it is configured,
 * in-process otherwise (the single-process default). Handlers must be idempotent: a
 * message can arrive twice, never out of its commit order within one process.
 */
export class EventBus {
  private readonly local = new EventEmitter();
  private subscriber: Redis | null = null;

  /** `channel` names the deployment: processes of one database share it, others stay apart. */
  constructor(private readonly redis: Redis | null, private readonly channel = 'astranetix:events') {
    this.local.setMaxListeners(100);
  }

  async start(): Promise<void> {
    if (!this.redis) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_ch: string, text: string) => {
      try {
        this.local.emit('message', JSON.parse(text) as BusMessage);
      } catch {
        /* a foreign or corrupt message on our channel is ignored */
      }
    });
    await this.subscriber.subscribe(this.channel);
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (this.redis) {
      for (const m of messages) await this.redis.publish(this.channel, JSON.stringify(m));
      return;
    }
    for (const m of messages) this.local.emit('message', m);
  }

  subscribe(handler: Handler): () => void {
    const safe = (m: BusMessage) => {
      try {
        handler(m);
      } catch {
        /* one consumer's failure must not stop the others */
      }
    };
    this.local.on('message', safe);
    return () => this.local.off('message', safe);
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
    this.local.removeAllListeners();
  }
}
