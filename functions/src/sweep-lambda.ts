import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { lockService } from './services/lock-requests.ts';

/**
 * Runs on a schedule (EventBridge, every 5 minutes): lapses pickup reservations past their date
 * (returning the stock and serving the waitlist) and sends or retries due emails. Logs counts only.
 */
const deps = createDeps(loadConfig());
const service = lockService(deps);

export async function handler(): Promise<Awaited<ReturnType<typeof service.sweep>>> {
  const result = await service.sweep();
  deps.logger.info('sweep done', { lapsed: result.lapsed, closed: result.closed, served: result.served, ...result.emails });
  return result;
}
