import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { createDeps } from '../../../functions/src/deps.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../functions/src/local/dynamodb-local.ts';
import { freePort } from '../../../functions/src/local/net.ts';
import { SITE_DIST } from '../../../functions/src/local/paths.ts';
import { DYNAMO_LIMITS } from '../../../functions/src/platform/dynamo/client.ts';
import { DEADLINE_MARGIN_MS } from '../../../functions/src/platform/http/deadline.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';
import { buildConfig } from '../../support/builders.ts';
import { localEndpoints } from '../helpers.ts';
import { mailRequest, pickupRequest } from '../lock-support.ts';
import { pledgeBody } from '../pledges/support.ts';
import { countBy, emailsByRecipient, faultHarness, formToken, inBatches, type FaultHarness } from './support.ts';

/**
 * Issue 15: this file's own DynamoDB Local (shared database in a temporary folder, so the data
 * outlives the process) is killed (SIGKILL, as a crash) in the middle of a run of submissions and
 * started again on the same port. While it is down every answer is a 503 with Retry-After, at once;
 * clients that keep sending the same requests see each one stored exactly once when it is back,
 * and each confirmation email sent once. A table that accepts connections and never answers (a
 * hung endpoint) costs a request a bounded time, then a 503: the client timeout is what makes
 * that so (platform/dynamo/client.ts).
 */
let dataDir: string;
let port: number;
let ddb: DynamoDbLocal;
let h: FaultHarness;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lockline-faults-'));
  port = await freePort();
  ddb = await startDynamoDbLocal({ port, dbPath: dataDir });
  h = await faultHarness({ dynamodbEndpoint: ddb.endpoint });
}, 90_000);

afterAll(async () => {
  await ddb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Kills this file's DynamoDB Local (the java process listening on its port, and only it) as a crash would. */
function crash() {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const pids = lines
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `) && line.includes(dataDir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
  expect(pids).toHaveLength(1);
  process.kill(pids[0]!, 'SIGKILL');
}

interface Client {
  email: string;
  send(): Promise<Response>;
  expect: number;
  answer?: Response;
}

// The two run side by side: the second mostly waits on timers.
describe.concurrent('DynamoDB unreachable', () => {
  it('stopped mid-run: answers 503 with Retry-After at once while it is down, and stores each retried submission exactly once when it is back', async () => {
    const slug = h.campaign.slug;
    const clients: Client[] = [];
    for (let i = 0; i < 30; i += 1) {
      const token = await formToken(h.app);
      const headers = { 'content-type': 'application/json', 'form-token': token, 'idempotency-key': `stopped-${i}-${Date.now()}` };
      const [path, body, status] =
        i % 3 === 0
          ? [`/api/campaigns/${slug}/lock-requests`, mailRequest(), 201]
          : i % 3 === 1
            ? [`/api/campaigns/${slug}/lock-requests`, pickupRequest({ siteId: 'library' }), 201]
            : [`/api/campaigns/${slug}/pledges`, pledgeBody(), 202];
      clients.push({ email: String(body.email), expect: status, send: async () => h.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) }) });
    }

    let down = false;
    const whileDown: { status: number; retryAfter: string | null; ms: number }[] = [];
    const run = (client: Client) =>
      (async () => {
        for (let i = 0; i < 400; i += 1) {
          const started = Date.now();
          const res = await client.send();
          if (res.status < 500) return (client.answer = res);
          expect(res.status).toBe(503);
          expect(res.headers.get('retry-after')).toBe('5');
          if (down) whileDown.push({ status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`no answer for ${client.email}`);
      })();

    // A third of the clients get their answer; then the table dies under the rest.
    await inBatches(clients.slice(0, 10), 5, run);
    const first = clients.slice(10, 20).map(run);
    await new Promise((resolve) => setTimeout(resolve, 30));
    crash();
    down = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rest = clients.slice(20).map(run);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    ddb = await startDynamoDbLocal({ port, dbPath: dataDir });
    down = false;
    await Promise.all([...first, ...rest]);

    // While it was down: only 503s with Retry-After, each in well under a second (a refused
    // connection fails fast; the SDK gives up within its retry quota).
    expect(whileDown.length).toBeGreaterThan(10);
    expect(Math.max(...whileDown.map((d) => d.ms))).toBeLessThan(2000);
    for (const c of clients) expect(c.answer?.status, c.email).toBe(c.expect);

    // What was written before the crash survived it; every submission is there once.
    const items = await h.scan();
    const stored = countBy(
      items.filter((i) => i.entity === 'lock_request' || i.entity === 'pledge'),
      (i) => String(i.email),
    );
    for (const c of clients) expect(stored.get(c.email), c.email).toBe(1);
    h.clock.advanceMinutes(3);
    await h.sweep();
    expect((await h.items('outbox')).length).toBe(0);
    const mail = await emailsByRecipient(clients.map((c) => c.email));
    expect(clients.filter((c) => mail.get(c.email)!.length !== 1).map((c) => `${c.email}: ${mail.get(c.email)!.length}`)).toEqual([]);
  }, 120_000);

  it('answers 503 with Retry-After when the client gives up on an endpoint that never answers, and on Lambda before the function would time out: never hangs', async () => {
    const held = new Set<Socket>();
    const hung: Server = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port: hungPort } = hung.address() as { port: number };
    // The limits the client has on AWS (an emulator endpoint gets roomier ones).
    const aws = DYNAMO_LIMITS.aws;
    const deps = createDeps(buildConfig({ tableName: 'hung', dynamodbEndpoint: `http://127.0.0.1:${hungPort}`, sesEndpoint: localEndpoints().sesEndpoint, formMinFillSeconds: 0 }), {
      configureDynamo: (client) => {
        const handler = client.config.requestHandler as unknown as { updateHttpClientConfig(key: string, value: number): void };
        handler.updateHttpClientConfig('connectionTimeout', aws.connectionTimeoutMs);
        handler.updateHttpClientConfig('requestTimeout', aws.requestTimeoutMs);
      },
      logger: new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }),
      shellsDir: `${SITE_DIST}/shells`,
      keyRing: staticKeyRing(randomBytes(32)),
    });
    const app = createApp(deps);
    const token = await formToken(app);
    // What hono/aws-lambda passes: the function has 4 s left when the request starts.
    const lambda = { lambdaContext: { getRemainingTimeInMillis: () => 4000 } };
    const timed = async (send: () => Response | Promise<Response>) => {
      const started = Date.now();
      const res = await send();
      return { res, ms: Date.now() - started, text: await res.text() };
    };
    const post = { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': token }, body: JSON.stringify(mailRequest()) };
    const [local, onLambda, pageOnLambda] = await Promise.all([
      timed(() => app.request('/api/campaigns/faultton/lock-requests', post)),
      timed(() => app.request('/api/campaigns/faultton/lock-requests', post, lambda)),
      timed(() => app.request('/es/c/faultton/get-a-lock/', {}, lambda)),
    ]);
    for (const { res } of [local, onLambda, pageOnLambda]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    }
    // Without a function timeout, the client gives up after its three attempts.
    const sdkBound = aws.maxAttempts * aws.requestTimeoutMs;
    expect(local.ms).toBeGreaterThanOrEqual(sdkBound);
    expect(local.ms).toBeLessThan(sdkBound + 2000);
    expect(JSON.parse(local.text)).toMatchObject({ error: { code: 'unavailable' } });
    // On Lambda, the request deadline answers first, leaving the margin for the answer itself.
    for (const { ms } of [onLambda, pageOnLambda]) {
      expect(ms).toBeGreaterThanOrEqual(4000 - DEADLINE_MARGIN_MS - 50);
      expect(ms).toBeLessThan(4000 - DEADLINE_MARGIN_MS + 1000);
    }
    expect(pageOnLambda.text).toContain('No pudimos terminar esto ahora');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => hung.close(resolve));
  }, 40_000);
});
