/**
 * The pledge endpoint against the raw DynamoDB calls it makes, on the same embedded DynamoDB Local
 * and local SES (issue 10). Prints:
 *   - write capacity units per pledge (sign) and per confirmation, as DynamoDB reports them, by
 *     operation, with what the same writes cost on AWS;
 *   - the median (p50) and p95 of POST /api/campaigns/{slug}/pledges through the whole app
 *     in-process (anti-abuse guard, validation, one transaction that also queues the email, which
 *     the table's stream sends later) and of its own recorded DynamoDB calls replayed directly on a
 *     copy of the table, their ratio and the round trips per request.
 * Local figures: DynamoDB on AWS adds network time to each call, which raises both sides.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/src/app.ts';
import { composeServices } from '../functions/src/compose.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { contactKey } from '../functions/src/platform/email/suppressions.ts';
import { linkToken } from '../functions/src/pledges/service/links.ts';
import { rawLockRequestCalls } from './lock-request.ts';
import { section, table } from './markdown.ts';
import { withBenchPlatform } from './bench-platform.ts';
import { meteredRoute, meteredRoutes, meteredTable, routeTable, sumUnits, type MeteredRoute, type RouteFigures } from './round-trips.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const RAW_TABLE = 'bench-pledges-raw';

/**
 * The shape of a pledge's DynamoDB calls issued directly with made-up items, for the load bench:
 * the rate-limit update, the read of the address's pledge, then one transaction of the pledge, its
 * stored answer and its outbox entry.
 */
export function rawPledgeCalls(doc: DynamoDBDocumentClient, tableName: string): () => Promise<void> {
  const payload = JSON.stringify({ name: 'Bench Pledger', email: 'bench-raw@example.test', zip: '97201', language: 'en', updates: true });
  return rawLockRequestCalls(doc, tableName, () => payload, 3, 1);
}

type Units = { op: string; calls: number; wcu: number; rcu: number }[];

export interface PledgeFigures extends RouteFigures {
  runs: number;
  warmup: number;
  route: string;
  signUnits: Units;
  confirmUnits: Units;
  /** Items in the confirmation's transaction. */
  confirmItems: number;
  signItems: number;
  /** A first pledge against repeats from addresses that pledged before, interleaved request by request. */
  compared: MeteredRoute[];
}

/** The system clock, moved forward when the bench needs a day to pass (a repeat's email falls due). */
function movableClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advanceHours: (hours: number) => void (offset += hours * 3_600_000) };
}

export async function pledgeBench(): Promise<PledgeFigures> {
  const clock = movableClock();
  return withBenchPlatform('bench-pledges', async ({ tableName, client, deps, meter, recorder }) => {
    await deps.campaigns.put(campaignSchema.parse({ slug: 'benchville', name: 'Benchville (benchmark)', city: 'Benchville', state: 'OR', status: 'live', languages: ['en', 'es'], contactEmail: 'team@benchville.example' }));
    const services = composeServices(deps);
    const app = createApp(deps, services);

    let n = 0;
    const emails: string[] = [];
    /** A new address, or (repeat) the first run's i-th address again. */
    const body = (repeat: boolean, i: number) => {
      n += 1;
      const email = repeat ? emails[i % emails.length]! : `bench-pledge-${n}-${randomBytes(3).toString('hex')}@example.test`;
      if (!repeat) emails.push(email);
      return JSON.stringify({ name: `Bench Pledger ${n}`, email, zip: '97201', language: 'en', updates: true });
    };
    const endpoint = (repeat: boolean) => async (i: number) => {
      const { formToken } = (await (await app.request('/api/form-token')).json()) as { formToken: string };
      const payload = body(repeat, i);
      const t0 = performance.now();
      const res = await app.request('/api/campaigns/benchville/pledges', { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': formToken }, body: payload });
      const ms = performance.now() - t0;
      if (res.status !== 202) throw new Error(`pledge answered ${res.status}`);
      return ms;
    };

    // Each pledge through the app, then its own recorded DynamoDB calls replayed directly on a copy
    // of the table (interleaved, so both sides see the same shared machine).
    await ensureTable(client, RAW_TABLE);
    const options = { runs: RUNS, warmup: WARMUP, recorder, meter, client, fromTable: tableName, toTable: RAW_TABLE };
    const first = await meteredRoute('POST /api/campaigns/{slug}/pledges (JSON, first pledge)', endpoint(false), options);
    const signUnits = first.operations;
    const signItems = first.items;
    const signed = [...emails];

    // Confirmations of the pledges just signed, through the page's button (POST).
    const tokens = await Promise.all(
      signed.map(async (email) => {
        const record = await deps.pledges.get('benchville', await contactKey(deps.keyRing, email));
        return linkToken(deps.keyRing, record!, 'confirm');
      }),
    );
    meter.reset();
    for (const token of tokens) {
      const res = await app.request(`/c/benchville/pledge/confirm/${token}/`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
      if (res.status !== 303) throw new Error(`confirm answered ${res.status}`);
    }
    const confirmUnits = meter.perRequest(tokens.length);
    const confirmItems = meter.transactItems() / tokens.length;

    // A day later, interleaved: a new address; the i-th address signed above again (an "already
    // counted" email is due); the same address at once again (none is).
    clock.advanceHours(25);
    const compared = await meteredRoutes(
      [
        { route: 'a first pledge', send: endpoint(false) },
        { route: 'a repeat from a confirmed address, a day later (an email is due)', send: endpoint(true) },
        { route: 'the same address again at once (no email due)', send: endpoint(true) },
      ],
      options,
    );

    const { route: _route, wcu: _wcu, rcu: _rcu, items: _items, operations: _operations, ...signFigures } = first;
    return { runs: RUNS, warmup: WARMUP, route: first.route, ...signFigures, confirmUnits, signUnits, signItems, confirmItems, compared };
  }, { clock });
}

function unitsTable(list: Units): string {
  return table(
    ['operation', 'calls', 'WCU', 'RCU'],
    [...list.map((r) => [r.op.replace('Command', ''), r.calls.toFixed(2), r.wcu.toFixed(1), r.rcu.toFixed(1)]), ['total', '', sumUnits(list, 'wcu').toFixed(1), sumUnits(list, 'rcu').toFixed(1)]],
    ['l', 'r', 'r', 'r'],
  );
}

export function pledgeMarkdown(f: PledgeFigures): string {
  return section(
    'Pledge: latency against its own DynamoDB calls, round trips, write units',
    `POST /api/campaigns/{slug}/pledges through the whole app in-process (anti-abuse guard, validation, one transaction that also queues the email, which the table's stream sends later), each pledge followed by its own recorded DynamoDB calls replayed directly on a copy of the table, on the same DynamoDB Local (in memory); ${f.runs} runs each, interleaved, after ${f.warmup} warm-up. Goal: within 1.5x.`,
    routeTable([f]),
    `A first pledge against repeats from addresses that pledged before (no oracle: the same round trips, decision 0021), interleaved request by request so each sees the same moment of the machine; ${f.runs} of each after ${f.warmup} warm-up, with the capacity DynamoDB Local reports per request:`,
    meteredTable(f.compared),
    'Capacity units per pledge (a first sign), as DynamoDB Local reports them:',
    unitsTable(f.signUnits),
    'Capacity units per confirmation (the button on the emailed link), as DynamoDB Local reports them:',
    unitsTable(f.confirmUnits),
    `On AWS (items under 1 KB) a transactional write costs 2 WCU per item and each gsi1 write 1 more. Sign: ${f.signItems.toFixed(0)} items x 2 = ${(2 * f.signItems).toFixed(0)} + gsi1 (pledge, outbox) 2 + rate limit 1 = ${(2 * f.signItems + 3).toFixed(0)} WCU in the request; sending the email later adds the outbox claim, delete and its gsi1 delete (3). Confirm: ${f.confirmItems.toFixed(0)} items (the pledge, its counter shard, its day's counter shard) x 2 = ${(2 * f.confirmItems).toFixed(0)} + gsi1 move (delete + put) 2 + rate limit 1 = ${(2 * f.confirmItems + 3).toFixed(0)} WCU. DynamoDB Local counts index writes its own way (the tables above); plan with the AWS figures. What the pledge itself stores is one item and its index entry (3 WCU); the rest is the platform's stored answer, outbox and rate limit.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(pledgeMarkdown(await pledgeBench()));
