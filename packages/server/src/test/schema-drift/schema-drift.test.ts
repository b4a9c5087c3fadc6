import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigint, char, inet, integer, numeric, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { openPglite, type Database } from '../../platform/db/database.ts';
import { normaliseType, schemaDrift, tablesOutsideDrizzle } from './schema-drift.ts';

// The checker itself: a database and Drizzle tables made to disagree, one fact at a time.
let db: Database;

beforeAll(async () => {
  db = await openPglite(null);
  await db.exec(`
    CREATE TABLE drift_parents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
    CREATE TABLE drift_children (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id uuid NOT NULL REFERENCES drift_parents(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done')),
      currency char(3) NOT NULL,
      ip inet,
      rate numeric(9, 4) NOT NULL DEFAULT 1,
      tags text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE drift_pairs (a integer NOT NULL, b integer NOT NULL, PRIMARY KEY (a, b));
  `);
});
afterAll(async () => db.close());

const parents = pgTable('drift_parents', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});
const moduleOf = (t: string) => (t.startsWith('drift_') ? 'drift' : undefined);

describe('schemaDrift', () => {
  it('finds nothing when Drizzle says what the database has', async () => {
    const children = pgTable('drift_children', {
      id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      parentId: uuid('parent_id').notNull().references(() => parents.id, { onDelete: 'cascade' }),
      status: text('status', { enum: ['new', 'done'] }).notNull().default('new'),
      currency: char('currency', { length: 3 }).notNull(),
      ip: inet('ip'),
      rate: numeric('rate', { precision: 9, scale: 4 }).notNull().default('1'),
      tags: text('tags').array().notNull().default([]),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    });
    const pairs = pgTable('drift_pairs', { a: integer('a').notNull(), b: integer('b').notNull() }, (t) => [primaryKey({ columns: [t.a, t.b] })]);
    expect(await schemaDrift(db, [parents, children, pairs], { moduleOf })).toEqual([]);
  });

  it('names the table and column of each disagreement', async () => {
    const children = pgTable('drift_children', {
      id: bigint('id', { mode: 'number' }).primaryKey(),
      parentId: uuid('parent_id').notNull().references(() => parents.id, { onDelete: 'set null' }),
      status: text('status', { enum: ['new', 'done', 'lost'] }).notNull(),
      currency: text('currency'),
      rate: numeric('rate', { precision: 9, scale: 4 }).notNull().default('2'),
      tags: text('tags').array().notNull().default([]),
      createdAt: timestamp('created_at').notNull().defaultNow(),
      note: text('note'),
    });
    const pairs = pgTable('drift_pairs', { a: integer('a').primaryKey(), b: integer('b').notNull() });
    const missing = pgTable('drift_missing', { id: uuid('id').primaryKey() });
    expect(await schemaDrift(db, [parents, children, pairs, missing], { moduleOf })).toEqual([
      'drift_children.id: identity is none in Drizzle, always in the database',
      "drift_children.status: default is none in Drizzle, 'new' in the database",
      'drift_children.status: values lost only in Drizzle',
      'drift_children.currency: type is text in Drizzle, character(3) in the database',
      'drift_children.currency: nullable in Drizzle, NOT NULL in the database',
      'drift_children.rate: default is 2 in Drizzle, 1 in the database',
      'drift_children.created_at: type is timestamp without time zone in Drizzle, timestamp with time zone in the database',
      'drift_children.note: in Drizzle but not in the database',
      'drift_children.ip: in the database but not in Drizzle',
      'drift_children: foreign key (parent_id) -> drift_parents(id) deletes set null in Drizzle, cascade in the database',
      'drift_pairs: primary key is (a) in Drizzle, (a, b) in the database',
      'drift_missing: in Drizzle but not in the database',
    ]);
  });

  it('asks for a foreign key in Drizzle only between tables of one module', async () => {
    const children = pgTable('drift_children', {
      id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      parentId: uuid('parent_id').notNull(),
      status: text('status', { enum: ['new', 'done'] }).notNull().default('new'),
      currency: char('currency', { length: 3 }).notNull(),
      ip: inet('ip'),
      rate: numeric('rate', { precision: 9, scale: 4 }).notNull().default('1'),
      tags: text('tags').array().notNull().default([]),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    });
    expect(await schemaDrift(db, [parents, children], { moduleOf })).toEqual([
      'drift_children: foreign key (parent_id) -> drift_parents(id) (drift_children_parent_id_fkey) is in the database but not in Drizzle',
    ]);
    const otherModule = (t: string) => (t === 'drift_parents' ? 'tenancy' : 'drift');
    expect(await schemaDrift(db, [parents, children], { moduleOf: otherModule })).toEqual([]);
  });

  it('finds a Drizzle foreign key the database lacks, and a self-reference', async () => {
    const selfRef = pgTable('drift_parents', {
      id: uuid('id').primaryKey().defaultRandom(),
      name: text('name').notNull().references((): AnyPgColumn => selfRef.id),
    });
    expect(await schemaDrift(db, [selfRef], { moduleOf })).toEqual([
      'drift_parents: foreign key (name) -> drift_parents(id) is in Drizzle but not in the database',
    ]);
  });

  it('lists the tables no Drizzle definition describes', async () => {
    expect(await tablesOutsideDrizzle(db, [parents])).toEqual(['drift_children', 'drift_pairs']);
  });
});

describe('normaliseType', () => {
  it('spells Drizzle types as format_type does', () => {
    expect(normaliseType('numeric(24, 10)')).toBe('numeric(24,10)');
    expect(normaliseType('char(3)')).toBe('character(3)');
    expect(normaliseType('bigserial')).toBe('bigint');
    expect(normaliseType('time')).toBe('time without time zone');
    expect(normaliseType('timestamp (3) with time zone')).toBe('timestamp(3) with time zone');
    expect(normaliseType('integer[]')).toBe('integer[]');
  });
});
