import { fileURLToPath } from 'node:url';
import { streamHandle } from 'hono/aws-lambda';
import { composeServices } from './compose.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { createStaffApp } from './staff-app.ts';

/**
 * The staff routes of lambda.ts (all it is sent), with Lambda response streaming (a function URL
 * in RESPONSE_STREAM mode behind its own CloudFront behaviour, `/api/staff/campaigns/*.csv`): a
 * CSV export goes out as it is read, past the 6 MB a buffered response may carry, with constant
 * memory. See docs/decisions/0017-staff-sign-in-and-exports.md.
 */
const deps = createDeps(loadConfig(), { shellsDir: fileURLToPath(new URL('./shells/', import.meta.url)) });
const app = createStaffApp(deps, composeServices(deps));

export const handler = streamHandle(app);
