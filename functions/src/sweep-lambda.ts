import { composeServices, sweep } from './compose.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

/**
 * Runs on a schedule (EventBridge, every 5 minutes): each capability's housekeeping (lapsing pickup
 * reservations, serving waitlists) and every due message in the outbox. Logs counts only.
 */
const deps = createDeps(loadConfig());
const services = composeServices(deps);

export async function handler(): Promise<Awaited<ReturnType<typeof sweep>>> {
  const result = await sweep(services, deps.metrics);
  deps.logger.info('sweep done', { expired: result.expired, lapsed: result.lapsed, closed: result.closed, served: result.served, dead: result.dead, ...result.emails });
  return result;
}
