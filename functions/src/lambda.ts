import { fileURLToPath } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { composeServices } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { createPublicApp } from './public-app.ts';
import { isStaffPath } from './staff/index.ts';

// Parsed once per cold start; a bad configuration fails the init, loudly, with variable names only.
// The site build's page shells are copied next to this file when the Lambda is bundled.
const config = loadConfig();
// A deployed API without its origin secret would be open to calls around CloudFront: refuse to start.
if ((config.stage === 'dev' || config.stage === 'prod') && !config.originSecretArn) throw new ConfigError(['ORIGIN_SECRET_ARN']);
const deps = createDeps(config, { shellsDir: fileURLToPath(new URL('./shells/', import.meta.url)) });
const services = composeServices(deps);

/** Residents' routes: parsed at every cold start. */
const residents = handle(createPublicApp(deps, services));
type Handler = typeof residents;

/**
 * The staff API and console: their own chunk of the bundle, loaded on the first staff request of
 * a warm function (decision 0020), on the same dependencies. A failed load is tried again next time.
 */
let staff: Promise<Handler> | undefined;
function staffHandler(): Promise<Handler> {
  if (!staff) {
    staff = import('./staff-app.ts').then(({ createStaffApp }) => handle(createStaffApp(deps, services)));
    staff.catch(() => (staff = undefined));
  }
  return staff;
}

export const handler: Handler = async (event, context) => {
  const path = 'rawPath' in event ? event.rawPath : event.path;
  return isStaffPath(path) ? (await staffHandler())(event, context) : residents(event, context);
};
