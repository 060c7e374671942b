import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { fieldErrorsOf } from '../../domain/validation.ts';

/**
 * Parses input with a zod schema and turns failures into a ValidationError whose field names are
 * dotted paths (`address.zip`), the same names the HTML forms use.
 */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrorsOf(result.error.issues));
}

/** Query parameters as an object; a repeated key is a client error, not a silent pick. */
export function queryObject(c: Context): Record<string, string> {
  const params = new URL(c.req.url).searchParams;
  const out: Record<string, string> = {};
  for (const key of params.keys()) {
    const values = params.getAll(key);
    if (values.length > 1) throw new ValidationError({ [key]: ['Give this parameter once.'] });
    out[key] = values[0]!;
  }
  return out;
}
