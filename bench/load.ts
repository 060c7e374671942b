/**
 * Load on the main public routes with autocannon, against the local platform started as `npm start`
 * starts it (bench/load-server.ts: its own DynamoDB Local, free ports, a child process of its own):
 * a built page, the lock finder near a ZIP, the red-flag lookup, a lock request and a pledge (JSON,
 * each with its own form token). Each route gets a short warm-up, then ROUTE_SECONDS at CONNECTIONS
 * concurrent connections. Reported per route: requests per second, p50 and p99, errors and non-2xx
 * answers, and the p50 as a ratio to the route's own DynamoDB calls issued directly against the same
 * DynamoDB Local at the same concurrency (the raw calls of bench/lock-request.ts and bench/pledge.ts).
 *
 * Every request comes from 127.0.0.1, so the server runs with 100,000 submissions per address per
 * hour (the same setting bench/lock-request.ts uses); the anti-abuse path still runs in full.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { POOL_PREFIX, stockPartition } from '../functions/src/locks/store/keys.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { REPO_ROOT } from '../infra/lib/paths.ts';
import { percentile } from './capacity-meter.ts';
import { rawLockRequestCalls } from './lock-request.ts';
import { int, ms, ratio, section, table } from './markdown.ts';
import { rawPledgeCalls } from './pledge.ts';

const ROUTE_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const RAW_SECONDS = Math.max(3, Math.round(ROUTE_SECONDS / 2));
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 10);
const BENCH_CAMPAIGN = 'benchville';
/** The demo campaign the local platform seeds: its pickup sites are in Washington. */
const FINDER_CAMPAIGN = 'demo-city';
const FINDER_ZIP = '98101';

interface Server {
  url: string;
  dynamodbEndpoint: string;
  table: string;
  child: ChildProcess;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'load-server.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the load server exited (${code}) before it listened`)));
  });
  return { ...(JSON.parse(line) as Omit<Server, 'child'>), child };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.stdin!.end();
  });
}

/** Form tokens fetched the way a JSON client fetches them, ahead of the run: one per submission. */
async function formTokens(url: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  const worker = async () => {
    while (tokens.length < count) {
      const res = await fetch(`${url}/api/form-token`);
      tokens.push(((await res.json()) as { formToken: string }).formToken);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tokens.slice(0, count);
}

type Request = autocannon.Request;

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** A submission's JSON body, the n-th of the run (each one a different person). */
  body?: (n: number) => Record<string, unknown>;
  /** The DynamoDB calls the route makes, issued directly; absent where it makes none. */
  raw?: { describe: string; call: (doc: DynamoDBDocumentClient, table: string) => () => Promise<void> };
  /** Submissions: how many form tokens the run may use at most. */
  tokens?: number;
}

export interface RouteLoad {
  route: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  raw?: { describe: string; p50: number; p99: number; callsPerSecond: number };
  /** p50 of the route over p50 of its raw DynamoDB calls, same concurrency. */
  ratio?: number;
}

export interface LoadFigures {
  connections: number;
  routeSeconds: number;
  routes: RouteLoad[];
}

function routes(): Route[] {
  return [
    { name: 'GET / (built page)', method: 'GET', path: '/' },
    {
      name: `GET /c/{slug}/get-a-lock/?zip= (finder page)`,
      method: 'GET',
      path: `/c/${FINDER_CAMPAIGN}/get-a-lock/?zip=${FINDER_ZIP}`,
      raw: {
        // The campaign is read once a minute per warm server (campaigns/cache.ts): the stock is the per-request read.
        describe: 'Query (stock; the campaign comes from the warm cache)',
        call: (doc, table) => async () => {
          await doc.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': stockPartition(FINDER_CAMPAIGN), ':prefix': POOL_PREFIX },
            }),
          );
        },
      },
    },
    { name: 'GET /api/erpo/lookup?zip= (red-flag lookup)', method: 'GET', path: '/api/erpo/lookup?zip=97201' },
    {
      name: 'POST /api/campaigns/{slug}/lock-requests (JSON)',
      method: 'POST',
      path: `/api/campaigns/${BENCH_CAMPAIGN}/lock-requests`,
      body: lockBody,
      tokens: 6000,
      raw: { describe: 'UpdateItem, BatchGetItem of 2 keys, TransactWriteItems of 6 items (bench/lock-request.ts)', call: (doc, table) => rawLockRequestCalls(doc, table, () => JSON.stringify(lockBody(0))) },
    },
    {
      name: 'POST /api/campaigns/{slug}/pledges (JSON)',
      method: 'POST',
      path: `/api/campaigns/${BENCH_CAMPAIGN}/pledges`,
      body: pledgeBody,
      tokens: 6000,
      raw: { describe: 'UpdateItem, a read of 1 key, TransactWriteItems of 3 items (bench/pledge.ts)', call: (doc, table) => rawPledgeCalls(doc, table) },
    },
  ];
}

const lockBody = (n: number) => ({
  name: `Load Resident ${n}`,
  email: `load-${n}@example.test`,
  delivery: 'mail',
  address: { line1: `${n} Load Street`, city: 'Portland', state: 'OR', zip: '97201' },
  lockType: 'cable',
  quantity: 1,
  language: 'en',
  consent: true,
});
const pledgeBody = (n: number) => ({ name: `Load Pledger ${n}`, email: `load-pledge-${n}@example.test`, zip: '97201', language: 'en', updates: true });

/** The route's requests for one run: a submission takes the next token and a body of its own. */
function requestsFor(route: Route, tokens: string[], counter: { n: number }): Request[] {
  const { body } = route;
  if (!body) return [{ method: route.method, path: route.path }];
  return [
    {
      method: route.method,
      path: route.path,
      setupRequest: (req) => {
        const n = counter.n++;
        return { ...req, headers: { 'content-type': 'application/json', 'form-token': tokens[n] ?? 'exhausted' }, body: JSON.stringify(body(n)) };
      },
    },
  ];
}

async function run(url: string, requests: Request[], seconds: number, maxRequests?: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, requests, ...(maxRequests ? { maxOverallRequests: maxRequests } : {}) });
}

/** The raw calls in a closed loop at the same concurrency as the route's run. */
async function rawLoad(call: () => Promise<void>, seconds: number) {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), callsPerSecond: latencies.length / seconds };
}

export async function loadBench(): Promise<LoadFigures> {
  const server = await startServer();
  const { doc, client } = createDynamoClients({ region: 'us-east-1', endpoint: server.dynamodbEndpoint });
  try {
    const results: RouteLoad[] = [];
    // BENCH_LOAD_ROUTES=lock,pledge runs only the routes whose name contains one of the words.
    const only = process.env.BENCH_LOAD_ROUTES?.split(',').filter(Boolean);
    for (const route of routes().filter((r) => !only || only.some((word) => r.name.includes(word)))) {
      const counter = { n: 0 };
      const tokens = route.tokens ? await formTokens(server.url, route.tokens) : [];
      // Warm-up: the same requests, not counted (and its tokens not reused).
      await run(server.url, requestsFor(route, tokens, counter), WARMUP_SECONDS, route.tokens ? Math.floor(route.tokens / 4) : undefined);
      // A few requests may be in flight past the cap: keep one per connection in hand.
      const result = await run(server.url, requestsFor(route, tokens, counter), ROUTE_SECONDS, route.tokens ? route.tokens - counter.n - CONNECTIONS : undefined);
      if (route.tokens && counter.n > tokens.length) throw new Error(`${route.name}: ran out of form tokens; raise Route.tokens`);
      const raw = route.raw ? { describe: route.raw.describe, ...(await rawLoad(route.raw.call(doc, server.table), RAW_SECONDS)) } : undefined;
      const seconds = result.duration;
      results.push({
        route: route.name,
        seconds,
        requests: result.requests.total,
        requestsPerSecond: result.requests.total / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        ...(raw ? { raw, ratio: result.latency.p50 / raw.p50 } : {}),
      });
    }
    return { connections: CONNECTIONS, routeSeconds: ROUTE_SECONDS, routes: results };
  } finally {
    doc.destroy();
    client.destroy();
    await stopServer(server);
  }
}

export function loadMarkdown(f: LoadFigures): string {
  return section(
    'Load (autocannon)',
    `autocannon 9 against the local platform started as \`npm start\` starts it (its own DynamoDB Local in memory, local SES, one server on a free port, in a child process), ` +
      `${f.connections} connections, ${f.routeSeconds} s per route after a short warm-up. Every request comes from 127.0.0.1, so the server allows 100,000 submissions per address per hour; ` +
      'each submission carries its own form token, fetched beforehand as a JSON client fetches it. "Raw" is the DynamoDB calls the route makes, issued directly against the same DynamoDB Local at the same concurrency.',
    table(
      ['route', 'requests/s', 'p50', 'p99', 'errors', 'non-2xx', 'raw DynamoDB calls', 'raw p50', 'p50 ratio'],
      f.routes.map((r) => [
        r.route,
        int(r.requestsPerSecond),
        ms(r.p50, 0),
        ms(r.p99, 0),
        r.errors,
        r.non2xx,
        r.raw?.describe ?? 'none (a file, or a cached answer)',
        r.raw ? ms(r.raw.p50, 1) : '',
        r.ratio === undefined ? '' : ratio(r.ratio),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r'],
    ),
    'autocannon reports latency in whole milliseconds. The red-flag lookup reads the dataset once per 5 minutes and keeps it in memory, so it makes no DynamoDB call per request.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(loadMarkdown(await loadBench()));
