import { fileURLToPath } from 'node:url';
import { streamHandle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

/**
 * The same app as lambda.ts, with Lambda response streaming (a function URL in RESPONSE_STREAM
 * mode behind its own CloudFront behaviour, `/api/staff/campaigns/*.csv`): a CSV export goes out
 * as it is read, past the 6 MB a buffered response may carry, with constant memory. See
 * docs/decisions/0017-staff-sign-in-and-exports.md.
 */
const app = createApp(createDeps(loadConfig(), { shellsDir: fileURLToPath(new URL('./shells/', import.meta.url)) }));

export const handler = streamHandle(app);
