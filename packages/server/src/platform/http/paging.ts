import { z } from 'zod';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1-200)'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('Rows to skip'),
};

/** `sort=name` ascending, `sort=-name` descending, among the fields a route allows. */
export function sortParam<const F extends readonly [string, ...string[]]>(fields: F, fallback: `${'' | '-'}${F[number]}`) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z.enum(allowed).default(fallback).describe(`Sort field, '-' prefix for descending: ${fields.join(', ')}`);
}

export function parseSort(sort: string): { field: string; desc: boolean } {
  return sort.startsWith('-') ? { field: sort.slice(1), desc: true } : { field: sort, desc: false };
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
