import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../clock.ts';
import type { Table } from '../dynamo/table.ts';

export interface RateLimiter {
  /** Counts one hit for the bucket in the current window. */
  hit(bucket: string, windowSeconds: number): Promise<{ hits: number; resetInSeconds: number }>;
}

const rateKeys = (bucket: string, windowStart: number) => ({ pk: `RATE#${bucket}`, sk: `W#${windowStart}` });

/**
 * Fixed-window counters, one item per hashed client bucket and window, deleted by TTL soon after
 * the window ends. One atomic ADD per request: no read-modify-write race.
 */
export function dynamoRateLimiter(table: Table, clock: Clock): RateLimiter {
  return {
    async hit(bucket, windowSeconds) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const windowStart = now - (now % windowSeconds);
      const out = await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: rateKeys(bucket, windowStart),
          UpdateExpression: 'ADD hits :one SET entity = :entity, expiresAt = :expiresAt',
          ExpressionAttributeValues: { ':one': 1, ':entity': 'rate', ':expiresAt': windowStart + windowSeconds * 2 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { hits: Number(out.Attributes?.hits ?? 1), resetInSeconds: windowStart + windowSeconds - now };
    },
  };
}
