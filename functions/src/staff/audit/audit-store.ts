import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../platform/clock.ts';
import { isExpired } from '../../platform/dynamo/query.ts';
import { withoutStorageAttributes, type Table } from '../../platform/dynamo/table.ts';
import { AUDIT_RETENTION_DAYS, type AuditLog, type AuditRecord } from './audit-log.ts';

/** A campaign's audit records: one partition, sorted by time (low volume: staff actions only). */
export const auditKeys = (campaign: string, at: string, id: string) => ({ pk: `AUDIT#${campaign}`, sk: `${at}#${id}` });

const ITEM_VERSION = 1;

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(campaign: string, cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // A cursor can only continue the same campaign's list.
    return key.pk === `AUDIT#${campaign}` && typeof key.sk === 'string' ? { pk: key.pk, sk: key.sk } : undefined;
  } catch {
    return undefined;
  }
}

export function dynamoAuditLog(table: Table, clock: Clock): AuditLog {
  const { doc, name: TableName } = table;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return {
    async write(entry) {
      const record: AuditRecord = { ...entry, id: randomUUID(), at: clock.now().toISOString() };
      await doc.send(
        new PutCommand({
          TableName,
          Item: { ...auditKeys(record.campaign, record.at, record.id), entity: 'audit', version: ITEM_VERSION, ...record, expiresAt: nowSeconds() + AUDIT_RETENTION_DAYS * 86_400 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },
    async finish(record, { rows, outcome }) {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: auditKeys(record.campaign, record.at, record.id),
          UpdateExpression: 'SET #rows = :rows, outcome = :outcome, finishedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#rows': 'rows' },
          ExpressionAttributeValues: { ':rows': rows, ':outcome': outcome, ':at': clock.now().toISOString() },
        }),
      );
    },
    async list(campaign, { limit, cursor }) {
      const records: AuditRecord[] = [];
      let start = decodeCursor(campaign, cursor);
      // Expired items are skipped, so a page may need another query to fill up.
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `AUDIT#${campaign}` },
            ScanIndexForward: false,
            Limit: limit - records.length,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          if (isExpired(item, nowSeconds())) continue;
          const { expiresAt: _ttl, ...record } = withoutStorageAttributes(item);
          records.push(record as unknown as AuditRecord);
        }
        start = page.LastEvaluatedKey;
      } while (start && records.length < limit);
      return { records, ...(start ? { next: encodeCursor(start) } : {}) };
    },
  };
}
