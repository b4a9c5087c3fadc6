#!/usr/bin/env node
// Prints raw and gzip sizes of every JS chunk in dist/assets.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
const rows = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => {
  const buf = readFileSync(path.join(dir, f));
  return { f, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
}).sort((a, b) => b.gz - a.gz);
for (const r of rows) console.log(`${(r.gz / 1024).toFixed(1).padStart(7)} KB gz ${(r.raw / 1024).toFixed(1).padStart(8)} KB  ${r.f}`);
