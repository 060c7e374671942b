import type { AppDeps } from './deps.ts';
import { lockService } from './locks/index.ts';
import { formTokens } from './platform/abuse/form-token.ts';
import { submissionGuard } from './platform/abuse/submission-guard.ts';
import { pledgeService } from './pledges/index.ts';
import { createOutbox } from './platform/outbox/outbox.ts';

/**
 * The capabilities' services over the adapters, wired once for the API (app.ts), the sweep and the
 * local server: the platform's outbox and anti-abuse guard, then each capability, which registers
 * its outbox topics. A new capability adds one line here.
 */
export function composeServices(deps: AppDeps) {
  const { config } = deps;
  const outbox = createOutbox(deps.outboxStore, deps.clock, deps.logger, (result) => {
    if (result === 'sent') deps.metrics.count('EmailsSent');
    if (result === 'failed') deps.metrics.count('EmailsFailed');
  });
  const guard = submissionGuard({
    tokens: formTokens(deps.keyRing, deps.clock, config.formMinFillSeconds),
    rateLimiter: deps.rateLimiter,
    idempotency: deps.idempotency,
    keyRing: deps.keyRing,
    logger: deps.logger,
    allowedOrigins: [new URL(config.siteUrl).origin, ...config.allowedOrigins.map((o) => new URL(o).origin)],
    perWindow: config.submissionsPerHour,
    onRefused: () => deps.metrics.count('RefusedSubmissions'),
  });
  const locks = lockService({
    config,
    campaigns: deps.campaigns,
    requests: deps.lockRequests,
    stock: deps.stock,
    outbox,
    keyRing: deps.keyRing,
    mailer: deps.mailer,
    clock: deps.clock,
    logger: deps.logger,
  });
  const pledges = pledgeService({
    config,
    campaigns: deps.campaigns,
    pledges: deps.pledges,
    suppressions: deps.suppressions,
    outbox,
    keyRing: deps.keyRing,
    mailer: deps.mailer,
    clock: deps.clock,
    logger: deps.logger,
  });
  return { outbox, guard, locks, pledges };
}

export type Services = ReturnType<typeof composeServices>;

/**
 * The periodic sweep: each capability's housekeeping, then every due message of every topic, then
 * the number of messages kept for staff (the `DeadEmails` alarm reads it). Each part runs even when
 * one before it failed (a throttled table must not hold back the emails behind the housekeeping);
 * the run still fails afterwards, so the alarm fires and the next run starts again.
 */
export async function sweep(services: Services, metrics?: AppDeps['metrics']) {
  const failures: unknown[] = [];
  const part = async <T>(run: () => Promise<T>, otherwise: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      failures.push(error);
      return otherwise;
    }
  };
  const locks = await part(() => services.locks.sweep(), { expired: 0, lapsed: 0, closed: 0, served: 0 });
  const emails = await part(() => services.outbox.deliverDue(), { sent: 0, dropped: 0, failed: 0, skipped: 0 });
  const dead = await part(async () => (await services.outbox.dead()).length, null);
  if (dead !== null) metrics?.count('DeadEmails', dead);
  metrics?.flush();
  if (failures.length) throw failures[0];
  return { ...locks, emails, dead: dead ?? 0 };
}
