/**
 * Group commit: callers submit items and wait; one flush writes everything queued since the
 * last flush, then resolves every caller with the flush's result. A flush starts after the
 * poll phase, so that the requests read in one turn of the loop share it rather than the first
 * going alone; under heavy load batches grow by themselves.
 */
export class Batcher<T, R = void> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  private scheduled = false;

  /** `lingerMs` > 0 waits that long before a flush, for work that no caller waits on. */
  constructor(private readonly flush: (items: T[]) => Promise<R>, private readonly maxBatch = 500, private readonly lingerMs = 0) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.flushing || this.scheduled) return;
      this.scheduled = true;
      const start = () => {
        this.scheduled = false;
        void this.drain();
      };
      if (this.lingerMs > 0) setTimeout(start, this.lingerMs).unref();
      else setImmediate(start);
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
          const result = await this.flush(batch.map((b) => b.item));
          for (const b of batch) b.resolve(result);
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Waits until what is queued now, and anything queued meanwhile, is flushed. */
  async idle(): Promise<void> {
    while (this.flushing || this.scheduled || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }
}
