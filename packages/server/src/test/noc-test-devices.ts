import { eq, sql } from 'drizzle-orm';
import type { TestServer } from './harness.ts';
import { platformScope, withScope } from '../platform/db/scope.ts';
import { nocDevices } from '../modules/noc/index.ts';

/**
 * Test fixture: monitored devices written straight to the table, and their status set the
 * way the collector sets it, so alert tests do not depend on polling a real agent.
 */
export async function addDevice(server: TestServer, ispId: string, d: { name: string; ip: string; parentId?: string | null; site?: string | null; kind?: 'router' | 'switch' | 'nas' | 'access_point'; branchId?: string | null }) {
  const [row] = await withScope(server.ctx.db, platformScope, (tx) => tx.insert(nocDevices).values({
    ispId, name: d.name, mgmtIp: d.ip, parentId: d.parentId ?? null, site: d.site ?? null, kind: d.kind ?? 'router', vendor: 'linux', branchId: d.branchId ?? null,
    snmpVersion: 'none', snmpPort: 161, probeCount: 3, apiTls: false, pollIntervalS: 60, enabled: true, status: 'up', statusChangedAt: new Date(Date.now() - 86400_000),
  }).returning());
  return row!;
}

export async function setStatus(server: TestServer, deviceId: string, status: 'up' | 'down', at = new Date()) {
  await withScope(server.ctx.db, platformScope, (tx) => tx.update(nocDevices).set({ status, statusChangedAt: at }).where(eq(nocDevices.id, deviceId)));
}

export async function addSamples(server: TestServer, ispId: string, deviceId: string, metric: string, points: { ts: Date; value: number }[], interfaceId: string | null = null) {
  await withScope(server.ctx.db, platformScope, async (tx) => {
    for (const p of points) await tx.execute(sql`INSERT INTO noc_metrics_raw (isp_id, device_id, interface_id, metric, ts, value) VALUES (${ispId}, ${deviceId}, ${interfaceId}, ${metric}, ${p.ts.toISOString()}::timestamptz, ${p.value})`);
  });
}
