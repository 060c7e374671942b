import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { assertLocalEndpoint } from '../../functions/src/local/net.ts';
import { ensureTable } from '../../functions/src/store/table-setup.ts';

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
