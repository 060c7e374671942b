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
import type { SiteLocale } from '../../domain/locales.ts';
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

/**
 * What an AWS SDK error (or a socket error under it) looks like when the dependency is busy or
 * briefly unreachable, so the person should simply try again: classified by error name, the SDK's
 * `$retryable` trait, the HTTP status and Node's network error codes, never by message text.
 */
const BUSY_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** A transaction cancelled for these reasons only can go through when sent again. */
const TRANSIENT_CANCEL_REASONS = new Set(['ThrottlingError', 'TransactionConflict', 'ProvisionedThroughputExceeded', 'None']);

interface SdkLikeError {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
  cause?: unknown;
}

/** Whether an error means "a dependency is busy or unreachable right now": answered 503 with Retry-After. */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (error instanceof UnavailableError) return true;
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as SdkLikeError;
  if (e.name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    return codes.some((code) => code !== 'None') && codes.every((code) => TRANSIENT_CANCEL_REASONS.has(code));
  }
  if (e.$retryable) return true;
  if (e.name && BUSY_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  return e.cause !== undefined && isDependencyUnavailable(e.cause, depth + 1);
}

/** How long a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The 503 message, in the request's language. A submission may or may not have been saved when
 * the answer was lost, so it says how to send again safely: the same key is saved only once.
 */
export const UNAVAILABLE_MESSAGES: Record<'read' | 'write', Record<SiteLocale, string>> = {
  read: {
    en: 'The service is busy or briefly unavailable. Please try again in a few seconds.',
    es: 'El servicio está ocupado o no está disponible por un momento. Inténtelo de nuevo en unos segundos.',
  },
  write: {
    en: 'The service is busy or briefly unavailable, and we cannot tell whether this was saved. Please send it again in a few seconds with the same Idempotency-Key or form token: it is saved only once.',
    es: 'El servicio está ocupado o no está disponible por un momento, y no sabemos si esto se guardó. Envíelo otra vez en unos segundos con la misma Idempotency-Key o el mismo token de formulario: se guarda una sola vez.',
  },
};

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
  if (isDependencyUnavailable(error)) return unavailableJson(error, c);
  if (error instanceof DomainError) {
    const status = statusOf(error);
    if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof RefusedError) {
      return errorJson(c, status, { code: error.code, message: REFUSAL_MESSAGES[error.reason][apiLocale(c)] });
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

/**
 * 503 with Retry-After: a dependency was busy or unreachable. Every write is one transaction, so
 * nothing was half written; the log line has the error's name only (a message can quote input).
 */
export function unavailableJson(error: Error, c: Context<AppEnv>) {
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  c.var.logger?.warn('dependency unavailable', { errorName: error.name });
  const kind = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'write';
  return errorJson(c, 503, { code: 'unavailable', message: UNAVAILABLE_MESSAGES[kind][apiLocale(c)], requestId: c.get('requestId') });
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
