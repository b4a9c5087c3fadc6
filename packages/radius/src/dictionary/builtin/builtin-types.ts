/** One built-in dictionary file, kept as FreeRADIUS-format text. */
export interface BuiltinDictionary {
  readonly name: string;
  readonly text: string;
}
