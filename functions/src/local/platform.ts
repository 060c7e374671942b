import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app.ts';
import { composeServices, sweep as sweepAll, type Services } from '../compose.ts';
import { loadConfig, type LocalSettings } from '../config.ts';
import { createDeps, type AppDeps } from '../deps.ts';
import { ensureTable } from '../platform/dynamo/table-setup.ts';
import { matchesAny } from '../platform/pages/registry.ts';
import { APP_PATTERNS } from '../request-time-pages.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { assertLocalEndpoint, assertPortFree, freePort } from './net.ts';
import { SITE_DIST } from './paths.ts';
import { seedContent } from '../content-seed.ts';
import { loadSeedContent } from './seed.ts';
import { startSesLocal } from './ses-local.ts';
import { sendAnnounced } from '../platform/outbox/stream.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';
import { createSiteApp } from './static-site.ts';
import { sampleStaff, startStaffIssuer } from './staff-issuer.ts';

export const LOCAL_TABLE_NAME = 'lockline-local';

export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`Cannot write to the data folder ${dir} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`);
    this.name = 'DataDirError';
  }
}

export interface PlatformOptions extends LocalSettings {
  /** Keep DynamoDB in memory instead of DATA_DIR (browser tests). */
  inMemory?: boolean;
  siteDist?: string;
  sweepIntervalMs?: number;
  /** Browser tests send many forms quickly from one address; `npm start` keeps the defaults. */
  formMinFillSeconds?: number;
  submissionsPerHour?: number;
}

export interface Platform {
  url: string;
  mailUrl: string;
  dynamodbEndpoint: string;
  dataDir?: string;
  deps: AppDeps;
  services: Services;
  /** Email delivery from the table's stream, as the stream Lambda does on AWS; `drain()` waits for it. */
  deliveries: Pick<StreamPoller, 'drain'>;
  /** How to sign in to the staff console on this run: the local issuer, sample usernames, their password. */
  staffSignIn: { issuerUrl: string; usernames: string[]; password: string };
  seeded: { campaigns: number; erpoStates: number; newStockPools: number };
  stop(): Promise<void>;
}

function assertWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, '.write-test');
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new DataDirError(dir, error);
  }
}

/**
 * Starts the whole platform on one machine with no AWS account: DynamoDB Local (data kept in
 * DATA_DIR), aws-ses-v2-local, the seeded table, and one HTTP server for the site and `/api/*`.
 * Everything started is stopped again if a later step fails.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const dataDir = options.inMemory || options.dynamodbEndpoint ? undefined : resolve(options.dataDir);
    if (dataDir) assertWritable(join(dataDir, 'dynamodb'));
    if (options.port !== 0) await assertPortFree(options.port, options.host, 'site and API');
    if (options.sesPort !== 0) await assertPortFree(options.sesPort, options.host, 'local email viewer');
    const site = createSiteApp(options.siteDist ?? SITE_DIST);

    let dynamodbEndpoint = options.dynamodbEndpoint;
    if (!dynamodbEndpoint) {
      const ddb = await startDynamoDbLocal({
        port: await freePort(),
        ...(dataDir ? { dbPath: join(dataDir, 'dynamodb') } : {}),
      });
      stops.push(ddb.stop);
      dynamodbEndpoint = ddb.endpoint;
    }
    assertLocalEndpoint(dynamodbEndpoint);
    const admin = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();

    const ses = await startSesLocal({ host: options.host, port: options.sesPort });
    stops.push(ses.stop);

    // Listen first so that PORT=0 gets a real port for SITE_URL; answer 503 until the app is ready.
    let handle: (request: Request) => Response | Promise<Response> = () =>
      new Response('Starting', { status: 503, headers: { 'Retry-After': '1' } });
    const server = await listen(options.host, options.port, (request) => handle(request));
    stops.push(() => closeServer(server));
    const siteUrl = `http://${options.host}:${(server.address() as AddressInfo).port}`;

    // Staff sign-in: a real local issuer with Cognito's paths and token shape (never on AWS).
    const issuer = await startStaffIssuer({ host: options.host, redirectBase: siteUrl, staff: sampleStaff('demo-city') });
    stops.push(issuer.stop);

    const config = loadConfig({
      STAGE: 'local',
      TABLE_NAME: LOCAL_TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      SES_ENDPOINT: ses.url,
      MAIL_FROM: 'no-reply@lockline.localhost',
      SITE_URL: siteUrl,
      LOG_LEVEL: options.logLevel,
      ...(options.formMinFillSeconds !== undefined ? { FORM_MIN_FILL_SECONDS: String(options.formMinFillSeconds) } : {}),
      ...(options.submissionsPerHour !== undefined ? { SUBMISSIONS_PER_HOUR: String(options.submissionsPerHour) } : {}),
      // The signing key lives beside the data (never in the table); in memory, in a throwaway folder.
      SIGNING_KEY_FILE: join(dataDir ?? mkdtempSync(join(tmpdir(), 'lockline-keys-')), 'signing-key.json'),
      STAFF_CLIENT_ID: issuer.clientId,
      STAFF_AUTH_URL: issuer.url,
      STAFF_ISSUER: issuer.url,
    });
    const deps: AppDeps = createDeps(config, { shellsDir: join(options.siteDist ?? SITE_DIST, 'shells') });
    const services = composeServices(deps);
    const api = createApp(deps, services);
    const seeded = await seedContent(deps, loadSeedContent());

    // What the stream Lambda does on AWS: send each queued email as soon as it is written.
    const deliveries = await startStreamPoller({
      endpoint: dynamodbEndpoint,
      tableName: LOCAL_TABLE_NAME,
      onRecord: sendAnnounced(services.outbox),
      onError: (errorName) => deps.logger.warn('email stream read failed', { errorName }),
    });
    stops.push(deliveries.stop);

    // What the scheduled sweep Lambda does on AWS: lapse reservations, send and retry emails.
    const sweep = setInterval(() => {
      sweepAll(services, deps.metrics).catch((error: unknown) => deps.logger.warn('sweep failed', { errorName: (error as Error).name }));
    }, options.sweepIntervalMs ?? 60_000);
    sweep.unref();
    stops.push(async () => clearInterval(sweep));

    // The same split CloudFront makes in production, from the same list of patterns: the API and
    // the request-time pages to the Lambda app, the rest to S3.
    handle = (request) => (routesToApp(new URL(request.url).pathname) ? api.fetch(request) : site.fetch(request));

    return {
      url: siteUrl,
      mailUrl: ses.url,
      dynamodbEndpoint,
      dataDir,
      deps,
      services,
      deliveries,
      seeded,
      staffSignIn: { issuerUrl: issuer.url, usernames: issuer.staff.map((s) => s.username), password: issuer.password },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What the local server sends to the app: exactly what CloudFront sends to the API origin. */
export const routesToApp = (pathname: string): boolean => pathname === '/api' || matchesAny(pathname, APP_PATTERNS);

function listen(host: string, port: number, fetch: (r: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port, hostname: host }, () => resolvePromise(server));
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolvePromise) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolvePromise());
  });
}
