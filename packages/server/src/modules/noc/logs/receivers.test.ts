import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { until } from '../../../test/until.ts';
import { startNocAlerts, type NocAlertsRuntime } from '../alerts/noc-alerts-runtime.ts';
import { addDevice } from '../../../test/noc-test-devices.ts';
import { pruneLogs } from './logs.service.ts';

const run = promisify(execFile);
let server: TestServer;
let api: Client;
let isp: IspFixture;
let noc: NocAlertsRuntime;
let deviceId: string;
let founder: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.app);
  founder = await founderToken(server, api);
  isp = await createIspFixture(api, founder, 'logs-isp');
  // The device whose management address is where logger and snmptrap send from.
  deviceId = (await addDevice(server, isp.id, { name: 'edge-1', ip: '127.0.0.1' })).id;
  noc = await startNocAlerts(server.ctx, { host: '127.0.0.1', syslogPort: 0, trapPort: 0, intervalS: 3600 });
});
afterAll(async () => {
  await noc?.stop();
  await server?.close();
});

const logs = (query: string) => api.get(`/api/noc/${isp.id}/logs?${query}`, { token: isp.adminToken });
const alerts = () => api.get(`/api/noc/${isp.id}/alerts?state=firing`, { token: isp.adminToken });
const flushed = async (n: number) => {
  await until(() => noc.ingest.stored >= n, `${n} messages stored`, 8000);
  await noc.ingest.flush();
};

describe('syslog from util-linux logger', () => {
  it('UDP, TCP with LF framing and TCP with octet counting arrive, parsed and matched to the device', async () => {
    const before = noc.ingest.stored;
    const p = String(noc.ports.syslog);
    await run('logger', ['-n', '127.0.0.1', '-P', p, '-d', '-t', 'rtr', '-p', 'local7.err', 'udp line: ether1 link down']);
    await run('logger', ['-n', '127.0.0.1', '-P', p, '--tcp', '-t', 'rtr', '-p', 'daemon.info', 'tcp line one']);
    await run('logger', ['-n', '127.0.0.1', '-P', p, '--tcp', '--octet-count', '-t', 'rtr', '--sd-id', 'zoo@123', '--sd-param', 'tiger="hungry"', 'counted line']);
    await run('logger', ['-n', '127.0.0.1', '-P', p, '-d', '--rfc3164', '-t', 'bsd', 'an old-style line']);
    await flushed(before + 4);
    const all = await logs('kind=syslog&limit=10');
    expect(all.status).toBe(200);
    const byText = (t: string) => all.json.items.find((m: { message: string }) => m.message === t);
    expect(byText('udp line: ether1 link down')).toMatchObject({ device_id: deviceId, device_name: 'edge-1', facility: 23, severity: 3, app: 'rtr', source_ip: '127.0.0.1' });
    expect(byText('tcp line one')).toMatchObject({ facility: 3, severity: 6, app: 'rtr' });
    expect(byText('counted line').structured_data).toMatchObject({ 'zoo@123': { tiger: 'hungry' } });
    expect(byText('an old-style line')).toMatchObject({ app: 'bsd', severity: 5 });
  });

  it('search: text, severity, device, time range and paging', async () => {
    expect((await logs('q=ETHER1')).json.items.map((m: { message: string }) => m.message)).toEqual(['udp line: ether1 link down']);
    expect((await logs('q=100%25')).json.total).toBe(0); // LIKE wildcards are literal
    expect((await logs('kind=syslog&severity=3')).json.items.every((m: { severity: number }) => m.severity <= 3)).toBe(true);
    expect((await logs(`kind=syslog&device_id=${deviceId}`)).json.total).toBeGreaterThanOrEqual(4);
    expect((await logs(`kind=syslog&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json.total).toBe(0);
    const page = await logs('kind=syslog&limit=2&offset=1');
    expect(page.json).toMatchObject({ limit: 2, offset: 1 });
    expect(page.json.items).toHaveLength(2);
    expect((await logs('severity=9')).status).toBe(400);
  });
});

describe('SNMP traps from net-snmp snmptrap', () => {
  it('a v2c linkDown trap raises the rule\'s alert, linkUp clears it', async () => {
    const rule = await api.post(`/api/noc/${isp.id}/alert-rules`, { token: isp.adminToken, body: {
      name: 'Link down trap', kind: 'log', severity: 'major', log_source: 'trap', trap_oid: '.1.3.6.1.6.3.1.1.5.3', clear_trap_oid: '.1.3.6.1.6.3.1.1.5.4',
    } });
    expect(rule.status, rule.text).toBe(201);
    const before = noc.ingest.stored;
    await run('snmptrap', ['-v', '2c', '-c', 'public', `127.0.0.1:${noc.ports.trap}`, '', '.1.3.6.1.6.3.1.1.5.3', '.1.3.6.1.2.1.2.2.1.1.2', 'i', '2', '.1.3.6.1.2.1.2.2.1.2.2', 's', 'ether2']);
    await flushed(before + 1);
    const trap = (await logs('kind=trap')).json.items[0];
    expect(trap).toMatchObject({ device_id: deviceId, trap_oid: '1.3.6.1.6.3.1.1.5.3', severity: 3, app: 'snmpv2c' });
    expect(trap.message).toContain('linkDown ifIndex=2');
    expect(trap.message).toContain('ether2');
    const firing = (await alerts()).json.items;
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({ title: 'Link down trap: edge-1', device_id: deviceId, source: 'log', severity: 'major' });
    expect(firing[0].incident_id).toBeTruthy();

    await run('snmptrap', ['-v', '2c', '-c', 'public', `127.0.0.1:${noc.ports.trap}`, '', '.1.3.6.1.6.3.1.1.5.4', '.1.3.6.1.2.1.2.2.1.1.2', 'i', '2']);
    await flushed(before + 2);
    expect((await alerts()).json.items).toHaveLength(0);
    const incident = await api.get(`/api/noc/${isp.id}/incidents/${firing[0].incident_id}`, { token: isp.adminToken });
    expect(incident.json.status).toBe('resolved');
    expect(incident.json.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'alert', 'cleared', 'resolved']);
  });

  it('a v1 trap (generic linkDown) is translated to the v2 OID (RFC 3584)', async () => {
    const before = noc.ingest.stored;
    await run('snmptrap', ['-v', '1', '-c', 'public', `127.0.0.1:${noc.ports.trap}`, '.1.3.6.1.4.1.8072.3.2.10', '127.0.0.1', '2', '0', '', '.1.3.6.1.2.1.2.2.1.1.7', 'i', '7']);
    await flushed(before + 1);
    expect((await logs('kind=trap&trap_oid=1.3.6.1.6.3.1.1.5.3')).json.items[0]).toMatchObject({ app: 'snmpv1', device_id: deviceId });
    expect((await logs('kind=trap')).json.items[0].message).toContain('ifIndex=7');
  });
});

describe('trap community check', () => {
  it('a trap with the wrong community is counted, stored flagged and raises nothing; the right one raises', async () => {
    await server.ctx.db.orm.execute(`UPDATE noc_devices SET snmp_version = 'v2c', snmp_community_enc = '${server.ctx.secrets.seal('right-community')}' WHERE id = '${deviceId}'`);
    (noc.ingest as unknown as { loadedAt: number }).loadedAt = 0;
    await api.post(`/api/noc/${isp.id}/alert-rules`, { token: isp.adminToken, body: { name: 'Warm start', kind: 'log', severity: 'minor', log_source: 'trap', trap_oid: '.1.3.6.1.6.3.1.1.5.2' } });
    const mismatches = async () => Number(/astranetix_noc_trap_community_mismatch_total (\d+)/.exec(await server.ctx.metrics.registry.getSingleMetricAsString('astranetix_noc_trap_community_mismatch_total'))?.[1] ?? 0);
    const before = noc.ingest.stored;
    const counted = await mismatches();
    await run('snmptrap', ['-v', '2c', '-c', 'wrong', `127.0.0.1:${noc.ports.trap}`, '', '.1.3.6.1.6.3.1.1.5.2']);
    await run('snmptrap', ['-v', '1', '-c', 'wrong', `127.0.0.1:${noc.ports.trap}`, '.1.3.6.1.4.1.8072.3.2.10', '127.0.0.1', '1', '0', '']);
    await flushed(before + 2);
    expect(await mismatches()).toBe(counted + 2);
    const flagged = (await logs('kind=trap&community_mismatch=true')).json;
    expect(flagged.total).toBe(2);
    expect(flagged.items.map((m: { app: string; community_mismatch: boolean; device_id: string }) => [m.app, m.community_mismatch, m.device_id]))
      .toEqual([['snmpv1', true, deviceId], ['snmpv2c', true, deviceId]]);
    expect(JSON.stringify(flagged)).not.toContain('wrong');
    const warm = async () => (await alerts()).json.items.filter((a: { title: string }) => a.title.startsWith('Warm start'));
    expect(await warm()).toEqual([]);

    await run('snmptrap', ['-v', '2c', '-c', 'right-community', `127.0.0.1:${noc.ports.trap}`, '', '.1.3.6.1.6.3.1.1.5.2']);
    await flushed(before + 3);
    expect(await mismatches()).toBe(counted + 2);
    expect((await logs('kind=trap&community_mismatch=false&trap_oid=1.3.6.1.6.3.1.1.5.2')).json.items[0].community_mismatch).toBe(false);
    expect(await warm()).toHaveLength(1);
    await server.ctx.db.orm.execute(`UPDATE noc_devices SET snmp_version = 'none', snmp_community_enc = NULL WHERE id = '${deviceId}'`);
    (noc.ingest as unknown as { loadedAt: number }).loadedAt = 0;
  });
});

describe('bad input', () => {
  it('sources that are no device are counted and dropped', async () => {
    await server.ctx.db.orm.execute('UPDATE noc_devices SET enabled = false');
    (noc.ingest as unknown as { loadedAt: number }).loadedAt = 0;
    const before = noc.ingest.stored;
    await run('logger', ['-n', '127.0.0.1', '-P', String(noc.ports.syslog), '-d', 'from nowhere']);
    const metric = async () => (await server.ctx.metrics.registry.getSingleMetricAsString('astranetix_noc_log_unknown_source_total'));
    await until(async () => /kind="syslog"} [1-9]/.test(await metric()), 'unknown source counted');
    await noc.ingest.flush();
    expect(noc.ingest.stored).toBe(before);
    await server.ctx.db.orm.execute('UPDATE noc_devices SET enabled = true');
    (noc.ingest as unknown as { loadedAt: number }).loadedAt = 0;
  });

  it('3,000 random datagrams to each receiver and garbage on TCP: nothing crashes, valid input still arrives', async () => {
    const sock = dgram.createSocket('udp4');
    for (let i = 0; i < 3000; i++) {
      const junk = randomBytes(1 + (i % 200));
      if (i % 3 === 0) junk[0] = 0x30; // looks like the start of a BER sequence
      await new Promise<void>((r) => sock.send(junk, noc.ports.trap, '127.0.0.1', () => r()));
      await new Promise<void>((r) => sock.send(junk, noc.ports.syslog, '127.0.0.1', () => r()));
    }
    sock.close();
    for (const payload of [randomBytes(5000), Buffer.from('999999999999 x'), Buffer.from('12 <13>short')]) {
      await new Promise<void>((resolve) => {
        const c = net.connect(noc.ports.syslog, '127.0.0.1', () => c.end(payload));
        c.on('close', () => resolve());
        c.on('error', () => resolve());
      });
    }
    await until(() => noc.ingest.stored > 0, 'stored');
    await noc.ingest.flush();
    const before = noc.ingest.stored;
    await run('logger', ['-n', '127.0.0.1', '-P', String(noc.ports.syslog), '-d', 'still alive']);
    await run('snmptrap', ['-v', '2c', '-c', 'public', `127.0.0.1:${noc.ports.trap}`, '', '.1.3.6.1.6.3.1.1.5.1']);
    await flushed(before + 2);
    expect((await logs('q=still%20alive')).json.total).toBe(1);
    expect((await logs('kind=trap&trap_oid=1.3.6.1.6.3.1.1.5.1')).json.total).toBe(1);
  }, 60_000);

  it('retention: messages older than the retention are pruned, newer ones kept', async () => {
    const total = async () => (await logs('limit=1')).json.total as number;
    const before = await total();
    await server.ctx.db.orm.execute(`INSERT INTO noc_log_messages (isp_id, kind, source_ip, severity, message, received_at) VALUES ('${isp.id}', 'syslog', '127.0.0.1', 6, 'ancient', now() - interval '40 days')`);
    expect(await total()).toBe(before + 1);
    expect(await pruneLogs(server.ctx, 30)).toBe(1);
    expect(await total()).toBe(before);
  });

  it('an address claimed by devices of two ISPs delivers to neither', async () => {
    const other = await createIspFixture(api, founder, 'claim-isp');
    const claimer = await addDevice(server, other.id, { name: 'claimed', ip: '127.0.0.1' });
    (noc.ingest as unknown as { loadedAt: number }).loadedAt = 0;
    const before = noc.ingest.stored;
    await run('logger', ['-n', '127.0.0.1', '-P', String(noc.ports.syslog), '-d', 'contested line']);
    await until(async () => /kind="syslog"} [2-9]/.test(await server.ctx.metrics.registry.getSingleMetricAsString('astranetix_noc_log_unknown_source_total')), 'dropped');
    await noc.ingest.flush();
    expect(noc.ingest.stored).toBe(before);
    expect((await api.get(`/api/noc/${other.id}/logs`, { token: other.adminToken })).json.total).toBe(0);
    await server.ctx.db.orm.execute(`DELETE FROM noc_devices WHERE id = '${claimer.id}'`);
  });
});
