import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, RateLimiter } from '../ports.ts';
import { ENTITY, rateKeys } from './keys.ts';

/**
 * Fixed-window counters, one item per hashed client and window, deleted by TTL soon after the
 * window ends. One atomic ADD per request: no read-modify-write race.
 */
export function rateLimiter(doc: DynamoDBDocumentClient, tableName: string, clock: Clock): RateLimiter {
  return {
    async hit(bucket, windowSeconds) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const windowStart = now - (now % windowSeconds);
      const out = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: rateKeys(bucket, windowStart),
          UpdateExpression: 'ADD hits :one SET entity = :entity, expiresAt = :expiresAt',
          ExpressionAttributeValues: { ':one': 1, ':entity': ENTITY.rate, ':expiresAt': windowStart + windowSeconds * 2 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { hits: Number(out.Attributes?.hits ?? 1), resetInSeconds: windowStart + windowSeconds - now };
    },
  };
}
