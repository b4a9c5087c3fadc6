#!/usr/bin/env node
// Builds the web app only when dist/ is missing or older than any of its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'index.html');

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(path.join(p, e)));
  }
  return max;
}

const sources = ['src', 'static', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((s) => path.join(root, s));
const srcTime = Math.max(...sources.map(newest));
const distTime = existsSync(built) ? statSync(built).mtimeMs : 0;

if (distTime >= srcTime && !process.argv.includes('--force')) {
  console.log('web: dist is up to date');
} else {
  console.log(distTime ? 'web: sources changed, rebuilding' : 'web: no build yet, building');
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const bin = existsSync(vite) ? vite : path.join(root, '..', '..', 'node_modules', '.bin', 'vite');
  const r = spawnSync(bin, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
