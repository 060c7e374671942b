import { createMiddleware } from 'hono/factory';
import { UnavailableError } from '../../domain/errors.ts';
import type { AppEnv } from './env.ts';

/**
 * The API function has 10 seconds; Lambda cutting a request off is a bare 5xx from API Gateway with
 * no Retry-After and no page. Past this deadline the app answers 503 itself (decision 0018). The
 * work still running is not undone: every write is one conditional transaction, so it lands whole
 * or not at all, and a client sending again with the same key gets the stored answer.
 */
export const REQUEST_DEADLINE_MS = 8000;

export function requestDeadline(ms: number = REQUEST_DEADLINE_MS) {
  return createMiddleware<AppEnv>(async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError('The request took too long.')), ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
}
