import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { pgArray } from '../../../platform/db/pg-array.ts';
import type { DeviceRow } from '../devices.service.ts';
import { nocDevices } from '../schema.ts';
import { pollDevice, type PollSettings } from './poll-device.ts';
import { rollupMetrics } from './rollup.ts';

export type CollectorOptions = { tickMs?: number; rollupEveryMs?: number };

/**
 * The `collector` role: polls every enabled device of every ISP at its own interval, at most
 * `pollConcurrency` at once, and runs the metric rollups. Devices are claimed with
 * FOR UPDATE SKIP LOCKED and last_polled_at moved forward in the same statement, so several
 * collector processes on one PostgreSQL share the devices instead of polling each twice.
 */
export class Collector {
  private timer: NodeJS.Timeout | null = null;
  private rollupTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private ticking = false;
  private stopped = false;
  readonly settings: PollSettings;
  polls = 0;
  failures = 0;

  constructor(private readonly ctx: AppContext, private readonly opts: CollectorOptions = {}) {
    const n = ctx.config.noc;
    this.settings = { snmpTimeoutMs: n.snmpTimeoutMs, snmpRetries: n.snmpRetries, tcpTimeoutMs: n.tcpTimeoutMs };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs ?? 1000);
    this.rollupTimer = setInterval(() => void this.rollup(), this.opts.rollupEveryMs ?? 60_000);
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.rollupTimer) clearInterval(this.rollupTimer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims due devices up to the free slots and starts their polls; resolves when claimed, not when polled. */
  async tick(): Promise<number> {
    if (this.ticking || this.stopped) return 0;
    this.ticking = true;
    try {
      const free = this.ctx.config.noc.pollConcurrency - this.inFlight.size;
      if (free <= 0) return 0;
      const due = await withScope(this.ctx.db, platformScope, (tx) =>
        rows<{ id: string }>(tx, sql`UPDATE noc_devices SET last_polled_at = now()
          WHERE id IN (SELECT id FROM noc_devices
                       WHERE enabled AND (last_polled_at IS NULL OR last_polled_at <= now() - make_interval(secs => poll_interval_s))
                       ORDER BY last_polled_at NULLS FIRST LIMIT ${free} FOR UPDATE SKIP LOCKED)
          RETURNING id`));
      if (due.length === 0) return 0;
      const devices = await withScope(this.ctx.db, platformScope, (tx) =>
        tx.select().from(nocDevices).where(sql`${nocDevices.id} = ANY(${pgArray(due.map((d) => d.id))}::uuid[])`));
      for (const d of devices) this.track(this.pollOne(d));
      return devices.length;
    } catch (err) {
      this.ctx.log.error({ err }, 'collector: scheduling failed');
      return 0;
    } finally {
      this.ticking = false;
    }
  }

  /** Resolves when every poll started so far has been stored. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(p: Promise<unknown>) {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async pollOne(d: DeviceRow) {
    try {
      const after = await pollDevice(this.ctx, d, this.settings);
      this.polls++;
      if (after.status === 'down') this.failures++;
    } catch (err) {
      this.failures++;
      this.ctx.log.error({ err, device: d.id }, 'collector: poll failed to store');
    }
  }

  private async rollup() {
    try {
      await rollupMetrics(this.ctx);
    } catch (err) {
      this.ctx.log.error({ err }, 'collector: metric rollup failed');
    }
  }
}

export async function startCollector(ctx: AppContext, opts: CollectorOptions = {}): Promise<Collector> {
  const c = new Collector(ctx, opts);
  c.start();
  return c;
}
