import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary } from './dictionary.ts';
import { loadDictionaryFile } from './file-loader.ts';

describe('loadDictionaryFile', () => {
  it('adds an operator vendor on top of the built-ins, following $INCLUDE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radius-dict-'));
    writeFileSync(join(dir, 'dictionary'), '$INCLUDE dictionary.acme\n');
    writeFileSync(join(dir, 'dictionary.acme'), 'VENDOR Acme 55555\nBEGIN-VENDOR Acme\nATTRIBUTE Acme-Plan 1 string\nEND-VENDOR Acme\n');
    const { dictionary } = loadDictionaryFile(join(dir, 'dictionary'));
    expect(dictionary.require('Acme-Plan').vendorId).toBe(55555);
    expect(dictionary.require('Mikrotik-Rate-Limit').vendorId).toBe(14988);
  });

  const full = '/usr/share/freeradius/dictionary';
  it('loads the complete FreeRADIUS dictionary tree (Debian freeradius-common)', () => {
    const { dictionary } = loadDictionaryFile(full, new Dictionary());
    expect(dictionary.size).toBeGreaterThan(5000);
    expect(dictionary.require('Mikrotik-Rate-Limit').code).toBe(8);
    expect(dictionary.require('WiMAX-Capability').vendorId).toBe(24757);
  });
});
