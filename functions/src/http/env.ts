import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestIdVariables } from 'hono/request-id';

/** Hono context variables available to every route. */
export interface AppEnv {
  Variables: RequestIdVariables & { logger: Logger };
}
