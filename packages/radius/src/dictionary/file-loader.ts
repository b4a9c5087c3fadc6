import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Dictionary } from './dictionary.ts';
import { createDefaultDictionary } from './default.ts';
import { parseDictionary, type ParseResult } from './parser.ts';

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads a FreeRADIUS-format dictionary file (following $INCLUDE relative to
 * the including file) into `dict`, by default a fresh copy of the built-ins,
 * so an operator adds a vendor without code. Throws RadiusDictionaryError
 * with file:line on malformed input.
 */
export function loadDictionaryFile(path: string, dict: Dictionary = createDefaultDictionary()): { dictionary: Dictionary } & ParseResult {
  const absolute = resolve(path);
  const text = readFileSync(absolute, 'utf8');
  const result = parseDictionary(dict, text, {
    filename: absolute,
    include: (name, fromFile) => {
      const target = isAbsolute(name) ? name : resolve(dirname(fromFile), name);
      const included = readIfExists(target);
      return included === undefined ? undefined : { text: included, filename: target };
    },
  });
  return { dictionary: dict, ...result };
}
