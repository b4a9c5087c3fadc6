import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { tenantScope, withScope } from '../db/scope.ts';
import { scratchPostgres } from '../../test/scratch-database.ts';
import { installProblemHandler } from './problem.ts';

// Routes that write what they are given without looking first: the database's tenant keys
// are the last line, and their refusal must read as a bad field, not as a server fault.
const ispA = '00000000-0000-4000-8000-00000000000a';
const ispB = '00000000-0000-4000-8000-00000000000b';
const hqA = '00000000-0000-4000-8000-0000000000a1';
const hqB = '00000000-0000-4000-8000-0000000000b1';
const staffA = '00000000-0000-4000-8000-0000000000f1';

let db: Database;
let drop: () => Promise<void> = async () => undefined;
let app: FastifyInstance;

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) ({ db, drop } = await scratchPostgres(process.env.TEST_DATABASE_URL, 'anx_test'));
  else db = await openPglite(null);
  await migrate(db);
  await db.exec(`
    INSERT INTO isps (id, slug, display_name) VALUES ('${ispA}', 'isp-a', 'A'), ('${ispB}', 'isp-b', 'B');
    INSERT INTO branches (id, isp_id, name, code) VALUES ('${hqA}', '${ispA}', 'A HQ', 'HQ'), ('${hqB}', '${ispB}', 'B HQ', 'HQ');
    INSERT INTO users (id, isp_id, branch_id, email, name, role, password_hash) VALUES ('${staffA}', '${ispA}', '${hqA}', 's@a.test', 'Staff', 'support_agent', 'x');`);
  app = Fastify();
  installProblemHandler(app);
  app.patch<{ Params: { id: string }; Body: { branch_id: string } }>('/users/:id', async (req) => {
    await withScope(db, tenantScope(ispA), (tx) => tx.execute(sql`UPDATE users SET branch_id = ${req.body.branch_id}::uuid WHERE id = ${req.params.id}::uuid`));
    return { ok: true };
  });
  app.post<{ Querystring: { parent_branch_id: string } }>('/branches', async (req) => {
    await withScope(db, tenantScope(ispA), (tx) => tx.execute(sql`INSERT INTO branches (isp_id, name, code, parent_branch_id) VALUES (${ispA}, 'Sub', 'SUB', ${req.query.parent_branch_id}::uuid)`));
    return { ok: true };
  });
  app.delete<{ Params: { id: string } }>('/branches/:id', async (req) => {
    await withScope(db, tenantScope(ispA), (tx) => tx.execute(sql`DELETE FROM branches WHERE id = ${req.params.id}::uuid`));
    return { ok: true };
  });
});
afterAll(async () => {
  await app.close();
  await db.close();
  await drop();
});

describe('a foreign-key refusal becomes a problem document', () => {
  it("another ISP's id in the body: 400 naming the field, word for word the answer to an id that exists nowhere", async () => {
    const patch = (branch_id: string) => app.inject({ method: 'PATCH', url: `/users/${staffA}`, payload: { branch_id } });
    const other = await patch(hqB);
    expect(other.statusCode).toBe(400);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toEqual({
      type: 'about:blank', title: 'Bad Request', status: 400, instance: `/users/${staffA}`,
      detail: 'No such branch in this ISP (branch_id)', errors: [{ pointer: '/body/branch_id', detail: 'No such branch in this ISP' }],
    });
    expect((await patch(randomUUID())).body).toBe(other.body);
    expect(other.body).not.toContain(ispB);
    expect(await db.query(`SELECT branch_id FROM users WHERE id = '${staffA}'`)).toEqual([{ branch_id: hqA }]);
  });

  it('a key to the own table, in the query string: the pointer says where', async () => {
    const r = await app.inject({ method: 'POST', url: `/branches?parent_branch_id=${hqB}` });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ detail: 'No such branch in this ISP (parent_branch_id)', errors: [{ pointer: '/querystring/parent_branch_id' }] });
  });

  it('deleting a row that is still referenced (ON DELETE RESTRICT) is a conflict, not a server fault', async () => {
    const r = await app.inject({ method: 'DELETE', url: `/branches/${hqA}` });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('users_branch_id_fkey');
  });
});
