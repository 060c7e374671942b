/**
 * The lock-request endpoint against the same DynamoDB calls issued directly, on the same embedded
 * DynamoDB Local (issue 15). Each request through the app in-process (anti-abuse guard,
 * validation, one transaction with allocation, household claims, stored answer and outbox entry;
 * the email is sent later, from the table's stream) is followed by its own recorded calls replayed
 * straight through a plain client on a copy of the table. Prints p50/p95 of both, their ratio, the
 * DynamoDB round trips per request and the write units DynamoDB reports.
 * Local figures: DynamoDB on AWS adds network time to each call, which raises both sides.
 */
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/src/app.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { MAIL_POOL } from '../functions/src/locks/index.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { section, table } from './markdown.ts';
import { withBenchPlatform } from './bench-platform.ts';
import { meteredRoute, meteredRoutes, meteredTable, routeTable, sumUnits, type MeteredRoute, type OperationUnits } from './round-trips.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const RAW_TABLE = 'bench-locks-raw';

/**
 * The shape of the DynamoDB calls a lock request makes, issued directly with made-up items, for the
 * load bench (which cannot record the calls of a server in another process): the rate-limit
 * update, then one transaction of `items` request-sized items. `lockRequestBench` measures the
 * route's own recorded calls instead; its report gives the real number of items per transaction.
 */
export function rawLockRequestCalls(doc: DynamoDBDocumentClient, tableName: string, payload: () => string, items = LOCK_TRANSACTION_ITEMS, reads = LOCK_KEYS_READ): () => Promise<void> {
  return async () => {
    await doc.send(new UpdateCommand({ TableName: tableName, Key: { pk: `RAW#rate#${randomUUID()}`, sk: 'RAW' }, UpdateExpression: 'ADD hits :one', ExpressionAttributeValues: { ':one': 1 } }));
    // The read before the write (decision 0021): the household's claims, or the address's pledge.
    const keys = Array.from({ length: reads }, () => ({ pk: `RAW#read#${randomUUID()}`, sk: 'RAW' }));
    await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
    const body = payload();
    await doc.send(
      new TransactWriteCommand({
        TransactItems: Array.from({ length: items }, () => ({
          Put: { TableName: tableName, Item: { pk: `RAW#${randomUUID()}`, sk: 'RAW', payload: body, createdAt: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' },
        })),
      }),
    );
  };
}

/** Items in a mail lock request's transaction (request, household claims, stock, stored answer, outbox), as lockRequestBench reports it. */
export const LOCK_TRANSACTION_ITEMS = 6;
/** Household keys a mail lock request reads before writing (its address and email). */
const LOCK_KEYS_READ = 2;

export interface LockRequestFigures {
  runs: number;
  warmup: number;
  routes: MeteredRoute[];
  /** A new household against households that asked before, interleaved request by request. */
  compared: MeteredRoute[];
  /** The plain request's p50 over its raw calls' p50. */
  ratio: number;
  perRequest: OperationUnits[];
  totalWcu: number;
  itemsPerTransaction: number;
}

interface Household {
  email: string;
  address: { line1: string; city: string; state: string; zip: string };
}

/**
 * Which household a request comes from: a new one, or the i-th of the first run's again, matched on
 * its address (another email), on its email (the earlier request's reminder is due), or on its
 * email a second time (reminded already today).
 */
type Kind = 'first' | 'address' | 'email' | 'email again';

export async function lockRequestBench(): Promise<LockRequestFigures> {
  return withBenchPlatform('bench-locks', async ({ tableName, client, deps, meter, recorder }) => {
    const campaign = campaignSchema.parse({
      slug: 'benchville',
      name: 'Benchville (benchmark)',
      city: 'Benchville',
      state: 'OR',
      status: 'live',
      languages: ['en', 'es'],
      contactEmail: 'team@benchville.example',
      locks: { mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 100_000 } } },
    });
    await deps.campaigns.put(campaign);
    await deps.stock.seedInitial(campaign.slug, [{ id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }]);
    const app = createApp(deps);

    let n = 0;
    const fresh = (): Household => {
      n += 1;
      return { email: `bench-${n}@example.test`, address: { line1: `${n} Bench Street`, city: 'Portland', state: 'OR', zip: '97201' } };
    };
    const firsts: Household[] = [];
    const household = (kind: Kind, i: number): Household => {
      if (kind === 'first') {
        const made = fresh();
        firsts.push(made);
        return made;
      }
      const earlier = firsts[i % firsts.length]!;
      return kind === 'address' ? { ...fresh(), address: earlier.address } : { ...fresh(), email: earlier.email };
    };
    const body = (h: Household) =>
      JSON.stringify({ name: `Bench Resident ${n}`, email: h.email, delivery: 'mail', address: h.address, lockType: 'cable', quantity: 1, language: 'en', consent: true });
    const send = (kind: Kind, idempotencyKey = false) => async (i: number) => {
      // A client fetches its form token first (GET /api/form-token); the timing is the submission's.
      const { formToken } = (await (await app.request('/api/form-token')).json()) as { formToken: string };
      const payload = body(household(kind, i));
      const t0 = performance.now();
      const res = await app.request('/api/campaigns/benchville/lock-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'form-token': formToken, ...(idempotencyKey ? { 'idempotency-key': randomUUID() } : {}) },
        body: payload,
      });
      const ms = performance.now() - t0;
      if (res.status !== 201) throw new Error(`lock request answered ${res.status}`);
      return ms;
    };

    await ensureTable(client, RAW_TABLE);
    const options = { runs: RUNS, warmup: WARMUP, recorder, meter, client, fromTable: tableName, toTable: RAW_TABLE };
    const first = await meteredRoute('POST /api/campaigns/{slug}/lock-requests (JSON, mail)', send('first'), options);
    const keyed = await meteredRoute('the same with an Idempotency-Key (one replay read more)', send('first', true), options);
    // The i-th request of each repeat comes from the first run's i-th household.
    const compared = await meteredRoutes(
      [
        { route: 'a new household', send: send('first') },
        { route: 'a repeat: the same address, another email', send: send('address') },
        { route: 'a repeat: the same email (the earlier request is reminded)', send: send('email') },
        { route: 'a repeat: the same email again (reminded already today)', send: send('email again') },
      ],
      options,
    );

    return {
      runs: RUNS,
      warmup: WARMUP,
      routes: [first, keyed],
      compared,
      ratio: first.ratio,
      perRequest: first.operations,
      totalWcu: first.wcu,
      itemsPerTransaction: first.items,
    };
  });
}

export function lockRequestMarkdown(f: LockRequestFigures): string {
  return section(
    'Lock request: latency against its own DynamoDB calls, round trips, write units',
    `POST /api/campaigns/{slug}/lock-requests through the whole app in-process (anti-abuse guard, validation, one transaction with allocation, household claims, stored answer and outbox entry; the email goes later, from the table's stream), each request followed by its own recorded DynamoDB calls replayed directly on a copy of the table, on the same DynamoDB Local (in memory); ${f.runs} runs each, interleaved, after ${f.warmup} warm-up. Goal: within 1.5x.`,
    routeTable(f.routes),
    'Capacity units per request (a new household) as DynamoDB Local reports them:',
    table(
      ['operation', 'calls per request', 'WCU per request', 'RCU per request'],
      [...f.perRequest.map((r) => [r.op.replace('Command', ''), r.calls.toFixed(2), r.wcu.toFixed(1), r.rcu.toFixed(1)]), ['total', '', f.totalWcu.toFixed(1), sumUnits(f.perRequest, 'rcu').toFixed(1)]],
      ['l', 'r', 'r', 'r'],
    ),
    `A new household against households that asked before (no oracle: the same round trips, decision 0021), interleaved request by request so each sees the same moment of the machine; ${f.runs} of each after ${f.warmup} warm-up, with the capacity DynamoDB Local reports per request:`,
    meteredTable(f.compared),
    `Items per transaction: ${f.itemsPerTransaction.toFixed(1)}. DynamoDB Local counts 1 WCU per item; on AWS a transactional write costs 2 WCU per item (up to 1 KB) and each gsi1 write 1 more, so expect about ${(2 * f.itemsPerTransaction + 2 + 1).toFixed(0)} WCU per request there (the transaction, its 2 gsi1 writes, the rate-limit update); sending the email later (the stream consumer) adds the outbox claim and delete.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(lockRequestMarkdown(await lockRequestBench()));
