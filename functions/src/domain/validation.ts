import type { ZodIssue } from 'zod';
import type { FieldErrors } from './errors.ts';

/**
 * zod issues as field errors keyed by dotted path (`address.zip`), the names the HTML forms use.
 * An unknown field is reported on that field, not on the object holding it. Input may name any
 * field, `__proto__` and `constructor` included, so the result has no prototype to collide with.
 */
export function fieldErrorsOf(issues: readonly ZodIssue[]): FieldErrors {
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  const add = (path: readonly (string | number)[], message: string) => {
    (fields[path.length ? path.join('.') : '_'] ??= []).push(message);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add([...issue.path, key], issue.message);
    else add(issue.path, issue.message);
  }
  return fields;
}
