#!/usr/bin/env node
// Regenerates src/api/openapi.json from the server and src/api/schema.ts from it: the types of every
// path, and each enum's values as an array (--enum-values), so the web lists a status or a kind
// from the server's own definition instead of a copy.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(web, '..', '..');
const json = execFileSync('npx', ['tsx', 'packages/server/src/main.ts', 'openapi'], { cwd: repo, maxBuffer: 64 << 20 });
writeFileSync(path.join(web, 'src/api/openapi.json'), json);
execFileSync('npx', ['openapi-typescript', 'src/api/openapi.json', '--enum-values', '-o', 'src/api/schema.ts'], { cwd: web, stdio: 'inherit' });
