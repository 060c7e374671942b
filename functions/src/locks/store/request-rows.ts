import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../platform/clock.ts';
import { isExpired } from '../../platform/dynamo/query.ts';
import { withoutStorageAttributes, type Table } from '../../platform/dynamo/table.ts';
import { REQUEST_STATUSES, type LockRequestRecord, type RequestStatus } from '../rules/lifecycle.ts';
import { lockRequestsByStatusKey } from './keys.ts';

export interface RequestRowsFilter {
  /** One status, or every status (one query each, in `REQUEST_STATUSES` order). */
  status?: RequestStatus;
  /** ISO timestamps, inclusive: requests made in this range. */
  from?: string;
  to?: string;
  /** Only the fields counts need (no name, contact or address): the console's charts. */
  countsOnly?: boolean;
  /** Items per DynamoDB page (tests use small pages to prove pagination). */
  pageSize?: number;
}

/** A counts-only row: what the charts read. */
export type RequestCountRow = Pick<LockRequestRecord, 'status' | 'delivery' | 'siteId' | 'lockType' | 'quantity' | 'createdAt'>;

/**
 * A campaign's lock requests one DynamoDB page at a time, to the last page, skipping expired
 * items: the exports stream these with constant memory. Arrival order within each status.
 */
export interface LockRequestRows {
  rows(slug: string, filter: RequestRowsFilter & { countsOnly?: false }): AsyncIterable<LockRequestRecord>;
  rows(slug: string, filter: RequestRowsFilter & { countsOnly: true }): AsyncIterable<RequestCountRow>;
}

const COUNT_FIELDS = ['status', 'delivery', 'siteId', 'lockType', 'quantity', 'createdAt', 'expiresAt'];

export function lockRequestRows(table: Table, clock: Clock): LockRequestRows {
  async function* rows(slug: string, filter: RequestRowsFilter) {
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    for (const status of filter.status ? [filter.status] : REQUEST_STATUSES) {
      const range = filter.from || filter.to;
      const values: Record<string, string> = { ':pk': lockRequestsByStatusKey(slug, status).gsi1pk };
      if (range) {
        // gsi1sk is `<createdAt>#<code>`: '~' sorts after every code, so `to` is inclusive.
        values[':from'] = filter.from ?? '0';
        values[':to'] = `${filter.to ?? '9999'}~`;
      }
      const names = filter.countsOnly ? Object.fromEntries(COUNT_FIELDS.map((f, i) => [`#f${i}`, f])) : undefined;
      const pages = paginateQuery(
        { client: table.doc, ...(filter.pageSize ? { pageSize: filter.pageSize } : {}) },
        {
          TableName: table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: `gsi1pk = :pk${range ? ' AND gsi1sk BETWEEN :from AND :to' : ''}`,
          ExpressionAttributeValues: values,
          ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          if (isExpired(item, nowSeconds)) continue;
          const { statusSecret: _legacy, expiresAt: _ttl, ...record } = withoutStorageAttributes(item);
          yield record as unknown as LockRequestRecord;
        }
      }
    }
  }
  return { rows } as LockRequestRows;
}
