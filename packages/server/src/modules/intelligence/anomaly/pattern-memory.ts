/**
 * The detector's bounded memory of distinct patterns (prototypes), flat arrays so a series'
 * state stays small and serialises as plain JSON. When full, the least recently matched
 * prototype makes room.
 */
export interface PatternMemory {
  dim: number;
  capacity: number;
  /** count × dim numbers. */
  patterns: number[];
  /** Bucket index each prototype last matched. */
  lastUsed: number[];
}

export function createMemory(dim: number, capacity: number): PatternMemory {
  return { dim, capacity, patterns: [], lastUsed: [] };
}

export function memorySize(m: PatternMemory): number {
  return m.lastUsed.length;
}

/** The nearest prototype by the largest coordinate difference; index -1 when memory is empty. */
export function nearest(m: PatternMemory, p: ArrayLike<number>): { index: number; distance: number } {
  let index = -1;
  let distance = Infinity;
  const { dim, patterns } = m;
  const count = m.lastUsed.length;
  for (let i = 0; i < count; i++) {
    const base = i * dim;
    let d = 0;
    for (let k = 0; k < dim && d < distance; k++) {
      const x = Math.abs(patterns[base + k]! - p[k]!);
      if (x > d) d = x;
    }
    if (d < distance) {
      distance = d;
      index = i;
    }
  }
  return { index, distance };
}

export function addPrototype(m: PatternMemory, p: ArrayLike<number>, at: number): void {
  let slot = m.lastUsed.length;
  if (slot >= m.capacity) {
    slot = 0;
    for (let i = 1; i < m.lastUsed.length; i++) if (m.lastUsed[i]! < m.lastUsed[slot]!) slot = i;
  }
  // Stored to a thousandth of the probation range: plenty for matching, and it keeps the
  // serialised state short.
  for (let k = 0; k < m.dim; k++) m.patterns[slot * m.dim + k] = Math.round(p[k]! * 1000) / 1000;
  m.lastUsed[slot] = at;
}
