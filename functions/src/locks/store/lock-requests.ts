import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LockType } from '../../domain/pickup-site.ts';
import type { IdempotencyStore } from '../../platform/abuse/idempotency-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isExpired, queryAll } from '../../platform/dynamo/query.ts';
import { withoutStorageAttributes, type Item, type Table, type TransactItem } from '../../platform/dynamo/table.ts';
import { transact } from '../../platform/dynamo/transact.ts';
import type { OutboxStore } from '../../platform/outbox/outbox-store.ts';
import type { CreateOutcome, ListPosition, LockRequestRepository, NewLockRequest, StatusChange } from '../ports.ts';
import { MAIL_POOL, type LockRequestRecord, type RequestStatus } from '../rules/lifecycle.ts';
import { heldClaims } from './household-claims.ts';
import { householdKeys, lockRequestKey, lockRequestKeys, lockRequestsByStatusKey, stockKeys } from './keys.ts';
import { markReminded } from './reminders.ts';

/** DynamoDB queries one page may make at most (a sparse pool filter otherwise reads on and on). */
const MAX_READS_PER_PAGE = 12;

/** The gsi1 key of a list position: gsi1sk is `<createdAt>#<code>` (keys.ts), the table key follows from the code. */
function startKeyOf(slug: string, status: RequestStatus, after: string) {
  const cut = after.lastIndexOf('#');
  return lockRequestKeys(slug, after.slice(cut + 1), status, after.slice(0, cut));
}

/** Bumped when the item's shape changes: 2 has no stored status secret and keyed household hashes. */
const ITEM_VERSION = 2;

function fromItem(item: Item): LockRequestRecord {
  // A version-1 item carried its status secret; links are derived now, so it is never read back.
  const { statusSecret: _legacy, ...record } = withoutStorageAttributes(item);
  return record as unknown as LockRequestRecord;
}

/**
 * One update of a pool's stock item: locks taken (negative, never below zero) or returned, and the
 * number of waitlisted requests for the lock type moved. A new allocation (`fairToQueue`) also
 * needs an empty waitlist, so nobody takes a lock ahead of the people already waiting for one.
 */
function stockUpdate(
  table: Table,
  slug: string,
  pool: string,
  lockType: LockType,
  move: { stock?: number; waiting?: number; fairToQueue?: boolean },
): TransactItem {
  const sets: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  const values: Record<string, number> = {};
  if (move.stock) {
    sets.push('stock.#t = stock.#t + :delta');
    values[':delta'] = move.stock;
    if (move.stock < 0) {
      conditions.push('stock.#t >= :need');
      values[':need'] = -move.stock;
    } else conditions.push('attribute_exists(stock.#t)');
  }
  if (move.waiting) {
    sets.push('#w = if_not_exists(#w, :zero) + :waiting');
    values[':waiting'] = move.waiting;
    values[':zero'] = 0;
  }
  if (move.fairToQueue) {
    conditions.push('(attribute_not_exists(#w) OR #w <= :none)');
    values[':none'] = 0;
  }
  return {
    Update: {
      TableName: table.name,
      Key: stockKeys(slug, pool),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: {
        ...(move.stock ? { '#t': lockType } : {}),
        ...(move.waiting || move.fairToQueue ? { '#w': `waiting_${lockType}` } : {}),
      },
      ExpressionAttributeValues: values,
    },
  };
}

export interface LockStoreDeps {
  table: Table;
  clock: Clock;
  /** Platform stores whose items join the request's transactions. */
  outbox: Pick<OutboxStore, 'putItem'>;
  idempotency: IdempotencyStore;
}

export function lockRequestRepository({ table, clock, outbox, idempotency }: LockStoreDeps): LockRequestRepository {
  const tableName = table.name;
  const doc = table.doc;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  return {
    async create(request: NewLockRequest): Promise<CreateOutcome> {
      const { record, allocate, pool, householdExpiresAt } = request;
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...lockRequestKeys(record.campaign, record.code, record.status, record.createdAt),
              entity: 'lock_request',
              version: ITEM_VERSION,
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      const idempotencyIndex = request.idempotency ? items.length : -1;
      const replayKey = request.idempotency;
      if (replayKey) items.push(idempotency.putItem(replayKey.scope, replayKey.keyHash, replayKey.answer));
      const householdStart = items.length;
      for (const hash of request.claims) {
        items.push({
          Put: {
            TableName: tableName,
            Item: {
              ...householdKeys(record.campaign, hash),
              entity: 'household',
              code: record.code,
              expiresAt: householdExpiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          },
        });
      }
      const householdEnd = items.length;
      const stockIndex = items.length;
      // Allocated: take the locks, if nobody is waiting for this kind. Waitlisted: join the count.
      items.push(
        stockUpdate(table, record.campaign, pool, record.lockType, allocate ? { stock: -record.quantity, fairToQueue: true } : { waiting: 1 }),
      );
      if (request.email) items.push(outbox.putItem(request.email));
      if (request.reminder) items.push(outbox.putItem(request.reminder));

      const failed = await transact(table, items);
      if (!failed) return { kind: 'created' };
      if (request.idempotency && failed[idempotencyIndex] === 'ConditionalCheckFailed') {
        const answer = await idempotency.get(request.idempotency.scope, request.idempotency.keyHash);
        return answer ? { kind: 'replay', answer } : { kind: 'retry' };
      }
      for (let i = householdStart; i < householdEnd; i += 1) {
        if (failed[i] !== 'ConditionalCheckFailed') continue;
        const key = request.claims[i - householdStart]!;
        const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: householdKeys(record.campaign, key), ConsistentRead: true }));
        if (Item && !isExpired(Item, nowSeconds())) return { kind: 'claimed', code: String(Item.code), key };
        return { kind: 'retry' };
      }
      if (stockIndex >= 0 && failed[stockIndex] === 'ConditionalCheckFailed') return { kind: 'out_of_stock' };
      // Only the request item is left: its code was taken. The caller draws a new one.
      return { kind: 'retry' };
    },

    async get(slug, code) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: lockRequestKey(slug, code), ConsistentRead: true }));
      if (!Item || isExpired(Item, nowSeconds())) return null;
      return fromItem(Item);
    },

    claimsOf: (slug, keys) => heldClaims(table, slug, keys, nowSeconds()),
    markReminded: (r) => markReminded(table, nowSeconds(), r),

    async change(change: StatusChange) {
      const { record, to, at } = change;
      const names: Record<string, string> = { '#status': 'status' };
      const values: Record<string, unknown> = {
        ':from': record.status,
        ':to': to,
        ':gsi1pk': lockRequestsByStatusKey(record.campaign, to).gsi1pk,
        ':at': at,
        ':history': [{ status: to, at }],
      };
      const sets = ['#status = :to', 'gsi1pk = :gsi1pk', 'updatedAt = :at'];
      if (to !== record.status) sets.push('history = list_append(history, :history)');
      else delete values[':history'];
      const removes: string[] = [];
      for (const [field, value] of Object.entries({
        holdUntil: change.holdUntil,
        cancelReason: change.cancelReason,
        expiresAt: change.expiresAt,
      })) {
        if (value === undefined) continue;
        if (value === null) {
          removes.push(field);
          continue;
        }
        sets.push(`${field} = :${field}`);
        values[`:${field}`] = value;
      }
      const items: TransactItem[] = [
        {
          Update: {
            TableName: tableName,
            Key: lockRequestKey(record.campaign, record.code),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#status = :from AND (attribute_not_exists(expiresAt) OR expiresAt > :nowSeconds)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values, ':nowSeconds': nowSeconds() },
          },
        },
      ];
      const stockIndex = change.stockDelta ? items.length : -1;
      if (change.stockDelta) {
        const { pool, quantity, waiting } = change.stockDelta;
        items.push(stockUpdate(table, record.campaign, pool, record.lockType, { stock: quantity, waiting }));
      }
      if (change.email) items.push(outbox.putItem(change.email));
      const failed = await transact(table, items);
      if (!failed) return 'changed';
      if (stockIndex >= 0 && failed[stockIndex] === 'ConditionalCheckFailed' && failed[0] !== 'ConditionalCheckFailed') {
        return 'out_of_stock';
      }
      return 'stale';
    },

    async releaseHousehold(record) {
      // Only claims that name this request are released (the condition below), so a request that
      // found its keys already claimed releases nothing of the earlier one's.
      for (const hash of record.householdKeys) {
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: householdKeys(record.campaign, hash),
              // Expire the claim now (TTL cleans up); only if it is still this request's.
              UpdateExpression: 'SET expiresAt = :now',
              ConditionExpression: 'code = :code',
              ExpressionAttributeValues: { ':now': nowSeconds(), ':code': record.code },
            }),
          );
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
    },

    async list(slug, status: RequestStatus) {
      const items = await queryAll(
        doc,
        {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': lockRequestsByStatusKey(slug, status).gsi1pk },
        },
        nowSeconds(),
      );
      return items.map(fromItem);
    },

    async page(slug, statuses, { limit, from, pool }) {
      const now = nowSeconds();
      const found: { record: LockRequestRecord; at: ListPosition }[] = [];
      // A pool: mail requests, or one pickup site's (applied by DynamoDB after Limit: pages may run short).
      const filter: { expression?: string; values: Record<string, string> } =
        pool === undefined ? { values: {} } : pool === MAIL_POOL ? { expression: 'delivery = :mail', values: { ':mail': 'mail' } } : { expression: 'siteId = :pool', values: { ':pool': pool } };
      let reads = 0;
      const first = from ? statuses.indexOf(from.status) : 0;
      if (first < 0) return { records: [], next: null };
      for (let i = first; i < statuses.length; i++) {
        const status = statuses[i]!;
        let after = i === first ? from?.after : undefined;
        for (;;) {
          // Out of reads: the page ends here, and the next one starts where this one stopped.
          if (reads === MAX_READS_PER_PAGE) return { records: found.map((f) => f.record), next: { status, ...(after ? { after } : {}) } };
          reads++;
          // One more than the page holds: when it comes, there is a next page and it starts after the last one shown.
          const result = await doc.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': lockRequestsByStatusKey(slug, status).gsi1pk, ...filter.values },
              ...(filter.expression ? { FilterExpression: filter.expression } : {}),
              Limit: limit + 1 - found.length,
              ...(after ? { ExclusiveStartKey: startKeyOf(slug, status, after) } : {}),
            }),
          );
          for (const item of result.Items ?? []) {
            if (!isExpired(item, now)) found.push({ record: fromItem(item), at: { status, after: String(item['gsi1sk']) } });
          }
          if (found.length > limit) return { records: found.slice(0, limit).map((f) => f.record), next: found[limit - 1]!.at };
          const last = result.LastEvaluatedKey?.['gsi1sk'];
          if (typeof last !== 'string') break;
          after = last;
        }
      }
      return { records: found.map((f) => f.record), next: null };
    },
  };
}
