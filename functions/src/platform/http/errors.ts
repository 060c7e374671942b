import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  RateLimitedError,
  REFUSAL_MESSAGES,
  RefusedError,
  UnavailableError,
  ValidationError,
  type FieldErrors,
} from '../../domain/errors.ts';
import type { AppEnv } from './env.ts';
import { apiLocale } from './locale.ts';
import { fieldsInLocale, inLocale } from './messages.ts';

/** The one JSON error shape every API error uses. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; requestId?: string };
}

function statusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof ValidationError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof RefusedError) return error.reason === 'cross_site' ? 403 : 400;
  if (error instanceof UnavailableError) return 503;
  return 500;
}

export function errorJson(c: Context<AppEnv>, status: ContentfulStatusCode, body: ErrorBody['error']) {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: body } satisfies ErrorBody, status);
}

/**
 * Maps every thrown error to HTTP, in one place. Messages are exposed only below 500; anything
 * unexpected is logged (name and stack, never the request body) and answered with a generic 500
 * that carries the request id so staff can find the log line.
 */
export function handleError(error: Error, c: Context<AppEnv>) {
  const requestId = c.get('requestId');
  if (error instanceof DomainError) {
    const status = statusOf(error);
    if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof RefusedError) {
      return errorJson(c, status, { code: error.code, message: REFUSAL_MESSAGES[error.reason][apiLocale(c)] });
    }
    if (status >= 500) {
      // Worth retrying soon: a dependency was busy or unreachable, nothing was half written.
      c.header('Retry-After', '5');
      c.var.logger.warn('dependency unavailable', { code: error.code });
      return errorJson(c, status, { code: error.code, message: error.message, requestId });
    }
    const locale = apiLocale(c);
    return errorJson(c, status, {
      code: error.code,
      message: inLocale(error.message, locale),
      ...(error instanceof ValidationError ? { fields: fieldsInLocale(error.fields, locale) } : {}),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return errorJson(c, status, { code: httpCode(status), message: error.message || httpMessage(status) });
  }
  c.var.logger.error('unhandled error', { errorName: error.name, frames: stackFrames(error) });
  return errorJson(c, 500, {
    code: 'internal_error',
    message: 'Something went wrong on our side. Please try again.',
    requestId,
  });
}

/**
 * Where an error was thrown, without what it says: only the `at ...` lines of its stack. The
 * message is dropped, all of it (a driver's message can quote input, and can run over several
 * lines), so a log line never carries a name, an address or a client address.
 */
export function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

export function handleNotFound(c: Context<AppEnv>) {
  return errorJson(c, 404, { code: 'not_found', message: 'There is no such API route.' });
}

function httpCode(status: number): string {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 405:
      return 'method_not_allowed';
    default:
      return 'bad_request';
  }
}

function httpMessage(status: number): string {
  return status === 413 ? 'The request is too large.' : 'The request could not be understood.';
}
