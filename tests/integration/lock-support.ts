import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../functions/src/app.ts';
import { composeServices, sweep, type Services } from '../../functions/src/compose.ts';
import { campaignSchema, type Campaign } from '../../functions/src/domain/campaign.ts';
import { createDeps, type AppDeps } from '../../functions/src/deps.ts';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { MAIL_POOL } from '../../functions/src/locks/index.ts';
import { createDynamoClients, type DynamoClientOptions } from '../../functions/src/platform/dynamo/client.ts';
import type { Mailer } from '../../functions/src/platform/email/mailer.ts';
import { staticKeyRing } from '../../functions/src/platform/secrets/key-ring.ts';
import { signInStaffAccess } from '../../functions/src/staff/index.ts';
import { mintStaffToken } from '../support/staff-sign-in.ts';
import { inject } from 'vitest';
import { buildConfig } from '../support/builders.ts';
import { deliverFromStream, emailsSettled, freshTable, localEndpoints } from './helpers.ts';
import type { AppConfig } from '../../functions/src/config.ts';

/** Staff sign-in against the local issuer the integration setup started (the one `npm start` runs). */
export function issuerAccess() {
  const issuer = inject('staffIssuer');
  return signInStaffAccess({ clientId: issuer.clientId, authUrl: issuer.url, issuer: issuer.url });
}

/** An access token of a platform admin (every campaign), signed by the local issuer. */
export const STAFF_TOKEN = await mintStaffToken(inject('staffIssuer'), ['platform-admin'], { username: 'integration-admin' });

/** A synthetic campaign with two sites and mail, small stock, so tests can run it out. */
export function lockCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return campaignSchema.parse({
    slug: 'lockton',
    name: 'Lockton Safe Storage (test)',
    city: 'Lockton',
    state: 'OR',
    status: 'live',
    languages: ['en', 'es', 'vi'],
    contactEmail: 'team@lockton.example',
    pickupSites: [
      {
        id: 'library',
        name: { en: 'Lockton Library', es: 'Biblioteca de Lockton' },
        address: { line1: '1 Test Way', city: 'Portland', state: 'OR', zip: '97201' },
        hours: { en: 'Daily, 9 to 5', es: 'Todos los días, de 9 a 5' },
        lockTypes: ['cable', 'box'],
        noQuestionsAsked: true,
        initialStock: { cable: 5, box: 1 },
      },
      {
        id: 'clinic',
        name: { en: 'Lockton Clinic', es: 'Clínica de Lockton' },
        address: { line1: '2 Test Way', city: 'Portland', state: 'OR', zip: '97202' },
        hours: { en: 'Weekdays', es: 'Entre semana' },
        lockTypes: ['cable'],
        noQuestionsAsked: false,
        initialStock: { cable: 0 },
      },
    ],
    locks: { householdCap: 2, reservationDays: 7, requestPeriodDays: 90, retentionDays: 90, mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 10 } } },
    ...overrides,
  });
}

/** A clock tests can move. */
export function testClock(start = new Date()) {
  let now = start;
  return {
    now: () => now,
    advanceDays(days: number) {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    advanceMinutes(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

export interface LockHarness {
  tableName: string;
  deps: AppDeps;
  services: Services;
  app: ReturnType<typeof createApp>;
  service: Services['locks'];
  /** One run of the periodic sweep (every capability, then the outbox), as the sweep Lambda does it. */
  sweep(): ReturnType<typeof sweep>;
  clock: ReturnType<typeof testClock>;
  campaign: Campaign;
  /** Items of one entity type in the table, expired or not. */
  count(entity: string): Promise<number>;
  items(entity: string): Promise<Record<string, unknown>[]>;
}

/** Real DynamoDB Local and the local SES, a fresh table, a seeded campaign and the built page shells. */
export async function lockHarness(
  options: { config?: Partial<AppConfig>; mailer?: Mailer; campaign?: Campaign; logger?: Logger; configureDynamo?: DynamoClientOptions['configure'] } = {},
): Promise<LockHarness> {
  const { dynamodbEndpoint, sesEndpoint } = localEndpoints();
  const tableName = await freshTable('locks');
  const clock = testClock();
  const config = buildConfig({ tableName, dynamodbEndpoint, sesEndpoint, submissionsPerHour: 100_000, formMinFillSeconds: 0, ...options.config });
  const real = createDeps(config, {
    clock,
    logger: options.logger ?? new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }),
    shellsDir: `${SITE_DIST}/shells`,
    keyRing: staticKeyRing(randomBytes(32)),
    ...(options.configureDynamo ? { configureDynamo: options.configureDynamo } : {}),
  });
  const deps: AppDeps = { ...real, ...(options.mailer ? { mailer: options.mailer } : {}), staffAccess: issuerAccess() };
  const services = composeServices(deps);
  const campaign = options.campaign ?? lockCampaign();
  await deps.campaigns.put(campaign);
  await deps.stock.seedInitial(campaign.slug, [
    ...campaign.pickupSites,
    ...(campaign.locks.mail.enabled ? [{ id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }] : []),
  ]);
  const { doc } = createDynamoClients({ region: config.region, endpoint: dynamodbEndpoint });
  const items = async (entity: string) => {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'entity = :e',
          ExpressionAttributeValues: { ':e': entity },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  };
  await deliverFromStream(tableName, services.outbox);
  return {
    tableName,
    deps,
    services,
    app: createApp(deps, services),
    service: services.locks,
    sweep: () => sweep(services, deps.metrics),
    clock,
    campaign,
    items,
    count: async (entity) => (await items(entity)).length,
  };
}

let counter = 0;
/** A valid JSON mail request for a household of its own (unique email and address). */
export function mailRequest(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Test Resident ${counter}`,
    email: `resident-${counter}-${Date.now()}@example.test`,
    delivery: 'mail',
    address: { line1: `${100 + counter} Test Street`, city: 'Portland', state: 'OR', zip: '97201' },
    lockType: 'cable',
    quantity: 1,
    language: 'en',
    consent: true,
    ...overrides,
  };
}

export function pickupRequest(overrides: Record<string, unknown> = {}) {
  const { address: _address, ...rest } = mailRequest();
  return { ...rest, delivery: 'pickup', siteId: 'library', ...overrides };
}

/** A form token, as a JSON client gets one (`GET /api/form-token`). */
export async function formToken(app: LockHarness['app']): Promise<string> {
  return ((await (await app.request('/api/form-token')).json()) as { formToken: string }).formToken;
}

/**
 * A JSON submission as a well-behaved client sends it: with a fresh form token in `Form-Token`
 * (unless the test passes its own, or `form-token: ''` to send none).
 */
export async function postJson(app: LockHarness['app'], path: string, body: unknown, headers: Record<string, string> = {}) {
  const token = 'form-token' in headers ? headers['form-token'] : await formToken(app);
  const { 'form-token': _given, ...rest } = headers;
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'form-token': token } : {}), ...rest },
    body: JSON.stringify(body),
  });
}

export const staffHeaders = { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' };

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** Emails aws-ses-v2-local received for one address, once the stream has sent what is queued. */
export async function emailsTo(address: string): Promise<StoredEmail[]> {
  await emailsSettled();
  const { sesEndpoint } = localEndpoints();
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((e) => e.destination.to.includes(address));
}
