import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable, localEndpoints } from './helpers.ts';

/** An HTTP API (payload v2) event as API Gateway sends it behind CloudFront. */
function httpApiEvent(path: string): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.test', 'x-forwarded-proto': 'https' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}

describe('the Lambda handler module', () => {
  let handler: (event: LambdaEvent, context: LambdaContext) => Promise<unknown>;
  beforeAll(async () => {
    const tableName = await freshTable('lambda');
    // The handler parses its configuration from the environment once, at import (cold start).
    Object.assign(process.env, {
      STAGE: 'test',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: localEndpoints().dynamodbEndpoint,
      MAIL_FROM: 'no-reply@lockline.test',
      SITE_URL: 'https://lockline.test',
      LOG_LEVEL: 'SILENT',
      SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lockline-lambda-')), 'signing-key.json'),
    });
    ({ handler } = (await import('../../functions/src/lambda.ts')) as unknown as { handler: typeof handler });
  });

  it('answers a health check event from API Gateway with 200 and security headers', async () => {
    const result = (await handler(httpApiEvent('/api/health'), {} as LambdaContext)) as {
      statusCode: number;
      body: string;
      headers: Record<string, string>;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
    expect(result.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const result = (await handler(httpApiEvent('/api/missing'), {} as LambdaContext)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).error.code).toBe('not_found');
  });

  it('serves the staff surfaces from their own chunk, loaded on the first staff request (signed out: refused, never a 5xx)', async () => {
    const api = (await handler(httpApiEvent('/api/staff/me'), {} as LambdaContext)) as { statusCode: number; body: string };
    expect(api.statusCode).toBe(401);
    const page = (await handler(httpApiEvent('/staff/c/lockton/'), {} as LambdaContext)) as { statusCode: number; headers: Record<string, string> };
    expect([302, 303]).toContain(page.statusCode);
    expect(page.headers.location).toContain('/staff/');
    // And residents' routes still answer after it (a campaign that does not exist here).
    const resident = (await handler(httpApiEvent('/api/campaigns/staff-town'), {} as LambdaContext)) as { statusCode: number; body: string };
    expect(resident.statusCode).toBe(404);
    expect(JSON.parse(resident.body).error.code).toBe('not_found');
  });
});
