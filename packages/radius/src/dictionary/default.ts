import { BUILTIN_DICTIONARIES } from './builtin/index.ts';
import { Dictionary } from './dictionary.ts';
import { parseDictionary } from './parser.ts';

/**
 * A fresh dictionary holding every built-in RFC and vendor definition.
 * Use a fresh one when loading operator files on top, so the shared
 * default stays unchanged.
 */
export function createDefaultDictionary(): Dictionary {
  const dict = new Dictionary();
  for (const file of BUILTIN_DICTIONARIES) parseDictionary(dict, file.text, { filename: file.name });
  return dict;
}

let shared: Dictionary | undefined;

/** The shared built-in dictionary (built on first use, then reused). */
export function defaultDictionary(): Dictionary {
  shared ??= createDefaultDictionary();
  return shared;
}
