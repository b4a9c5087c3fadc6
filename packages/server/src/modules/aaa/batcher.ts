/**
 * Group commit: callers submit items and wait; one flush writes everything queued since the
 * last flush in a single transaction, then resolves every caller. Under light load a flush
 * starts at once (no added latency); under heavy load batches grow by themselves.
 */
export class Batcher<T> {
  private queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;

  /** `lingerMs` > 0 waits that long before a flush, for work that no caller waits on (logs). */
  constructor(private readonly flush: (items: T[]) => Promise<void>, private readonly maxBatch = 500, private readonly lingerMs = 0) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.flushing || this.timer || this.immediate) return;
      if (this.lingerMs > 0 && this.queue.length < this.maxBatch) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.drain();
        }, this.lingerMs);
        this.timer.unref();
      } else if (this.queue.length >= this.maxBatch) void this.drain();
      else {
        // After the poll phase, so that the requests read in this turn of the loop share the
        // first commit rather than the first committing alone.
        this.immediate = setImmediate(() => {
          this.immediate = null;
          void this.drain();
        });
      }
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.flush(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Flushes what is queued now and waits until nothing is pending. */
  async idle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      if (!this.flushing) void this.drain();
    }
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }
}
