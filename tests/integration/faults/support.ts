import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { composeServices, sweep, type Services } from '../../../functions/src/compose.ts';
import type { AppConfig } from '../../../functions/src/config.ts';
import { campaignSchema, type Campaign } from '../../../functions/src/domain/campaign.ts';
import { createDeps, type AppDeps } from '../../../functions/src/deps.ts';
import { SITE_DIST } from '../../../functions/src/local/paths.ts';
import { MAIL_POOL } from '../../../functions/src/locks/index.ts';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import type { Mailer } from '../../../functions/src/platform/email/mailer.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';
import { buildConfig, buildErpoRecord } from '../../support/builders.ts';
import { faultInjector, type FaultInjector } from '../../support/fault-injection.ts';
import { ensureTable } from '../../../functions/src/platform/dynamo/table-setup.ts';
import { adminClient, freshTable, localEndpoints } from '../helpers.ts';
import { issuerAccess, lockCampaign, testClock } from '../lock-support.ts';

export type Item = Record<string, unknown>;

/** A fresh table on another DynamoDB Local than the shared one. */
async function tableOn(endpoint: string): Promise<string> {
  const name = `faults-${randomUUID().slice(0, 8)}`;
  const client = adminClient(endpoint);
  await ensureTable(client, name);
  client.destroy();
  return name;
}

/** A campaign with stock enough for every submission of a run, so allocations can be counted exactly. */
export function roomyCampaign(slug = 'faultton'): Campaign {
  const base = lockCampaign();
  return campaignSchema.parse({
    ...base,
    slug,
    name: 'Faultton Safe Storage (test)',
    pickupSites: base.pickupSites.map((site) => ({ ...site, initialStock: site.id === 'library' ? { cable: 500, box: 500 } : { cable: 500 } })),
    locks: { ...base.locks, mail: { ...base.locks.mail, initialStock: { cable: 500 } } },
  });
}

export interface FaultHarness {
  tableName: string;
  deps: AppDeps;
  services: Services;
  app: ReturnType<typeof createApp>;
  campaign: Campaign;
  clock: ReturnType<typeof testClock>;
  /** The fault injector on the app's own DynamoDB client (off until a test sets a plan). */
  faults: FaultInjector;
  /** One sweep run, as the sweep Lambda does it. */
  sweep(): ReturnType<typeof sweep>;
  /** Every item of the table, read by a client without faults. */
  scan(): Promise<Item[]>;
  items(entity: string): Promise<Item[]>;
}

/**
 * The real app over DynamoDB Local and the local SES, on a fresh table with a seeded campaign and
 * a red-flag record, with the fault injector on the app's DynamoDB client. Seeding is done before
 * any fault is switched on.
 */
export async function faultHarness(
  options: { config?: Partial<AppConfig>; campaign?: Campaign; seed?: number; mailer?: Mailer; dynamodbEndpoint?: string; logger?: Logger } = {},
): Promise<FaultHarness> {
  const endpoints = localEndpoints();
  const dynamodbEndpoint = options.dynamodbEndpoint ?? endpoints.dynamodbEndpoint;
  const tableName = options.dynamodbEndpoint ? await tableOn(options.dynamodbEndpoint) : await freshTable('faults');
  const clock = testClock();
  const faults = faultInjector(options.seed ?? 1);
  const config = buildConfig({ tableName, dynamodbEndpoint, sesEndpoint: endpoints.sesEndpoint, submissionsPerHour: 1_000_000, formMinFillSeconds: 0, ...options.config });
  const real = createDeps(config, {
    clock,
    logger: options.logger ?? new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }),
    shellsDir: `${SITE_DIST}/shells`,
    keyRing: staticKeyRing(randomBytes(32)),
    configureDynamo: (client) => faults.attach(client),
  });
  const deps: AppDeps = { ...real, ...(options.mailer ? { mailer: options.mailer } : {}), staffAccess: issuerAccess() };
  const services = composeServices(deps);
  const campaign = options.campaign ?? roomyCampaign();
  return finishHarness({ tableName, deps, services, campaign, clock, faults, dynamodbEndpoint });
}

/** Seeds the campaign and a red-flag record, and builds the harness around the parts. */
export async function finishHarness(parts: Pick<FaultHarness, 'tableName' | 'deps' | 'services' | 'campaign' | 'clock' | 'faults'> & { dynamodbEndpoint: string }): Promise<FaultHarness> {
  const { deps, services, campaign, tableName } = parts;
  await deps.campaigns.put(campaign);
  await deps.stock.seedInitial(campaign.slug, [
    ...campaign.pickupSites,
    ...(campaign.locks.mail.enabled ? [{ id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }] : []),
  ]);
  await deps.erpo.putAll([buildErpoRecord()]);
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: parts.dynamodbEndpoint });
  const scan = async () => {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  };
  return {
    ...parts,
    app: createApp(deps, services),
    sweep: () => sweep(services, deps.metrics),
    scan,
    items: async (entity) => (await scan()).filter((item) => item.entity === entity),
  };
}

/** A form token, as a JSON client gets one (`GET /api/form-token`: signing only, no table). */
export async function formToken(app: FaultHarness['app']): Promise<string> {
  const res = await app.request('/api/form-token');
  expect(res.status).toBe(200);
  return ((await res.json()) as { formToken: string }).formToken;
}

/**
 * A client that retries a submission until it gets an answer that is not 5xx, sending exactly the
 * same request each time (same body, same Idempotency-Key or form token). Every 5xx on the way must
 * be a 503 with Retry-After; `seen` collects them.
 */
export async function untilAnswered(send: () => Response | Promise<Response>, seen: { unavailable: number } = { unavailable: 0 }, tries = 60): Promise<Response> {
  for (let i = 0; i < tries; i += 1) {
    const res = await send();
    if (res.status < 500) return res;
    expect(res.status, 'a 5xx other than 503').toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await res.arrayBuffer();
    seen.unavailable += 1;
  }
  throw new Error(`no answer after ${tries} tries`);
}

export interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** Everything aws-ses-v2-local holds, by recipient, for the addresses given. */
export async function emailsByRecipient(addresses: Iterable<string>): Promise<Map<string, StoredEmail[]>> {
  const store = (await (await fetch(`${localEndpoints().sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
  const wanted = new Set(addresses);
  const out = new Map<string, StoredEmail[]>([...wanted].map((a) => [a, []]));
  for (const email of store.emails) for (const to of email.destination.to) if (wanted.has(to)) out.get(to)!.push(email);
  return out;
}

/** Runs async jobs with at most `limit` at a time. */
export async function inBatches<T, R>(list: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        results[i] = await run(list[i]!, i);
      }
    }),
  );
  return results;
}

/** Groups items by a key. */
export function countBy<T>(list: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of list) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
