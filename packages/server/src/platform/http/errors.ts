/** An error that becomes an RFC 9457 problem document; anything else becomes a bare 500. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'Not Found', `${what} not found`);
export const forbidden = (detail = 'Your role does not allow this action') => new HttpProblem(403, 'Forbidden', detail);
export const unauthorized = (detail = 'Authentication required') => new HttpProblem(401, 'Unauthorized', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);
/** 429 with Retry-After (whole seconds, at least one). */
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'Too Many Requests', detail, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'Bad Request', detail, errors ? { errors } : {});

export type FieldError = { pointer: string; detail: string };
