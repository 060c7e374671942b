import type { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { readSesEvent } from './ses-events.ts';
import type { SuppressionList } from './suppressions.ts';

export interface SesEventsSummary {
  suppressed: number;
  ignored: number;
  unreadable: number;
}

/**
 * Handles a batch of SNS-delivered SES notifications: every permanently bounced or complaining
 * address goes on the suppression list. Logs counts and event types only, never an address. A
 * failed write throws, so Lambda retries the batch (suppressing twice is harmless).
 */
export function sesEventsHandler(deps: { suppressions: Pick<SuppressionList, 'suppress'>; logger: Logger }) {
  return async (event: SNSEvent): Promise<SesEventsSummary> => {
    const summary: SesEventsSummary = { suppressed: 0, ignored: 0, unreadable: 0 };
    for (const record of event.Records ?? []) {
      const outcome = readSesEvent(record.Sns?.Message ?? '');
      if (outcome.kind === 'unreadable') {
        summary.unreadable += 1;
        deps.logger.warn('unreadable SES notification');
        continue;
      }
      if (outcome.kind === 'ignored') {
        summary.ignored += 1;
        continue;
      }
      for (const s of outcome.suppressions) {
        await deps.suppressions.suppress(s.address, s.reason);
        summary.suppressed += 1;
      }
    }
    deps.logger.info('SES notifications handled', { ...summary });
    return summary;
  };
}
