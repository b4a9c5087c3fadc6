import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { normalizeTrap } from './trap-receiver.ts';

describe('trap normalisation', () => {
  it('v2c: snmpTrapOID.0 names the trap; sysUpTime is left out', () => {
    const t = normalizeTrap({ type: snmp.PduType.TrapV2, varbinds: [
      { oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 1234 },
      { oid: '1.3.6.1.6.3.1.1.4.1.0', type: 6, value: '1.3.6.1.6.3.1.1.5.4' },
      { oid: '1.3.6.1.2.1.2.2.1.1.3', type: 2, value: 3 },
      { oid: '1.3.6.1.2.1.2.2.1.2.3', type: 4, value: Buffer.from('ether3') },
      { oid: '1.3.6.1.2.1.2.2.1.6.3', type: 4, value: Buffer.from([0x00, 0x0c, 0x42, 0x01, 0x02, 0x03]) },
    ] }, '10.0.0.1');
    expect(t).toEqual({
      sourceIp: '10.0.0.1', version: 2, trapOid: '1.3.6.1.6.3.1.1.5.4', severity: 5,
      message: 'linkUp ifIndex=3 1.3.6.1.2.1.2.2.1.2.3=ether3 1.3.6.1.2.1.2.2.1.6.3=000c42010203',
      varbinds: { '1.3.6.1.2.1.2.2.1.1.3': '3', '1.3.6.1.2.1.2.2.1.2.3': 'ether3', '1.3.6.1.2.1.2.2.1.6.3': '000c42010203' }, community: null,
    });
  });
  it('v1: generic traps map to snmpTraps, enterprise-specific ones to enterprise.0.specific (RFC 3584 §3.1)', () => {
    expect(normalizeTrap({ type: snmp.PduType.Trap, generic: 2, specific: 0, enterprise: '1.3.6.1.4.1.9', varbinds: [] }, '10.0.0.2')?.trapOid).toBe('1.3.6.1.6.3.1.1.5.3');
    expect(normalizeTrap({ type: snmp.PduType.Trap, generic: 6, specific: 17, enterprise: '1.3.6.1.4.1.14988', varbinds: [] }, '10.0.0.2'))
      .toMatchObject({ version: 1, trapOid: '1.3.6.1.4.1.14988.0.17', severity: 4, message: '1.3.6.1.4.1.14988.0.17' });
  });
  it('anything else is not a trap', () => {
    expect(normalizeTrap({ type: snmp.PduType.GetRequest, varbinds: [] }, '10.0.0.3')).toBeNull();
    expect(normalizeTrap({ type: snmp.PduType.TrapV2, varbinds: [{ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 1 }] }, '10.0.0.3')).toBeNull();
  });
});
