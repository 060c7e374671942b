import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../platform/dynamo/table.ts';
import { writeIf } from '../../platform/dynamo/write-if.ts';
import type { LockRequestRecord } from '../rules/lifecycle.ts';
import { lockRequestKey } from './keys.ts';

/**
 * Marks a request reminded by one outbox entry (`by`), before that entry sends the reminder: only
 * while the request is live and in the status it was read in, and only if no other reminder went
 * after `remindedBefore` (a day ago), unless this entry wrote the mark itself (a retry after a
 * failed send). So repeats that arrive together send one reminder a day between them.
 */
export async function markReminded(
  table: Table,
  nowSeconds: number,
  r: { record: LockRequestRecord; by: string; at: string; remindedBefore: string },
): Promise<boolean> {
  return writeIf(
    table,
    new UpdateCommand({
      TableName: table.name,
      Key: lockRequestKey(r.record.campaign, r.record.code),
      UpdateExpression: 'SET remindedAt = :at, remindedBy = :by',
      ConditionExpression:
        'attribute_exists(pk) AND #status = :status AND (attribute_not_exists(expiresAt) OR expiresAt > :now) AND ' +
        '(attribute_not_exists(remindedAt) OR remindedAt <= :before OR remindedBy = :by)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': r.at, ':by': r.by, ':status': r.record.status, ':now': nowSeconds, ':before': r.remindedBefore },
    }),
  );
}
