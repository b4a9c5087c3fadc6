import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type Client, type TestServer } from '../../../test/harness.ts';
import { createIspFixture, founderToken, type IspFixture } from '../../../test/fixtures.ts';
import { radclient } from '../../../test/radclient.ts';

// A vendor the built-in dictionaries do not know, as an operator would drop it in.
const dir = mkdtempSync(path.join(tmpdir(), 'anx-dict-'));
writeFileSync(path.join(dir, 'dictionary.acme'), `VENDOR Acme 99999
BEGIN-VENDOR Acme
ATTRIBUTE Acme-Speed-Profile 1 string
ATTRIBUTE Acme-Vlan 2 integer
END-VENDOR Acme
`);
process.env.RADIUS_DICTIONARY_DIR = dir;

let server: TestServer;
let api: Client;
let isp: IspFixture;

beforeAll(async () => {
  server = await startTestServer({}, { aaa: true });
  api = client(server.app);
  isp = await createIspFixture(api, await founderToken(server, api), 'dict-net');
  await api.post(`/api/isp/${isp.id}/nas`, { token: isp.adminToken, body: { name: 'Lab', address: '127.0.0.1', secret: 'testing123', vendor: 'other' } });
  const end = Date.now() + 5000;
  while (!server.aaa!.registry.find('127.0.0.1') && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}, 60_000);
afterAll(() => server.close());

describe('operator dictionaries (RADIUS_DICTIONARY_DIR)', () => {
  it('a new vendor attribute is accepted in reply attributes and sent on the wire', async () => {
    const r = await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, {
      token: isp.adminToken, body: { radius_reply: [{ attribute: 'Acme-Speed-Profile', value: 'gold' }, { attribute: 'Acme-Vlan', value: '120' }] },
    });
    expect(r.status, r.text).toBe(200);
    expect((await api.patch(`/api/isp/${isp.id}/subscribers/${isp.subscriberId}`, { token: isp.adminToken, body: { radius_reply: [{ attribute: 'Acme-Vlan', value: 'blue' }] } })).status).toBe(400);
    const end = Date.now() + 5000;
    let raw = '';
    while (Date.now() < end) {
      raw = (await radclient('auth', server.aaa!.ports.authPort, 'User-Name = "ann.dict-net"\nUser-Password = "pppoe-pass"\n')).text;
      if (raw.includes('99999') || raw.includes('Acme')) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    // radclient does not know the vendor, so it prints the raw Vendor-Specific attribute.
    expect(raw).toMatch(/Acme-Speed-Profile = "gold"|Vendor-Specific|Attr-26\.99999/);
  });
});
