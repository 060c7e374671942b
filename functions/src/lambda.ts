import { fileURLToPath } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

// Parsed once per cold start; a bad configuration fails the init, loudly, with variable names only.
// The site build's page shells are copied next to this file when the Lambda is bundled.
const config = loadConfig();
// A deployed API without its origin secret would be open to calls around CloudFront: refuse to start.
if ((config.stage === 'dev' || config.stage === 'prod') && !config.originSecretArn) throw new ConfigError(['ORIGIN_SECRET_ARN']);
const app = createApp(createDeps(config, { shellsDir: fileURLToPath(new URL('./shells/', import.meta.url)) }));

export const handler = handle(app);
