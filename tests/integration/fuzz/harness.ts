import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { composeServices, type Services } from '../../../functions/src/compose.ts';
import type { AppConfig } from '../../../functions/src/config.ts';
import { seedContent } from '../../../functions/src/content-seed.ts';
import { createDeps, type AppDeps } from '../../../functions/src/deps.ts';
import { SITE_DIST } from '../../../functions/src/local/paths.ts';
import { loadSeedContent } from '../../../functions/src/local/seed.ts';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import { formTokens } from '../../../functions/src/platform/abuse/form-token.ts';
import { systemClock } from '../../../functions/src/platform/clock.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';
import { linkToken } from '../../../functions/src/pledges/service/links.ts';
import type { PledgeRecord } from '../../../functions/src/pledges/rules/record.ts';
import { mintStaffToken } from '../../support/staff-sign-in.ts';
import { buildConfig } from '../../support/builders.ts';
import { freshTable, localEndpoints } from '../helpers.ts';
import { issuerAccess, lockCampaign } from '../lock-support.ts';

/**
 * The real app over DynamoDB Local for the fuzz tests: one fresh table per file, seeded with the
 * repository's content and three test campaigns (live, draft, ended), a real lock request and real
 * pledges (so status pages and email links can be hit with genuine secrets), and every DynamoDB
 * write the app makes recorded against the request that made it (AsyncLocalStorage), so a write
 * made while answering a rejected input is caught even when requests run concurrently.
 */

/** Keys (`pk|sk`) a request wrote, successfully. */
export interface RequestWrites {
  keys: string[];
}

const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

type AttrMap = Record<string, unknown>;
const attr = (v: unknown): string => {
  if (v && typeof v === 'object') {
    const o = v as { S?: string; N?: string };
    return String(o.S ?? o.N ?? JSON.stringify(v));
  }
  return String(v);
};
const keyOf = (k: AttrMap | undefined): string => (k ? `${attr(k.pk)}|${attr(k.sk)}` : '?');

/** The item keys a successful write command touched (low-level input: marshalled attribute maps). */
export function writtenKeys(command: string, input: Record<string, unknown>): string[] {
  switch (command) {
    case 'PutItemCommand':
      return [keyOf(input.Item as AttrMap)];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [keyOf(input.Key as AttrMap)];
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Record<string, { Item?: AttrMap; Key?: AttrMap }>[]).flatMap((t) =>
        t.Put ? [keyOf(t.Put.Item)] : t.Update ? [keyOf(t.Update.Key)] : t.Delete ? [keyOf(t.Delete.Key)] : [],
      );
    case 'BatchWriteItemCommand':
      return Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: AttrMap }; DeleteRequest?: { Key: AttrMap } }[]>)
        .flat()
        .map((r) => keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
    default:
      return [];
  }
}

/** Rate-limit counters count every attempt, rejected or not (docs/data-model.md): the one exception. */
export const isRateCounter = (key: string): boolean => key.startsWith('RATE#');

export interface FuzzHarness {
  deps: AppDeps;
  services: Services;
  app: ReturnType<typeof createApp>;
  config: AppConfig;
  /** Sends a request with its writes recorded. */
  send(path: string, init: RequestInit): Promise<{ response: Response; writes: string[] }>;
  /** Every item in the table, by `pk|sk`, as stable JSON. */
  snapshot(): Promise<Map<string, string>>;
  /** Keys written by requests that were accepted (status below 400), over the whole run. */
  acceptedKeys: Set<string>;
  /** Keys written so far by requests still being answered (concurrent tests): judged when they end. */
  pendingKeys(): Set<string>;
  /** A fresh form token, as `GET /api/form-token` hands one out. */
  formToken(): Promise<string>;
  fixtures: Fixtures;
  /** A staff access token for `groups`, minted fresh enough to be valid. */
  staffToken(groups: string[]): Promise<string>;
}

export interface Fixtures {
  live: string;
  draft: string;
  ended: string;
  request: { code: string; secret: string };
  /** Genuine link tokens, by scope (`_national`, the live campaign) and kind. */
  links: Record<string, Record<'confirm' | 'unsubscribe' | 'delete', string>>;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Set) return stableJson([...value].sort());
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export interface HarnessOptions {
  config?: Partial<AppConfig>;
  logger?: Logger;
  clock?: AppDeps['clock'];
  /** Adapters to use instead of the real ones (a metrics writer, a failing mailer). */
  overrides?: Partial<Pick<AppDeps, 'metrics' | 'mailer'>>;
}

export async function fuzzHarness(options: HarnessOptions = {}): Promise<FuzzHarness> {
  const { dynamodbEndpoint, sesEndpoint } = localEndpoints();
  const tableName = await freshTable('fuzz');
  const store = new AsyncLocalStorage<RequestWrites>();
  // Fuzzing goes past the rate limit on purpose (the guard has its own fuzz file with the real limit).
  const config = buildConfig({ tableName, dynamodbEndpoint, sesEndpoint, submissionsPerHour: Number.MAX_SAFE_INTEGER, formMinFillSeconds: 0, ...options.config });
  const real = createDeps(config, {
    clock: options.clock ?? systemClock,
    logger: options.logger ?? new Logger({ serviceName: 'lockline-fuzz', logLevel: 'SILENT' }),
    shellsDir: `${SITE_DIST}/shells`,
    keyRing: staticKeyRing(randomBytes(32)),
    configureDynamo: (client) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const out = await next(args);
          const writes = store.getStore();
          const command = (context as { commandName?: string }).commandName ?? '';
          if (writes && WRITE_COMMANDS.has(command)) writes.keys.push(...writtenKeys(command, args.input as Record<string, unknown>));
          return out;
        },
        { step: 'initialize', name: 'fuzzWriteRecorder' },
      );
    },
  });
  const deps: AppDeps = { ...real, staffAccess: issuerAccess(), ...options.overrides };
  const services = composeServices(deps);
  const app = createApp(deps, services);

  const content = loadSeedContent();
  const live = lockCampaign();
  await seedContent(deps, {
    campaigns: [
      ...content.campaigns,
      live,
      lockCampaign({ slug: 'draftton', name: 'Draftton (test)', city: 'Draftton', status: 'draft' }),
      lockCampaign({ slug: 'endedton', name: 'Endedton (test)', city: 'Endedton', status: 'ended' }),
    ],
    erpo: content.erpo,
  });

  const { doc } = createDynamoClients({ region: config.region, endpoint: dynamodbEndpoint });
  async function scanAll(): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  const formToken = () => services.guard.issueToken();
  // Fixtures are made with tokens old enough for any minimum fill time.
  const agedToken = () => formTokens(deps.keyRing, { now: () => new Date(deps.clock.now().getTime() - 70_000) }, config.formMinFillSeconds).issue();
  const issuer = inject('staffIssuer');
  const minted = new Map<string, { token: string; at: number }>();

  // A real request and real pledges, made through the app before any fuzzing.
  const made = await app.request(`/api/campaigns/${live.slug}/lock-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'form-token': await agedToken() },
    body: JSON.stringify({ name: 'Fixture Resident', email: 'fixture@example.test', delivery: 'pickup', siteId: 'library', lockType: 'cable', quantity: 1, language: 'en', consent: true }),
  });
  const statusUrl = ((await made.json()) as { statusUrl: string }).statusUrl;
  const [, code, secret] = /status\/([^/]+)\/([^/]+)\/$/.exec(statusUrl)!;
  const links: Fixtures['links'] = {};
  for (const [scope, path] of [
    ['_national', '/api/pledges'],
    [live.slug, `/api/campaigns/${live.slug}/pledges`],
  ] as const) {
    await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'form-token': await agedToken() },
      body: JSON.stringify({ name: 'Fixture Pledger', email: `fixture-${scope}@example.test`, zip: '97201', language: 'en' }),
    });
    const record = (await scanAll()).find((i) => i.entity === 'pledge' && i.scope === scope) as unknown as PledgeRecord;
    links[scope] = {
      confirm: await linkToken(deps.keyRing, record, 'confirm'),
      unsubscribe: await linkToken(deps.keyRing, record, 'unsubscribe'),
      delete: await linkToken(deps.keyRing, record, 'delete'),
    };
  }

  const acceptedKeys = new Set<string>();
  const inFlight = new Set<RequestWrites>();
  return {
    deps,
    services,
    app,
    config,
    acceptedKeys,
    pendingKeys: () => new Set([...inFlight].flatMap((w) => w.keys)),
    formToken,
    fixtures: { live: live.slug, draft: 'draftton', ended: 'endedton', request: { code: code!, secret: secret! }, links },
    async send(path, init) {
      const writes: RequestWrites = { keys: [] };
      inFlight.add(writes);
      try {
        const response = await store.run(writes, () => app.request(path, init));
        // Read the body inside the same context: a streamed answer (a CSV export) writes as it ends.
        const body = await store.run(writes, () => response.arrayBuffer());
        const copy = new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
        if (response.status < 400) for (const key of writes.keys) acceptedKeys.add(key);
        return { response: copy, writes: writes.keys };
      } finally {
        inFlight.delete(writes);
      }
    },
    async snapshot() {
      return new Map((await scanAll()).map((item) => [`${item.pk}|${item.sk}`, stableJson(item)]));
    },
    async staffToken(groups) {
      const id = groups.join(',');
      const cached = minted.get(id);
      // Tokens live 10 minutes; a long `npm run fuzz` mints new ones.
      if (cached && Date.now() - cached.at < 5 * 60_000) return cached.token;
      const token = await mintStaffToken(issuer, groups, { username: `fuzz-${groups.length}` });
      minted.set(id, { token, at: Date.now() });
      return token;
    },
  };
}

/**
 * What changed in the table between two snapshots that no accepted request explains: every item
 * added, removed or changed, except rate-limit counters and items an accepted request wrote.
 */
export function unexplainedChanges(before: Map<string, string>, after: Map<string, string>, ...explained: ReadonlySet<string>[]): string[] {
  const changed = new Set<string>();
  for (const [key, value] of after) if (before.get(key) !== value) changed.add(key);
  for (const key of before.keys()) if (!after.has(key)) changed.add(key);
  return [...changed].filter((key) => !isRateCounter(key) && !explained.some((set) => set.has(key))).sort();
}
