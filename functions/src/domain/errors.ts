/**
 * The small set of errors the domain raises. `http/errors.ts` maps them to HTTP in one place;
 * nothing else decides status codes. Messages here are safe to show a person (no personal data).
 */
export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    readonly fields: FieldErrors,
    message = 'Some of the information is missing or not valid.',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(
    message = 'We could not find what you asked for.',
    readonly code: string = 'not_found',
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly code: string = 'conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests. Please wait a little and try again.',
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** A dependency (database, mail) could not be reached. Shown to people as a generic 503. */
export class UnavailableError extends DomainError {
  readonly code = 'unavailable';
  constructor(message = 'The service is temporarily unavailable. Please try again soon.') {
    super(message);
    this.name = 'UnavailableError';
  }
}
