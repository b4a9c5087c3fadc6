import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem, type FieldError } from './errors.ts';
import { ConflictError, InvalidFieldError, NotFoundError } from '../errors.ts';
import { missingReference } from './foreign-key-problem.ts';

type PgError = { code?: string; constraint?: string; detail?: string; table?: string; message?: string; cause?: unknown };

/** Drizzle wraps driver errors; the SQLSTATE lives on the cause. */
function pgErrorOf(err: unknown): PgError | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as PgError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
    e = (e as PgError).cause;
  }
  return undefined;
}

function send(reply: FastifyReply, req: FastifyRequest, status: number, title: string, detail?: string, extra = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), instance: req.url.split('?')[0], ...extra });
}

/** Turns every failure into problem+json naming what was wrong; never leaks a stack trace. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpProblem) {
      if (err.status === 429 && typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      return send(reply, req, err.status, err.title, err.detail, err.extra);
    }
    // Domain errors from services: the same bodies as notFound()/conflict()/badRequest() of http/errors.ts.
    if (err instanceof NotFoundError) return send(reply, req, 404, 'Not Found', err.message);
    if (err instanceof ConflictError) return send(reply, req, 409, 'Conflict', err.message);
    if (err instanceof InvalidFieldError) return send(reply, req, 400, 'Bad Request', err.message, err.fields.length ? { errors: err.fields } : {});
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors: FieldError[] = err.validation.map((v) => {
        const params = v.params as { issue?: { keys?: string[]; code?: string } } | undefined;
        const keys = params?.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
        const pointer = `/${where}${v.instancePath}${keys?.length ? `/${keys[0]}` : ''}`;
        return { pointer, detail: v.message ?? 'invalid' };
      });
      return send(reply, req, 400, 'Bad Request', `Invalid ${where}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, { errors });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response does not match its schema');
      return send(reply, req, 500, 'Internal Server Error', 'The server could not produce a valid response');
    }
    const pg = pgErrorOf(err);
    if (pg?.code === '23505') return send(reply, req, 409, 'Conflict', `Already exists (${pg.constraint ?? 'unique'})`);
    if (pg?.code === '23503') {
      const missing = missingReference(pg, req);
      if (missing) return send(reply, req, 400, 'Bad Request', missing.detail, missing.errors ? { errors: missing.errors } : {});
      return send(reply, req, 409, 'Conflict', `Still referenced or refers to a missing record (${pg.constraint ?? 'foreign key'})`);
    }
    // ON DELETE RESTRICT raises its own SQLSTATE, not 23503.
    if (pg?.code === '23001') return send(reply, req, 409, 'Conflict', `Still referenced (${pg.constraint ?? 'foreign key'})`);
    if (pg?.code === '23514' || pg?.code === '22P02' || pg?.code === '22003' || pg?.code === '22001')
      return send(reply, req, 400, 'Bad Request', `Value rejected by the database (${pg.constraint ?? pg.code})`);
    if (pg?.code === '42501') return send(reply, req, 404, 'Not Found', 'Not found');
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, 'unhandled error');
      return send(reply, req, 500, 'Internal Server Error', 'An unexpected error occurred; it has been logged');
    }
    // Fastify's own client errors: malformed JSON, body too large, wrong content type.
    const title = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
    return send(reply, req, status, title, err.message);
  });
}
