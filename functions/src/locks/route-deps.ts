import type { CampaignReader } from '../campaigns/index.ts';
import type { AppConfig } from '../config.ts';
import type { SubmissionGuard } from '../platform/abuse/submission-guard.ts';
import type { Shells } from '../platform/pages/shells.ts';
import type { KeyRing } from '../platform/secrets/key-ring.ts';
import type { StockRepository } from './ports.ts';
import type { LockService } from './service/lock-service.ts';

/** What the lock capability's routes (API, pages, staff) are built from. */
export interface LockRouteDeps {
  config: Pick<AppConfig, 'siteUrl' | 'clientIpHeader'>;
  service: LockService;
  guard: SubmissionGuard;
  campaigns: CampaignReader;
  stock: StockRepository;
  shells: Shells;
  keyRing: KeyRing;
}
