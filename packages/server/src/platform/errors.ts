/**
 * What a service refuses, in the domain's terms. There is no HTTP here: services throw these,
 * and one mapper (`http/problem.ts`) turns each into its RFC 9457 problem (404, 409, 400 with
 * the pointers to the bad fields), the same bodies `http/errors.ts` gives routes.
 */
export class DomainError extends Error {}

/** The record does not exist, or is another ISP's (which is told the same way). */
export class NotFoundError extends DomainError {
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** The request contradicts the state of the data (in use, already done, a duplicate). */
export class ConflictError extends DomainError {}

/** A field's value is not acceptable; `fields` points at each one (JSON pointers into the request). */
export class InvalidFieldError extends DomainError {
  constructor(message: string, readonly fields: readonly FieldIssue[] = []) {
    super(message);
  }
}

export type FieldIssue = { pointer: string; detail: string };

export const notFound = (what: string) => new NotFoundError(what);
export const conflict = (detail: string) => new ConflictError(detail);
export const invalidField = (detail: string, fields?: readonly FieldIssue[]) => new InvalidFieldError(detail, fields);
