import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { Counter, type Registry } from 'prom-client';
import type { AppContext } from '../../../platform/context.ts';
import { platformScope, rows, withScope } from '../../../platform/db/scope.ts';
import { clearAlerts, raiseAlerts, type RaiseInput } from '../alerts/alert-engine.ts';
import { matchLog, type LogEntry } from '../alerts/rule-eval.ts';
import { nocAlertRules } from '../alerts/schema.ts';
import { parseSyslog } from './syslog-parser.ts';
import type { RawSyslog } from './syslog-receiver.ts';
import type { Trap } from './trap-receiver.ts';
import { nocLogMessages } from './schema.ts';

/** `community`: the device's SNMP v2c community, to check its traps against; null when it has none. */
type DeviceRef = { deviceId: string; ispId: string; branchId: string | null; name: string; kind: string; community: string | null };
type Pending = typeof nocLogMessages.$inferInsert;

/** Constant-time comparison of two secrets of any length. */
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function ingestMetrics(registry: Registry) {
  const get = (name: string) => registry.getSingleMetric(name) as Counter<'kind'> | undefined;
  return {
    received: get('astranetix_noc_log_messages_total') ?? new Counter({ name: 'astranetix_noc_log_messages_total', help: 'Syslog messages and traps stored, by kind', labelNames: ['kind'] as const, registers: [registry] }),
    mismatch: (registry.getSingleMetric('astranetix_noc_trap_community_mismatch_total') as Counter | undefined)
      ?? new Counter({ name: 'astranetix_noc_trap_community_mismatch_total', help: 'SNMP v1/v2c traps whose community is not the one configured for their device (stored flagged, matched by no rule)', registers: [registry] }),
    unknown: get('astranetix_noc_log_unknown_source_total') ?? new Counter({ name: 'astranetix_noc_log_unknown_source_total', help: 'Syslog messages and traps dropped: the source address is no device\'s management IP', labelNames: ['kind'] as const, registers: [registry] }),
  };
}

/**
 * Takes syslog messages and traps from the receivers, attributes each to a device by its
 * source address, stores them in batches, and applies the ISPs' log and trap rules.
 * Messages from unknown sources are counted and dropped (see the migration's note).
 * A v1/v2c trap whose community is not its device's (when the device has one) is counted,
 * stored flagged and matched by no rule: a device with a stale trap community still
 * shows its faults in the search, but a forged source address cannot page anyone.
 */
export class LogIngest {
  private devices = new Map<string, DeviceRef | null>();
  private byId = new Map<string, DeviceRef>();
  private loadedAt = 0;
  private reloading: Promise<void> | null = null;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly metrics;
  private unsubscribe: (() => void) | null = null;
  /** Rows stored, for tests and the startup log. */
  stored = 0;

  constructor(private readonly ctx: AppContext, private readonly opts = { batchMs: 200, maxBatch: 500 }) {
    this.metrics = ingestMetrics(ctx.metrics.registry);
  }

  async start(): Promise<void> {
    await this.reload();
    // Device changes reach every process over the bus; a periodic reload covers missed events.
    this.unsubscribe = this.ctx.bus.on(['noc_device.created', 'noc_device.updated', 'noc_device.deleted', 'noc_device.status_changed', 'noc_device.address_list_added'], () => {
      this.loadedAt = 0;
    });
  }

  private async reload(): Promise<void> {
    this.reloading ??= (async () => {
      const list = await withScope(this.ctx.db, platformScope, (tx) => rows<{ id: string; isp_id: string; branch_id: string | null; name: string; kind: string; ip: string; community_enc: string | null }>(tx,
        sql`SELECT id, isp_id, branch_id, name, kind, host(mgmt_ip) AS ip, CASE WHEN snmp_version = 'v2c' THEN snmp_community_enc END AS community_enc
            FROM noc_devices WHERE enabled ORDER BY created_at, id`));
      const community = (enc: string | null) => (enc ? this.ctx.secrets.open(enc) : null);
      // One address, one device: when several devices of an ISP share it the oldest gets the
      // messages; when devices of different ISPs share it nobody does, since a tenant must not
      // receive another tenant's logs by registering its address.
      const devices = new Map<string, DeviceRef | null>();
      for (const d of list) {
        const ref = { deviceId: d.id, ispId: d.isp_id, branchId: d.branch_id, name: d.name, kind: d.kind, community: community(d.community_enc) };
        const have = devices.get(d.ip);
        if (have === undefined) devices.set(d.ip, ref);
        else if (have !== null && have.ispId !== d.isp_id) devices.set(d.ip, null);
      }
      this.devices = devices;
      this.byId = new Map(list.map((d) => [d.id, { deviceId: d.id, ispId: d.isp_id, branchId: d.branch_id, name: d.name, kind: d.kind, community: null }]));
      this.loadedAt = Date.now();
    })().finally(() => { this.reloading = null; });
    return this.reloading;
  }

  /** The device of a source address; the directory is at most 30 s old. */
  private async device(ip: string): Promise<DeviceRef | undefined> {
    if (Date.now() - this.loadedAt > 30_000) await this.reload().catch((err: unknown) => this.ctx.log.error({ err }, 'NOC device directory reload failed'));
    return this.devices.get(ip.replace(/^::ffff:/, '')) ?? undefined;
  }

  syslog(m: RawSyslog): void {
    void this.device(m.sourceIp).then((d) => {
      if (!d) return this.metrics.unknown.inc({ kind: 'syslog' });
      const p = parseSyslog(m.data);
      this.enqueue({
        ispId: d.ispId, branchId: d.branchId, deviceId: d.deviceId, kind: 'syslog', sourceIp: m.sourceIp.replace(/^::ffff:/, ''),
        facility: p.facility, severity: p.severity, host: p.host?.slice(0, 255) ?? null, app: p.app, procId: p.procId, msgId: p.msgId?.slice(0, 32) ?? null,
        message: p.message.slice(0, 8192), structuredData: p.structuredData, sentAt: p.timestamp && Number.isFinite(p.timestamp.getTime()) ? p.timestamp : null,
      });
    }).catch((err: unknown) => this.ctx.log.error({ err }, 'syslog ingest failed'));
  }

  trap(t: Trap): void {
    void this.device(t.sourceIp).then((d) => {
      if (!d) return this.metrics.unknown.inc({ kind: 'trap' });
      const mismatch = d.community !== null && t.community !== null && !sameSecret(d.community, t.community);
      if (mismatch) this.metrics.mismatch.inc();
      this.enqueue({
        communityMismatch: mismatch,
        ispId: d.ispId, branchId: d.branchId, deviceId: d.deviceId, kind: 'trap', sourceIp: t.sourceIp.replace(/^::ffff:/, ''),
        facility: null, severity: t.severity, host: null, app: `snmpv${t.version === 1 ? '1' : '2c'}`, message: t.message,
        structuredData: { varbinds: t.varbinds }, trapOid: t.trapOid,
      });
    }).catch((err: unknown) => this.ctx.log.error({ err }, 'trap ingest failed'));
  }

  private enqueue(row: Pending) {
    this.queue.push(row);
    if (this.queue.length >= this.opts.maxBatch) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.opts.batchMs);
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length) this.flushing = this.flushing.then(() => this.write(batch)).catch((err: unknown) => this.ctx.log.error({ err, lost: batch.length }, 'log batch write failed'));
  }

  /** Waits until everything received so far is stored and its rules applied. */
  async flush(): Promise<void> {
    this.kick();
    await this.flushing;
  }

  private async write(batch: Pending[]) {
    await withScope(this.ctx.db, platformScope, (tx) => tx.insert(nocLogMessages).values(batch));
    this.stored += batch.length;
    for (const r of batch) this.metrics.received.inc({ kind: r.kind });
    const byIsp = new Map<string, Pending[]>();
    for (const r of batch) byIsp.set(r.ispId, [...(byIsp.get(r.ispId) ?? []), r]);
    for (const [ispId, list] of byIsp) await this.applyRules(ispId, list);
  }

  /** Log and trap rules: a match raises an alert per rule and device; a clear pattern clears it. */
  private async applyRules(ispId: string, list: Pending[]) {
    const rules = await withScope(this.ctx.db, platformScope, (tx) => tx.select().from(nocAlertRules)
      .where(and(eq(nocAlertRules.ispId, ispId), eq(nocAlertRules.kind, 'log'), eq(nocAlertRules.enabled, true))));
    if (!rules.length) return;
    const raise = new Map<string, RaiseInput>();
    const clear = new Set<string>();
    for (const r of list) {
      if (r.communityMismatch) continue;
      const d = r.deviceId ? this.byId.get(r.deviceId) : undefined;
      const entry: LogEntry = { kind: r.kind, severity: r.severity, message: r.message, trapOid: r.trapOid ?? null };
      for (const rule of rules) {
        if (rule.deviceId && rule.deviceId !== r.deviceId) continue;
        if (rule.deviceKind && rule.deviceKind !== d?.kind) continue;
        const verdict = matchLog({ source: rule.logSource ?? 'any', trapOid: rule.trapOid, pattern: rule.pattern, maxSeverity: rule.maxSeverity, clearTrapOid: rule.clearTrapOid, clearPattern: rule.clearPattern }, entry);
        const key = `log:${rule.id}:${r.deviceId}`;
        if (verdict === 'clear') {
          raise.delete(key);
          clear.add(key);
        } else if (verdict === 'raise') {
          clear.delete(key);
          raise.set(key, {
            ruleId: rule.id, deviceId: r.deviceId ?? null, interfaceId: null, key, source: 'log', severity: rule.severity,
            title: `${rule.name}: ${d?.name ?? r.sourceIp}`, detail: r.message.slice(0, 500), value: null,
            flap: { count: rule.flapCount, windowS: rule.flapWindowS },
          });
        }
      }
    }
    if (clear.size) await clearAlerts(this.ctx, ispId, [...clear]);
    if (raise.size) await raiseAlerts(this.ctx, ispId, [...raise.values()]);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.flush();
  }
}
