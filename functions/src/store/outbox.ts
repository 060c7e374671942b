import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, OutboxEntry, OutboxRepository } from '../ports.ts';
import { outboxByStateKey, outboxKey } from './keys.ts';
import { queryAll } from './query.ts';

type Item = Record<string, unknown>;

const toEntry = (item: Item): OutboxEntry => ({
  id: String(item.id),
  kind: String(item.kind),
  campaign: String(item.campaign),
  code: String(item.code),
  attempts: Number(item.attempts ?? 0),
  createdAt: String(item.createdAt),
  ...(item.lastError ? { lastError: String(item.lastError) } : {}),
});

/**
 * Emails waiting to be sent. An entry is written in the same transaction as the change it reports,
 * so a crash or an SES failure cannot lose it; the sweep retries it and, after the last attempt,
 * moves it to `dead`, where staff see it. Entries carry no personal data, only the request's code.
 */
export function outboxRepository(doc: DynamoDBDocumentClient, tableName: string, clock: Clock): OutboxRepository {
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const byState = async (state: 'pending' | 'dead', upTo?: string) =>
    (
      await queryAll(
        doc,
        {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: upTo ? 'gsi1pk = :pk AND gsi1sk <= :upTo' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': outboxByStateKey(state).gsi1pk, ...(upTo ? { ':upTo': `${upTo}~` } : {}) },
        },
        nowSeconds(),
      )
    ).map(toEntry);

  return {
    due: () => byState('pending', clock.now().toISOString()),
    dead: () => byState('dead'),

    async sent(id) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: outboxKey(id) }));
    },

    async failed(entry, errorName, retryAt) {
      const state = retryAt ? 'pending' : 'dead';
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: outboxKey(entry.id),
          UpdateExpression: 'SET attempts = :attempts, lastError = :error, gsi1pk = :pk, gsi1sk = :sk, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':attempts': entry.attempts + 1,
            ':error': errorName,
            ':pk': outboxByStateKey(state).gsi1pk,
            ':sk': `${retryAt ?? clock.now().toISOString()}#${entry.id}`,
            ':at': clock.now().toISOString(),
          },
        }),
      );
    },

    async retry(id) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: outboxKey(id),
            UpdateExpression: 'SET gsi1pk = :pending, gsi1sk = :sk, attempts = :zero',
            ConditionExpression: 'gsi1pk = :dead',
            ExpressionAttributeValues: {
              ':pending': outboxByStateKey('pending').gsi1pk,
              ':dead': outboxByStateKey('dead').gsi1pk,
              ':sk': `${clock.now().toISOString()}#${id}`,
              ':zero': 0,
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
