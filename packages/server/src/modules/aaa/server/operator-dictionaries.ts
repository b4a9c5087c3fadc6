import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultDictionary, loadDictionaryFile } from '@astranetix/radius';

/**
 * An operator adds a vendor without code: every file in RADIUS_DICTIONARY_DIR, in the
 * FreeRADIUS dictionary format, is loaded into the dictionary the engine and the API share.
 * Returns the names of the loaded files and the parser's warnings.
 */
export function loadOperatorDictionaries(dir: string | undefined): { files: string[]; warnings: string[] } {
  if (!dir) return { files: [], warnings: [] };
  const files = readdirSync(dir).filter((f) => !f.startsWith('.') && statSync(path.join(dir, f)).isFile()).sort();
  const warnings: string[] = [];
  for (const f of files) {
    const r = loadDictionaryFile(path.join(dir, f), defaultDictionary());
    warnings.push(...r.warnings.map((w) => `${f}: ${w}`));
  }
  return { files, warnings };
}
