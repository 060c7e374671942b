import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SecretStore } from '../ports.ts';
import { ENTITY, secretKeys } from './keys.ts';

/**
 * A random key made once per table and kept in it, for HMACs (form tokens, hashed client
 * addresses). It lives with the data it protects, so it adds no new place to guard or rotate; see
 * docs/decisions/0008. Cached for the life of the process.
 */
export function secretStore(doc: DynamoDBDocumentClient, tableName: string): SecretStore {
  let cached: Promise<Buffer> | undefined;
  async function load(): Promise<Buffer> {
    const key = secretKeys('signing');
    const read = async () =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item?.value as string | undefined;
    const existing = await read();
    if (existing) return Buffer.from(existing, 'base64');
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, entity: ENTITY.secret, value: randomBytes(32).toString('base64') },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return Buffer.from((await read())!, 'base64');
  }
  return {
    signingKey() {
      cached ??= load().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
  };
}
