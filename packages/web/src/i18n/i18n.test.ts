/** Translation files: every key of en.json exists in every language, with the same {placeholders}; every key the code uses exists. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../api/enums.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// The languages the server accepts (its locale enum, through the generated schema).
const LANGS: readonly string[] = LOCALES;

function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (typeof obj === 'string') out[prefix] = obj;
  else throw new Error(`${prefix}: not a string`);
  return out;
}

const load = (l: string) => flatten(JSON.parse(readFileSync(path.join(here, 'locales', `${l}.json`), 'utf8')));
const en = load('en');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translation files', () => {
  it('ship exactly the languages the server accepts', () => {
    expect(readdirSync(path.join(here, 'locales')).filter((f) => f.endsWith('.json')).sort()).toEqual(LANGS.map((l) => `${l}.json`).sort());
  });

  for (const lang of LANGS.filter((l) => l !== 'en')) {
    describe(lang, () => {
      const dict = load(lang);
      it('has every key of en', () => {
        expect(Object.keys(en).filter((k) => !(k in dict))).toEqual([]);
      });
      it('has no key that en lacks', () => {
        expect(Object.keys(dict).filter((k) => !(k in en))).toEqual([]);
      });
      it('keeps the same {placeholders} and no empty string', () => {
        const bad = Object.keys(en).filter((k) => k in dict && (dict[k]!.trim() === '' || placeholders(dict[k]!).join() !== placeholders(en[k]!).join()));
        expect(bad).toEqual([]);
      });
    });
  }
});

describe('keys used in the code', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')) files.push(p);
    }
  };
  walk(path.join(here, '..'));
  const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');

  it('exist in en.json', () => {
    const used = [...source.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((k) => !(k in en))).toEqual([]);
  });

  it('built from a prefix (t(`status.${s}`)) name a prefix that exists in en.json', () => {
    const prefixes = [...source.matchAll(/\bt\(`([a-zA-Z.]+)\.\$\{/g)].map((m) => m[1]!);
    expect(prefixes.length).toBeGreaterThan(5);
    expect([...new Set(prefixes)].filter((p) => !Object.keys(en).some((k) => k.startsWith(`${p}.`)))).toEqual([]);
  });
});
