import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { AppConfig } from '../../functions/src/config.ts';
import { createDeps, type AppDeps } from '../../functions/src/deps.ts';
import { assertLocalEndpoint } from '../../functions/src/local/net.ts';
import { ensureTable } from '../../functions/src/platform/dynamo/table-setup.ts';
import { staticKeyRing } from '../../functions/src/platform/secrets/key-ring.ts';
import { startStreamPoller, type StreamPoller } from '../../functions/src/local/stream-poller.ts';
import type { Outbox } from '../../functions/src/platform/outbox/outbox.ts';
import { sendAnnounced } from '../../functions/src/platform/outbox/stream.ts';
import { buildConfig } from '../support/builders.ts';

export function localEndpoints() {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const sesEndpoint = inject('sesEndpoint');
  // Belt and braces: refuse to run against anything but loopback.
  assertLocalEndpoint(dynamodbEndpoint);
  assertLocalEndpoint(sesEndpoint);
  return { dynamodbEndpoint, sesEndpoint };
}

export function adminClient(endpoint = localEndpoints().dynamodbEndpoint) {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A fresh table per test file, created from the shared definition, so files never share state. */
export async function freshTable(prefix = 'it'): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const client = adminClient();
  await ensureTable(client, name);
  client.destroy();
  return name;
}

/**
 * The real adapters on a test table (DynamoDB Local, the local SES), with a random signing key and
 * a silent logger unless a test passes its own.
 */
export function tableDeps(tableName: string, options: { config?: Partial<AppConfig>; logger?: Logger } = {}): AppDeps {
  const { dynamodbEndpoint, sesEndpoint } = localEndpoints();
  return createDeps(buildConfig({ tableName, dynamodbEndpoint, sesEndpoint, ...options.config }), {
    keyRing: staticKeyRing(randomBytes(32)),
    logger: options.logger ?? new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }),
  });
}

const deliveries = new Set<StreamPoller>();

/**
 * Email delivery for a test table as on AWS and in `npm start`: the table's stream, read by the
 * local poller, sends each queued entry through this outbox. Stopped when the test file ends.
 */
export async function deliverFromStream(tableName: string, outbox: Pick<Outbox, 'send'>): Promise<StreamPoller> {
  const poller = await startStreamPoller({ endpoint: localEndpoints().dynamodbEndpoint, tableName, onRecord: sendAnnounced(outbox) });
  deliveries.add(poller);
  return poller;
}

/** Resolves once every email queued so far on this file's tables has been handed to its outbox. */
export async function emailsSettled(): Promise<void> {
  await Promise.all([...deliveries].map((poller) => poller.drain()));
}
