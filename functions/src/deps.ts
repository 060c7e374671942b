import { Logger } from '@aws-lambda-powertools/logger';
import type { AppConfig } from './config.ts';
import { sesMailer } from './email/sender.ts';
import { denyAllStaff, type StaffAccess } from './http/staff-access.ts';
import { fileShells, type Shells } from './pages/shells.ts';
import { systemClock, type Clock, type Mailer, type Store } from './ports.ts';
import { createDynamoStore } from './store/index.ts';

/** Everything the app needs from the outside world, passed in so tests can swap any part. */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  store: Store;
  mailer: Mailer;
  clock: Clock;
  shells: Shells;
  /** Deny-all everywhere until staff sign-in lands; `npm start` swaps in a printed local token. */
  staffAccess: StaffAccess;
}

export function createLogger(config: Pick<AppConfig, 'logLevel' | 'stage'>): Logger {
  return new Logger({ serviceName: 'lockline-api', logLevel: config.logLevel, environment: config.stage });
}

/** Real adapters for a config: the same code runs on AWS and locally; only endpoints differ. */
export function createDeps(config: AppConfig, logger: Logger = createLogger(config), shellsDir?: string): AppDeps {
  const clock = systemClock;
  const store = createDynamoStore({
    region: config.region,
    endpoint: config.dynamodbEndpoint,
    tableName: config.tableName,
    clock,
  });
  const mailer = sesMailer({
    region: config.region,
    endpoint: config.sesEndpoint,
    from: config.mailFrom,
    configurationSet: config.sesConfigurationSet,
  });
  // Pages that need shells are only served where the shells were deployed (or built).
  const shells: Shells = shellsDir
    ? fileShells(shellsDir)
    : {
        render() {
          throw new Error('No page shells configured: build the site and pass the shells folder.');
        },
      };
  return { config, logger, store, mailer, clock, shells, staffAccess: denyAllStaff };
}
