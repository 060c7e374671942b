import { fileURLToPath } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

// Parsed once per cold start; a bad configuration fails the init, loudly, with variable names only.
// The site build's page shells are copied next to this file when the Lambda is bundled.
const app = createApp(createDeps(loadConfig(), { shellsDir: fileURLToPath(new URL('./shells/', import.meta.url)) }));

export const handler = handle(app);
