/**
 * No file of the web app imports itself back through others (App ⇄ TenantRoot, AppShell ⇄ NavList
 * and a portal ⇄ its pages were such loops): static imports and lazy import() both count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\(|^import)\s*['"](\.[^'"]+)['"]/gm)]
    .map((m) => path.resolve(path.dirname(file), m[1]!))
    .flatMap((p) => [p, `${p}.ts`, `${p}.tsx`].filter((c) => { try { return statSync(c).isFile(); } catch { return false; } }).slice(0, 1));
}

/** The loops of the import graph, each as the files it passes through (Tarjan's strongly connected components). */
function importLoops(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) loops.push(component.sort());
    }
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return loops;
}

describe('the web app\'s imports', () => {
  it('form no loop', () => {
    const files = sources(src);
    const loops = importLoops(new Map(files.map((f) => [f, importsOf(f)])));
    expect(loops.map((loop) => loop.map((f) => path.relative(src, f)))).toEqual([]);
  });

  it('are read with their lazy imports, and a loop is found where there is one', () => {
    expect(importsOf(path.join(src, 'App.tsx'))).toContain(path.join(src, 'portals', 'TenantRoot.tsx'));
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(importLoops(graph)).toEqual([['a', 'b', 'c']]);
  });
});
