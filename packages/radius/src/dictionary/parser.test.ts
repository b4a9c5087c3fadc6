import { describe, expect, it } from 'vitest';
import { RadiusDictionaryError } from '../errors.ts';
import { Dictionary } from './dictionary.ts';
import { parseDictionary } from './parser.ts';

describe('FreeRADIUS dictionary parser', () => {
  it('parses attributes, values, vendors and flags', () => {
    const dict = new Dictionary();
    const { warnings } = parseDictionary(
      dict,
      `# comment
ATTRIBUTE	User-Password	2	string	encrypt=1
ATTRIBUTE	Tunnel-Password	69	string	has_tag,encrypt=2
ATTRIBUTE	EAP-Message	79	octets concat
ATTRIBUTE	Service-Type	6	integer
VALUE	Service-Type	Login-User	1
VALUE	Service-Type	Framed-User	0x02
VENDOR	Acme	4242	format=2,1
BEGIN-VENDOR	Acme
ATTRIBUTE	Acme-Key	513	octets[16]	encrypt=2
ATTRIBUTE	Acme-Level	2	integer
VALUE	Acme-Level	High	9
END-VENDOR	Acme
ATTRIBUTE	Acme-Old-Style	3	string	Acme
PROTOCOL	RADIUS	1
`,
    );
    expect(dict.require('User-Password').encrypt).toBe(1);
    expect(dict.require('tunnel-password')).toMatchObject({ hasTag: true, encrypt: 2 });
    expect(dict.require('EAP-Message').concat).toBe(true);
    expect(dict.require('Service-Type').values.get('Framed-User')).toBe(2);
    expect(dict.require('Service-Type').valueNames.get(1)).toBe('Login-User');
    expect(dict.vendor('Acme')).toMatchObject({ id: 4242, typeSize: 2, lengthSize: 1 });
    expect(dict.vendorAttribute(4242, 513)).toMatchObject({ name: 'Acme-Key', fixedLength: 16, encrypt: 2 });
    expect(dict.require('Acme-Level').values.get('High')).toBe(9);
    expect(dict.vendorAttribute(4242, 3)?.name).toBe('Acme-Old-Style');
    expect(warnings).toEqual(['<inline>:15: PROTOCOL ignored']);
  });

  it('resolves aliases to the first definition and applies VALUEs given before ATTRIBUTE', () => {
    const dict = new Dictionary();
    parseDictionary(
      dict,
      'VALUE Later Yes 1\nATTRIBUTE Later 50 integer\nATTRIBUTE First-Name 51 integer\nATTRIBUTE Second-Name 51 integer\nVALUE Second-Name On 1\n',
    );
    expect(dict.require('Later').values.get('Yes')).toBe(1);
    expect(dict.require('Second-Name')).toBe(dict.require('First-Name'));
    expect(dict.require('First-Name').valueNames.get(1)).toBe('On');
  });

  it('understands RFC 6929 extended numbers, EVS blocks and TLV members', () => {
    const dict = new Dictionary();
    parseDictionary(
      dict,
      `ATTRIBUTE Frag-Status 241.1 integer
ATTRIBUTE Extended-Vendor-Specific-5 245.26 evs
ATTRIBUTE IP-Port-Limit-Info 241.5 tlv
ATTRIBUTE IP-Port-Type 241.5.1 integer
VENDOR FreeRADIUS 11344
BEGIN-VENDOR FreeRADIUS format=Extended-Vendor-Specific-5
ATTRIBUTE FreeRADIUS-EVS5-Test 1 string
END-VENDOR FreeRADIUS
`,
    );
    expect(dict.extendedAttribute(241, 1)?.name).toBe('Frag-Status');
    expect(dict.evsAttribute(245, 11344, 1)?.name).toBe('FreeRADIUS-EVS5-Test');
    expect(dict.require('IP-Port-Type').space).toEqual({ kind: 'tlv', parentName: '241.5' });
  });

  it('reports malformed input with file and line', () => {
    const bad = (text: string): string => {
      try {
        parseDictionary(new Dictionary(), text, { filename: 'x' });
      } catch (e) {
        expect(e).toBeInstanceOf(RadiusDictionaryError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(bad('ATTRIBUTE Foo')).toMatch(/^x:1: ATTRIBUTE needs/);
    expect(bad('\nATTRIBUTE Foo abc string')).toMatch(/^x:2: invalid number/);
    expect(bad('BEGIN-VENDOR Nope')).toMatch(/unknown vendor/);
    expect(bad('VENDOR A 1\nBEGIN-VENDOR A')).toMatch(/missing END-VENDOR/);
    expect(bad('FROB x')).toMatch(/unknown keyword/);
    expect(bad('$INCLUDE other')).toMatch(/cannot include/);
    expect(bad('VENDOR A 1 format=3,1')).toMatch(/invalid vendor format/);
    expect(bad('ATTRIBUTE X 300 string')).toBe('no error');
  });

  it('follows $INCLUDE through the resolver and skips missing $INCLUDE- files', () => {
    const files: Record<string, string> = {
      'dictionary.a': 'ATTRIBUTE A-Attr 200 string\n$INCLUDE dictionary.b\n',
      'dictionary.b': 'ATTRIBUTE B-Attr 201 string\n',
    };
    const dict = new Dictionary();
    parseDictionary(dict, '$INCLUDE dictionary.a\n$INCLUDE- dictionary.missing\n', {
      include: (name) => (files[name] !== undefined ? { text: files[name], filename: name } : undefined),
    });
    expect(dict.standardAttribute(201)?.name).toBe('B-Attr');
  });
});
