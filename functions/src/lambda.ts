import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

// Parsed once per cold start; a bad configuration fails the init, loudly, with variable names only.
const app = createApp(createDeps(loadConfig()));

export const handler = handle(app);
