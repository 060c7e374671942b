import type { Logger } from '@aws-lambda-powertools/logger';
import type { CampaignReader } from '../../campaigns/index.ts';
import type { AppConfig } from '../../config.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Outbox } from '../../platform/outbox/outbox.ts';
import { outboxTopic } from '../../platform/outbox/outbox.ts';
import { hmacWith, matchesKeyedHash, type KeyRing } from '../../platform/secrets/key-ring.ts';
import type { LockRequestRepository, StockRepository } from '../ports.ts';
import { STATUS_SECRET_LENGTH, statusSecretInput } from '../rules/codes.ts';
import { LOCK_EMAIL_KINDS, type LockRequestRecord } from '../rules/lifecycle.ts';
import { lockPaths } from '../rules/paths.ts';

/** What the lock service runs on: its own stores, the campaigns it reads, and the platform. */
export interface LockServiceDeps {
  config: Pick<AppConfig, 'siteUrl'>;
  campaigns: CampaignReader;
  requests: LockRequestRepository;
  stock: StockRepository;
  outbox: Outbox;
  keyRing: KeyRing;
  clock: Clock;
  logger: Logger;
}

/** The lock capability's messages on the generic outbox: `ref` is the request's confirmation code. */
export const LOCK_TOPIC = outboxTopic('lock-request', LOCK_EMAIL_KINDS);

/** The private status link's secret: derived from the request with the signing key, never stored. */
export async function statusSecret(keyRing: KeyRing, campaign: string, code: string): Promise<string> {
  return hmacWith((await keyRing.keys()).current, 'status', statusSecretInput(campaign, code)).slice(0, STATUS_SECRET_LENGTH);
}

/** True when `secret` opens this request's status page (current or previous key, constant time). */
export const opensStatus = (keyRing: KeyRing, campaign: string, code: string, secret: string): Promise<boolean> =>
  matchesKeyedHash(keyRing, 'status', statusSecretInput(campaign, code), secret, STATUS_SECRET_LENGTH);

/** The status page path of a request, in a language (its own by default: the one its emails use). */
export async function statusPath(
  keyRing: KeyRing,
  record: Pick<LockRequestRecord, 'campaign' | 'code' | 'language'>,
  locale: SiteLocale = record.language === 'es' ? 'es' : 'en',
): Promise<string> {
  return lockPaths(record.campaign, locale).status(record.code, await statusSecret(keyRing, record.campaign, record.code));
}
