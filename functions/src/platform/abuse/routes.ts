import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { parseInput, queryObject } from '../http/validate.ts';
import type { SubmissionGuard } from './submission-guard.ts';

/**
 * `GET /api/form-token`: how a JSON client gets what an HTML form carries in its hidden field. The
 * token is usable after the minimum fill time and for 24 hours, once (it is also the submission's
 * idempotency key). See docs/decisions/0009-one-anti-abuse-path.md.
 */
export function formTokenRoutes(guard: SubmissionGuard, minFillSeconds: number) {
  return new Hono<AppEnv>().get('/', async (c) => {
    parseInput(z.object({}).strict(), queryObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json({ formToken: await guard.issueToken(), usableAfterSeconds: minFillSeconds, expiresInSeconds: 24 * 3600 });
  });
}
