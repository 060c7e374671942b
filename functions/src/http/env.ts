import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestIdVariables } from 'hono/request-id';
import type { StaffPrincipal } from './staff-access.ts';

/** Hono context variables available to every route. */
export interface AppEnv {
  Variables: RequestIdVariables & { logger: Logger; staff?: StaffPrincipal };
}
