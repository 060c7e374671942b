import { queryPages } from '../../platform/dynamo/query.ts';
import type { Table } from '../../platform/dynamo/table.ts';
import type { PledgeRange } from '../ports.ts';
import type { PledgeStatus } from '../rules/record.ts';
import { fromItem } from './item.ts';
import { pledgeListKey } from './keys.ts';

/** A date-only bound covers its whole day; `~` sorts after every character of a time and key. */
const upper = (to: string) => `${to}~`;

/**
 * One index shard of a scope's pledges in a status, page by page, oldest first: a Query on gsi1
 * (never a Scan) that follows pagination to the end and drops expired items. `outreachOnly`
 * filters on the server to those who consented to updates and never unsubscribed.
 */
export async function* pledgeListPages(
  table: Table,
  nowSeconds: number,
  q: { scope: string; status: PledgeStatus; shard: number; range: PledgeRange; outreachOnly: boolean },
  pageSize: number,
) {
  const values: Record<string, unknown> = { ':pk': pledgeListKey(q.scope, q.status, q.shard) };
  let range = '';
  if (q.range.from && q.range.to) {
    range = ' AND gsi1sk BETWEEN :from AND :to';
    Object.assign(values, { ':from': q.range.from, ':to': upper(q.range.to) });
  } else if (q.range.from) {
    range = ' AND gsi1sk >= :from';
    values[':from'] = q.range.from;
  } else if (q.range.to) {
    range = ' AND gsi1sk <= :to';
    values[':to'] = upper(q.range.to);
  }
  if (q.outreachOnly) values[':yes'] = true;
  const pages = queryPages(
    table.doc,
    {
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: `gsi1pk = :pk${range}`,
      ...(q.outreachOnly ? { FilterExpression: 'updates = :yes AND attribute_not_exists(unsubscribedAt)' } : {}),
      ExpressionAttributeValues: values,
    },
    nowSeconds,
    pageSize,
  );
  for await (const page of pages) yield page.map((item) => ({ sortKey: String(item.gsi1sk), record: fromItem(item) }));
}
