import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { fieldErrorsOf } from '../../domain/validation.ts';
import { isPlatformMessage, PLATFORM_MESSAGES } from './messages.ts';

/**
 * Parses input with a zod schema and turns failures into a ValidationError whose field names are
 * dotted paths (`address.zip`), the same names the HTML forms use. Messages are the platform's own
 * (platform/http/messages.ts), answered in the request's language; zod's defaults never pass,
 * since they can quote what was sent ("received 'Jane Doe'").
 */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    ...issue,
    message:
      issue.code === 'unrecognized_keys' ? PLATFORM_MESSAGES.unknown.en : isPlatformMessage(issue.message) ? issue.message : PLATFORM_MESSAGES.invalid.en,
  }));
  throw new ValidationError(fieldErrorsOf(issues));
}

/** Query parameters as an object; a repeated key is a client error, not a silent pick. */
export function queryObject(c: Context): Record<string, string> {
  const params = new URL(c.req.url).searchParams;
  // No prototype: `?__proto__=x` is an unknown parameter like any other, not a silent no-op.
  const out = Object.create(null) as Record<string, string>;
  for (const key of params.keys()) {
    const values = params.getAll(key);
    if (values.length > 1) throw new ValidationError({ [key]: [PLATFORM_MESSAGES.once.en] });
    out[key] = values[0]!;
  }
  return out;
}
