import { Logger } from '@aws-lambda-powertools/logger';
import { cachedCampaigns, campaignRepository, type CampaignRepository } from './campaigns/index.ts';
import { ConfigError, type AppConfig } from './config.ts';
import { lockRequestRepository, lockRequestRows, stockRepository, type LockRequestRepository, type LockRequestRows, type StockRepository } from './locks/index.ts';
import { dynamoIdempotencyStore, type IdempotencyStore } from './platform/abuse/idempotency-store.ts';
import { dynamoRateLimiter, type RateLimiter } from './platform/abuse/rate-limit-store.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createTable, type DynamoClientOptions } from './platform/dynamo/client.ts';
import type { Mailer } from './platform/email/mailer.ts';
import { sesMailer } from './platform/email/ses-mailer.ts';
import { dynamoSuppressionList, suppressingMailer, type SuppressionList } from './platform/email/suppressions.ts';
import { dynamoHealthProbe, type HealthProbe } from './platform/health/probe.ts';
import { cloudWatchMetrics, memoryMetrics, type Metrics } from './platform/metrics.ts';
import { dynamoOutboxStore, type OutboxStore } from './platform/outbox/outbox-store.ts';
import { fileShells, missingShells, type Shells } from './platform/pages/shells.ts';
import { fileKeyRing } from './platform/secrets/file-key-ring.ts';
import type { KeyRing } from './platform/secrets/key-ring.ts';
import { secretsManagerKeyRing } from './platform/secrets/secrets-manager-key-ring.ts';
import { pledgeExport, pledgeRepository, type PledgeStore } from './pledges/index.ts';
import { erpoRepository, type ErpoRepository } from './red-flag/index.ts';
import { denyAllStaff, dynamoAuditLog, signInStaffAccess, type AuditLog, type PledgeExportSource, type StaffAccess } from './staff/index.ts';

/**
 * Everything the app needs from the outside world, passed in so tests can swap any part: the
 * platform's adapters, then each capability's stores. A new capability adds its stores here and
 * in `createDeps`, and nothing else in this file.
 */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  keyRing: KeyRing;
  /** The closed origin's secret (AWS only): absent locally, where there is no CloudFront. */
  originSecret?: KeyRing;
  mailer: Mailer;
  shells: Shells;
  /** Staff sign-in (Cognito on AWS, the local issuer for `npm start`); deny-all where it is not configured. */
  staffAccess: StaffAccess;
  health: HealthProbe;
  metrics: Metrics;
  outboxStore: OutboxStore;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyStore;
  /** Addresses that bounced for good or complained; the mailer checks it before every send. */
  suppressions: SuppressionList;
  // Capabilities' stores
  campaigns: CampaignRepository;
  erpo: ErpoRepository;
  lockRequests: LockRequestRepository;
  stock: StockRepository;
  pledges: PledgeStore;
  lockRequestRows: LockRequestRows;
  auditLog: AuditLog;
  /** The pledge capability's export, for the staff console's outreach list. */
  pledgeExport?: PledgeExportSource;
}

export function createLogger(config: Pick<AppConfig, 'logLevel' | 'stage'>): Logger {
  return new Logger({ serviceName: 'lockline-api', logLevel: config.logLevel, environment: config.stage });
}

/** The signing key from where the configuration says: Secrets Manager on AWS, a file for `npm start`. */
export function configuredKeyRing(config: AppConfig): KeyRing {
  if (config.signingKeySecretArn) return secretsManagerKeyRing({ secretId: config.signingKeySecretArn, region: config.region });
  if (config.signingKeyFile) return fileKeyRing(config.signingKeyFile);
  throw new ConfigError(['SIGNING_KEY_SECRET_ARN']);
}

/** Real adapters for a config: the same code runs on AWS and locally; only endpoints differ. */
export interface DepsOptions {
  logger?: Logger;
  shellsDir?: string;
  keyRing?: KeyRing;
  clock?: Clock;
  /** Called once with the DynamoDB client, e.g. to add a middleware (benchmarks meter write units). */
  configureDynamo?: DynamoClientOptions['configure'];
}

export function createDeps(config: AppConfig, options: DepsOptions = {}): AppDeps {
  const clock = options.clock ?? systemClock;
  const table = createTable({ region: config.region, endpoint: config.dynamodbEndpoint, tableName: config.tableName, configure: options.configureDynamo });
  const outboxStore = dynamoOutboxStore(table, clock);
  const idempotency = dynamoIdempotencyStore(table, clock);
  const keyRing = options.keyRing ?? configuredKeyRing(config);
  const suppressions = dynamoSuppressionList(table, keyRing, clock);
  const pledges = pledgeRepository({ table, clock, outbox: outboxStore, idempotency });
  return {
    config,
    logger: options.logger ?? createLogger(config),
    clock,
    keyRing,
    ...(config.originSecretArn ? { originSecret: secretsManagerKeyRing({ secretId: config.originSecretArn, region: config.region }) } : {}),
    mailer: suppressingMailer(sesMailer({ region: config.region, endpoint: config.sesEndpoint, from: config.mailFrom, configurationSet: config.sesConfigurationSet }), suppressions),
    // Pages that need shells are only served where the shells were deployed (or built).
    shells: options.shellsDir ? fileShells(options.shellsDir) : missingShells,
    staffAccess: config.staffSignIn ? signInStaffAccess(config.staffSignIn) : denyAllStaff,
    health: dynamoHealthProbe(table.client, table.name),
    // Embedded metric format where CloudWatch reads it (the deployed stages); in memory elsewhere.
    metrics: config.stage === 'dev' || config.stage === 'prod' ? cloudWatchMetrics(config.stage) : memoryMetrics(),
    outboxStore,
    rateLimiter: dynamoRateLimiter(table, clock),
    idempotency,
    suppressions,
    campaigns: cachedCampaigns(campaignRepository(table, clock), clock),
    erpo: erpoRepository(table, clock),
    lockRequests: lockRequestRepository({ table, clock, outbox: outboxStore, idempotency }),
    stock: stockRepository(table, clock),
    pledges,
    lockRequestRows: lockRequestRows(table, clock),
    auditLog: dynamoAuditLog(table, clock),
    pledgeExport: pledgeExport({ pledges, keyRing, suppressions }),
  };
}
