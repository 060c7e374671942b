import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { createDeps } from '../../../functions/src/deps.ts';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/src/platform/http/security-headers.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';
import { buildConfig } from '../../support/builders.ts';
import { freshTable, localEndpoints } from '../helpers.ts';
import { lockCampaign, mailRequest } from '../lock-support.ts';

/**
 * The closed origin (issue 13): on AWS only CloudFront may call the API. A request without the
 * origin secret is refused with 403 before anything else happens (no DynamoDB call at all), so a
 * direct call to the API Gateway endpoint cannot forge `CloudFront-Viewer-Address` to get a fresh
 * rate-limit bucket, or spend stock.
 */
async function closedApp() {
  const tableName = await freshTable('origin');
  const calls: string[] = [];
  const { dynamodbEndpoint, sesEndpoint } = localEndpoints();
  const deps = createDeps(buildConfig({ tableName, dynamodbEndpoint, sesEndpoint, clientIpHeader: 'cloudfront-viewer-address', formMinFillSeconds: 0, submissionsPerHour: 1 }), {
    keyRing: staticKeyRing(randomBytes(32)),
    logger: new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }),
    configureDynamo: (client: DynamoDBClient) =>
      client.middlewareStack.add((next, context) => (args) => (calls.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'countCalls' }),
  });
  const secret = 'origin-secret-value-for-tests-0123456789abcdef';
  const previous = 'previous-origin-secret-value-0123456789abcdef';
  await deps.campaigns.put(lockCampaign());
  const app = createApp({ ...deps, originSecret: staticKeyRing(Buffer.from(secret), Buffer.from(previous)) });
  calls.length = 0;
  return { app, calls, secret, previous, deps };
}

describe('the closed origin', () => {
  it('refuses a direct call with 403 before any table access, whatever the route', async () => {
    const { app, calls } = await closedApp();
    for (const [path, init] of [
      ['/api/health', {}],
      ['/api/campaigns', {}],
      ['/c/lockton/get-a-lock/request/', {}],
      ['/api/campaigns/lockton/lock-requests', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mailRequest()) }],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      const wrong = await app.request(path, { ...init, headers: { ...(init as { headers?: Record<string, string> }).headers, [ORIGIN_VERIFY_HEADER]: 'guessed-value' } });
      expect(wrong.status, path).toBe(403);
    }
    expect(calls).toEqual([]);
  });

  it('never trusts a viewer-sent CloudFront-Viewer-Address on a direct call: no fresh rate-limit bucket, nothing written', async () => {
    const { app, calls } = await closedApp();
    for (let i = 0; i < 5; i += 1) {
      const res = await app.request('/api/campaigns/lockton/lock-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `198.51.100.${i}:443` },
        body: JSON.stringify(mailRequest()),
      });
      expect(res.status).toBe(403);
    }
    expect(calls).toEqual([]);
  });

  it('lets CloudFront’s requests through with the current secret, and the previous one during a rotation', async () => {
    const { app, calls, secret, previous } = await closedApp();
    expect((await app.request('/api/health', { headers: { [ORIGIN_VERIFY_HEADER]: secret } })).status).toBe(200);
    expect((await app.request('/api/health', { headers: { [ORIGIN_VERIFY_HEADER]: previous } })).status).toBe(200);
    expect(calls).toContain('DescribeTableCommand');
  });
});
