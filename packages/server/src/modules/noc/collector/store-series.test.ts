import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { tenantScope, withScope } from '../../../platform/db/scope.ts';
import { createIsp } from '../../identity/index.ts';
import { createDevice, loadDevice } from '../devices.service.ts';
import { createDeviceBody } from '../devices.schemas.ts';
import type { PollOutcome } from './store.ts';
import { storePollSeries } from './store-series.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const t0 = Date.parse('2026-02-01T10:00:00Z');
const up = (minutes: number, inOctets: bigint, uptimeS: number): PollOutcome => ({
  startedAt: new Date(t0 + minutes * 60_000 - 50), status: 'up', error: null, tcpProbe: null,
  snmpProbe: { sent: 3, received: 3, latencyMs: 1.5, lossPercent: 0 },
  sample: {
    at: t0 + minutes * 60_000, sysDescr: 'RouterOS', sysObjectId: '1.3.6.1.4.1.14988.1', sysName: 'bng', uptimeCs: uptimeS * 100, partialError: null,
    cpuPercent: 20, memoryPercent: 40, temperatureC: null, lldp: null,
    interfaces: [{ ifIndex: 1, name: 'sfp1', alias: null, ifType: 6, mac: null, speedBps: 1e9, adminStatus: 'up', operStatus: 'up', counterBits: 64,
      inOctets, outOctets: 0n, inErrors: null, outErrors: null, inDiscards: null, outDiscards: null }],
  },
});
const down = (minutes: number): PollOutcome => ({ startedAt: new Date(t0 + minutes * 60_000), status: 'down', error: 'timeout', sample: null, snmpProbe: { sent: 3, received: 0, latencyMs: null, lossPercent: 100 }, tcpProbe: null });

describe('storePollSeries', () => {
  it('stores a run of polls as the collector would one by one: rates between neighbours, none across a reboot, every status change', async () => {
    const isp = await createIsp(server.ctx, systemActor, { slug: 'series-isp', display_name: 'Series', admin: { email: 'a@series.test', name: 'A', password: 'pw-123456' } });
    const scope = tenantScope(isp.id);
    const admin = { ...systemActor, kind: 'user' as const, id: isp.admin_user_id, role: 'isp_admin' as const, ispId: isp.id };
    const dto = await createDevice(server.ctx, { actor: admin, scope, ispId: isp.id }, createDeviceBody.parse({ name: 'BNG', mgmt_ip: '127.0.0.9', snmp_community: 'public', enabled: false }));
    const row = await withScope(server.ctx.db, scope, (tx) => loadDevice(tx, dto.id));
    // 75 MB in 60 s is 10 Mbit/s; then down, then back after a reboot (uptime from zero, counter too).
    const after = await storePollSeries(server.ctx, row, [up(5, 75_000_000n, 1240), up(0, 0n, 940), down(10), up(15, 1_000n, 60)]);
    expect(after.status).toBe('up');
    expect(after.statusChangedAt?.toISOString()).toBe(new Date(t0 + 15 * 60_000).toISOString());
    const metrics = await server.ctx.db.query<{ metric: string; ts: Date; value: number }>(
      `SELECT metric, ts, value FROM noc_metrics_raw WHERE device_id = $1 AND metric IN ('if_in_bps', 'reachable') ORDER BY ts, metric`, [dto.id]);
    expect(metrics.map((m) => [m.metric, new Date(m.ts).getTime() - t0, m.value])).toEqual([
      ['reachable', 0, 1], ['if_in_bps', 300_000, 2_000_000], ['reachable', 300_000, 1], ['reachable', 600_000, 0], ['reachable', 900_000, 1],
    ]);
    const changes = await server.ctx.db.query<{ after: { status: string } }>(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'noc_device.status_changed' ORDER BY seq`, [dto.id]);
    expect(changes.map((c) => c.after.status)).toEqual(['up', 'down', 'up']);
    const [iface] = await server.ctx.db.query<{ last_in_octets: string }>(`SELECT last_in_octets::text FROM noc_interfaces WHERE device_id = $1`, [dto.id]);
    expect(iface!.last_in_octets).toBe('1000');
    // Polls older than what the device has are not stored again.
    await storePollSeries(server.ctx, after, [up(1, 5n, 941)]);
    const [n] = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM noc_metrics_raw WHERE device_id = $1 AND metric = 'reachable'`, [dto.id]);
    expect(n!.n).toBe(4);
  });
});
