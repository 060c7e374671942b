import type { Logger } from '@aws-lambda-powertools/logger';
import type { CampaignReader } from '../../campaigns/index.ts';
import type { AppConfig } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Mailer } from '../../platform/email/mailer.ts';
import type { SuppressionList } from '../../platform/email/suppressions.ts';
import { outboxTopic, type Outbox } from '../../platform/outbox/outbox.ts';
import type { KeyRing } from '../../platform/secrets/key-ring.ts';
import type { PledgeStore } from '../ports.ts';
import { PLEDGE_MESSAGE_KINDS } from '../rules/record.ts';

/** What the pledge service runs on: its store, the campaigns it reads, and the platform. */
export interface PledgeServiceDeps {
  config: Pick<AppConfig, 'siteUrl'>;
  campaigns: CampaignReader;
  pledges: PledgeStore;
  suppressions: Pick<SuppressionList, 'suppressedKeys'>;
  outbox: Outbox;
  keyRing: KeyRing;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

/** The pledge capability's messages on the generic outbox: `ref` is `<scope>|<emailKey>`, nothing personal. */
export const PLEDGE_TOPIC = outboxTopic('pledge', PLEDGE_MESSAGE_KINDS);

export const pledgeRef = (scope: string, emailKey: string): string => `${scope}|${emailKey}`;

export function parsePledgeRef(ref: string): { scope: string; emailKey: string } | null {
  const [scope, emailKey, ...rest] = ref.split('|');
  return scope && emailKey && !rest.length ? { scope, emailKey } : null;
}
