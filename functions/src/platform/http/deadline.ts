import { createMiddleware } from 'hono/factory';
import { UnavailableError } from '../../domain/errors.ts';
import type { AppEnv } from './env.ts';

/**
 * Time kept back from the Lambda's own timeout: enough to answer, log and flush the metrics.
 * Lambda cutting a request off is a bare 5xx from API Gateway, with no Retry-After and no page.
 */
export const DEADLINE_MARGIN_MS = 1500;

/** The Lambda context `hono/aws-lambda` passes as `c.env.lambdaContext`. */
interface LambdaBindings {
  lambdaContext?: { getRemainingTimeInMillis?: () => number };
}

/**
 * On Lambda, a request still running shortly before the function's timeout (10 s for the API) is
 * answered 503 with Retry-After by the app itself (decision 0019). The work still running is not
 * undone: every write is one conditional transaction, so it lands whole or not at all, and a
 * client sending again with the same key gets the stored answer. Elsewhere (`npm start`, tests)
 * there is no function timeout to beat, and the DynamoDB client's own timeouts bound each call.
 */
export function requestDeadline(marginMs: number = DEADLINE_MARGIN_MS) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const remaining = (c.env as LambdaBindings | undefined)?.lambdaContext?.getRemainingTimeInMillis?.();
    if (remaining === undefined) return next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError('The request took too long.')), Math.max(0, remaining - marginMs));
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
}
