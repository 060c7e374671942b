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

/** Why the anti-abuse path refused a submission (docs/decisions/0009). */
export type Refusal = 'cross_site' | 'trap' | 'too_fast' | 'token_missing' | 'token_invalid';

/**
 * A submission refused before it was looked at: sent from another site, a filled trap field, or a
 * form token that is missing, forged, stale or used too soon. Nothing was written.
 */
export class RefusedError extends DomainError {
  readonly code: string;
  constructor(readonly reason: Refusal) {
    super(REFUSAL_MESSAGES[reason].en);
    this.name = 'RefusedError';
    this.code = REFUSAL_CODES[reason];
  }
}

const REFUSAL_CODES: Record<Refusal, string> = {
  cross_site: 'cross_site',
  trap: 'submission_refused',
  too_fast: 'too_fast',
  token_missing: 'form_token_required',
  token_invalid: 'form_token_invalid',
};

/** Shown to the person (or the JSON client) in their language: what to do next, never which trap caught them. */
export const REFUSAL_MESSAGES: Record<Refusal, { en: string; es: string }> = {
  cross_site: {
    en: 'This form can only be sent from our own site. Open the form on our site and send it again.',
    es: 'Este formulario solo se puede enviar desde nuestro sitio. Abra el formulario en nuestro sitio y envíelo otra vez.',
  },
  trap: {
    en: 'Please check your details and send the form again.',
    es: 'Revise sus datos y envíe el formulario otra vez.',
  },
  too_fast: {
    en: 'That was sent very quickly. Wait a few seconds and send it again.',
    es: 'Se envió muy rápido. Espere unos segundos y envíelo otra vez.',
  },
  token_missing: {
    en: 'Get a form token from GET /api/form-token and send it in the Form-Token header.',
    es: 'Pida un token de formulario con GET /api/form-token y envíelo en el encabezado Form-Token.',
  },
  token_invalid: {
    en: 'The form token is not valid or has expired. Get a new one and send again.',
    es: 'El token del formulario no es válido o ya venció. Pida uno nuevo y envíe otra vez.',
  },
};
