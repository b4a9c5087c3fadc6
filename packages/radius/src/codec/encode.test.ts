import { describe, expect, it } from 'vitest';
import { Dictionary } from '../dictionary/dictionary.ts';
import { createDefaultDictionary, defaultDictionary } from '../dictionary/default.ts';
import { parseDictionary } from '../dictionary/parser.ts';
import { RadiusEncodeError } from '../errors.ts';
import { writeAttributes, type AttributeList } from './encode.ts';
import { decodePacket } from './packet.ts';

const AUTH = Buffer.alloc(16, 0x11);

function attrs(list: AttributeList, dictionary: Dictionary = defaultDictionary()): Buffer {
  const out = Buffer.alloc(4096);
  const end = writeAttributes(list, { dictionary, secret: 'secret', cryptAuthenticator: AUTH }, out, 0);
  return out.subarray(0, end);
}

function packetOf(body: Buffer): Buffer {
  const p = Buffer.alloc(20 + body.length);
  p[0] = 2;
  p.writeUInt16BE(p.length, 2);
  AUTH.copy(p, 4);
  body.copy(p, 20);
  return p;
}

describe('attribute encoding', () => {
  it('lays out a MikroTik VSA like FreeRADIUS (26, len, vendor, type, len, value)', () => {
    expect(attrs([['Mikrotik-Rate-Limit', '10M/10M']]).toString('hex')).toBe('1a0f00003a8c0809' + Buffer.from('10M/10M').toString('hex'));
    expect(attrs([['Mikrotik-Address-List', 'blocked']]).toString('hex')).toBe('1a0f00003a8c1309' + Buffer.from('blocked').toString('hex'));
    // Cisco-AVPair (vendor 9, type 1).
    expect(
      attrs([['Cisco-AVPair', 'ip:addr-pool=p1']])
        .subarray(0, 8)
        .toString('hex'),
    ).toBe('1a17000000090111');
  });

  it('decodes several sub-attributes packed in one VSA', () => {
    const sub = (type: number, text: string): Buffer => Buffer.concat([Buffer.from([type, text.length + 2]), Buffer.from(text)]);
    const body = Buffer.concat([Buffer.from('00003a8c', 'hex'), sub(8, '1M/1'), sub(3, 'gold'), sub(3, 'as')]);
    const vsa = Buffer.concat([Buffer.from([26, body.length + 2]), body]);
    const p = decodePacket(packetOf(vsa));
    expect(p.get('Mikrotik-Rate-Limit')).toBe('1M/1');
    expect(p.getAll('Mikrotik-Group')).toEqual(['gold', 'as']);
  });

  it('encodes vendors with format=2,2 and format=4,0 from an operator dictionary', () => {
    const dict = createDefaultDictionary();
    parseDictionary(
      dict,
      'VENDOR Wide 99 format=2,2\nVENDOR Bare 98 format=4,0\nBEGIN-VENDOR Wide\nATTRIBUTE Wide-Attr 300 string\nEND-VENDOR Wide\nBEGIN-VENDOR Bare\nATTRIBUTE Bare-Attr 7 integer\nEND-VENDOR Bare\n',
    );
    const wire = attrs(
      [
        ['Wide-Attr', 'x'],
        ['Bare-Attr', 5],
      ],
      dict,
    );
    expect(wire.toString('hex')).toBe('1a0b00000063012c0005' + '78' + '1a0e00000062' + '00000007' + '00000005');
    const p = decodePacket(packetOf(wire), { dictionary: dict });
    expect(p.get('Wide-Attr')).toBe('x');
    expect(p.get('Bare-Attr')).toBe(5);
  });

  it('tags integers and strings (RFC 2868 §3)', () => {
    expect(attrs([['Tunnel-Type', 'VLAN', 1]]).toString('hex')).toBe('40060100000d');
    expect(attrs([['Tunnel-Private-Group-Id', '100', 1]]).toString('hex')).toBe('5106' + '01' + '313030');
    expect(attrs([['Tunnel-Private-Group-Id', '100']]).toString('hex')).toBe('5105' + '313030');
    const p = decodePacket(
      packetOf(
        attrs([
          ['Tunnel-Type', 'VLAN', 1],
          ['Tunnel-Medium-Type', 'IEEE-802', 1],
          ['Tunnel-Private-Group-Id', '100', 1],
        ]),
      ),
    );
    expect(p.get('Tunnel-Type')).toBe('VLAN');
    expect(p.getTagged('Tunnel-Private-Group-Id')).toEqual([{ tag: 1, value: '100' }]);
    expect(() => attrs([['Tunnel-Type', 'VLAN', 40]])).toThrow(RadiusEncodeError);
  });

  it('salt-encrypts Tunnel-Password with a tag and decrypts it with the request authenticator', () => {
    const wire = attrs([['Tunnel-Password', 'tunnel-secret', 2]]);
    expect(wire[0]).toBe(69);
    expect(wire[2]).toBe(2); // tag
    expect(wire[3]! & 0x80).toBe(0x80); // salt MSB set (RFC 2868 §3.5)
    const p = decodePacket(packetOf(wire), { secret: 'secret', requestAuthenticator: AUTH });
    expect(p.getTagged('Tunnel-Password')).toEqual([{ tag: 2, value: 'tunnel-secret' }]);
  });

  it('splits EAP-Message over 253-octet attributes and joins it back (RFC 3579 §3.1)', () => {
    const eap = Buffer.alloc(600);
    for (let i = 0; i < eap.length; i++) eap[i] = i & 0xff;
    const wire = attrs([['EAP-Message', eap]]);
    expect(wire.length).toBe(600 + 3 * 2);
    expect([wire[1], wire[255 + 1]]).toEqual([255, 255]);
    const p = decodePacket(packetOf(wire));
    expect(p.getAll('EAP-Message')).toHaveLength(3);
    expect(p.get('EAP-Message')).toEqual(eap);
  });

  it('refuses values that do not fit', () => {
    expect(() => attrs([['User-Name', 'x'.repeat(254)]])).toThrow(RadiusEncodeError);
    expect(() => attrs([['Mikrotik-Rate-Limit', 'x'.repeat(248)]])).toThrow(RadiusEncodeError);
    expect(() => attrs([['No-Such-Attribute', 'x']])).toThrow(RadiusEncodeError);
    const many = Array.from({ length: 20 }, () => ['Class', Buffer.alloc(250)] as const);
    expect(() => attrs(many)).toThrow(/4096/);
  });

  it('accepts an object of name -> value(s) and raw attributes', () => {
    const wire = attrs({ 'User-Name': 'a', Class: [Buffer.from('x'), Buffer.from('y')] });
    expect(wire.toString('hex')).toBe('010361' + '190378' + '190379');
    expect(
      attrs([
        { type: 33, value: Buffer.from('ps') },
        { vendorId: 14988, vendorType: 3, value: Buffer.from('g') },
      ]).toString('hex'),
    ).toBe('21047073' + '1a0900003a8c030367');
  });

  it('round-trips RFC 6929 extended and long-extended attributes', () => {
    const dict = new Dictionary();
    parseDictionary(
      dict,
      'ATTRIBUTE Ext-One 241.1 integer\nATTRIBUTE Long-One 245.3 octets\nVENDOR Acme 1234\nBEGIN-VENDOR Acme format=Extended-Vendor-Specific-5\nATTRIBUTE Acme-Long 7 octets\nEND-VENDOR Acme\n',
    );
    const big = Buffer.alloc(400, 7);
    const wire = attrs(
      [
        ['Ext-One', 9],
        ['Long-One', big],
        ['Acme-Long', Buffer.from('hello')],
      ],
      dict,
    );
    expect(wire.subarray(0, 7).toString('hex')).toBe('f10701' + '00000009');
    // First long fragment: 245, 255, ext type 3, M flag.
    expect(wire.subarray(7, 11).toString('hex')).toBe('f5ff0380');
    const p = decodePacket(packetOf(wire), { dictionary: dict });
    expect(p.get('Ext-One')).toBe(9);
    expect(p.get('Long-One')).toEqual(big);
    expect(p.get('Acme-Long')).toEqual(Buffer.from('hello'));
  });
});
