import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { DomainEvents } from './domain-events.ts';

/** One event on the bus, typed by its name. `M` is an event map (name → payload). */
export type BusMessage<M = DomainEvents, K extends keyof M & string = keyof M & string> = {
  [T in K]: { id: string; type: T; ispId: string | null; aggregateId: string; payload: M[T] };
}[K];

/**
 * Fans domain events out to every process: through Redis pub/sub when it is configured,
 * in-process otherwise (the single-process default). Handlers must be idempotent: a
 * message can arrive twice, never out of its commit order within one process.
 * Consumers subscribe by event name, so a search for a name finds every consumer.
 */
export class EventBus<M = DomainEvents> {
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
      let message: { type?: unknown };
      try {
        message = JSON.parse(text) as { type?: unknown };
      } catch {
        return; // a foreign or corrupt message on our channel is ignored
      }
      if (typeof message?.type === 'string') this.local.emit(message.type, message);
    });
    await this.subscriber.subscribe(this.channel);
  }

  async publish(messages: readonly BusMessage<M>[]): Promise<void> {
    if (this.redis) {
      for (const m of messages) await this.redis.publish(this.channel, JSON.stringify(m));
      return;
    }
    for (const m of messages) this.local.emit(m.type, m);
  }

  /** Calls `handler` for each event of the given name(s), typed by that name; returns the unsubscribe. */
  on<K extends keyof M & string>(types: K | readonly K[], handler: (msg: BusMessage<M, K>) => void): () => void {
    const safe = (m: BusMessage<M, K>) => {
      try {
        handler(m);
      } catch {
        /* one consumer's failure must not stop the others */
      }
    };
    const names: readonly K[] = typeof types === 'string' ? [types] : types;
    for (const t of names) this.local.on(t, safe);
    return () => {
      for (const t of names) this.local.off(t, safe);
    };
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
    this.local.removeAllListeners();
  }
}
