import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../domain/errors.ts';
import type { LockRequestRecord, RequestStatus } from '../domain/lock-lifecycle.ts';
import type { LockType } from '../domain/pickup-site.ts';
import type { Clock, CreateOutcome, LockRequestRepository, NewLockRequest, StatusChange, StoredResponse } from '../ports.ts';
import {
  ENTITY,
  householdKeys,
  idempotencyKeys,
  lockRequestKey,
  lockRequestKeys,
  lockRequestsByStatusKey,
  outboxKeys,
  siteStockKeys,
} from './keys.ts';
import { isExpired, queryAll } from './query.ts';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const ITEM_VERSION = 1;
/** Contention on one stock item shows up as TransactionConflict: retried with jittered backoff. */
const MAX_CONFLICT_RETRIES = 12;
export const OUTBOX_GRACE_MS = 2 * 60_000;

const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'entity', 'version'] as const;

function fromItem(item: Item): LockRequestRecord {
  const record = { ...item };
  for (const key of STORAGE_ATTRIBUTES) delete record[key];
  return record as unknown as LockRequestRecord;
}

/** Which of the transaction's items failed their condition ('ConditionalCheckFailed', 'TransactionConflict', 'None'). */
function reasons(error: TransactionCanceledException): string[] {
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One update of a pool's stock item: locks taken (negative, never below zero) or returned, and the
 * number of waitlisted requests for the lock type moved. A new allocation (`fairToQueue`) also
 * needs an empty waitlist, so nobody takes a lock ahead of the people already waiting for one.
 */
function stockUpdate(
  tableName: string,
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
      TableName: tableName,
      Key: siteStockKeys(slug, pool),
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

export function lockRequestRepository(doc: DynamoDBDocumentClient, tableName: string, clock: Clock): LockRequestRepository {
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  /** Runs a transaction, retrying only contention; returns the per-item reasons when a condition fails. */
  async function transact(items: TransactItem[]): Promise<string[] | null> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        return null;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = reasons(error);
        if (codes.includes('ConditionalCheckFailed')) return codes;
        // Still contended after every retry: a 503 the person can retry, not a 500.
        if (attempt >= MAX_CONFLICT_RETRIES) throw new UnavailableError('Many people are asking right now. Please try again in a minute.');
        await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
      }
    }
  }

  /**
   * The email goes out at once from the request that made it; the entry is due for the sweep only
   * after a grace period, so the two never send the same email.
   */
  function outboxPut(id: string, kind: string, slug: string, code: string, now: string): TransactItem {
    const dueAt = new Date(Date.parse(now) + OUTBOX_GRACE_MS).toISOString();
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...outboxKeys(id, 'pending', dueAt),
          entity: ENTITY.outbox,
          version: ITEM_VERSION,
          id,
          kind,
          campaign: slug,
          code,
          attempts: 0,
          createdAt: now,
        },
      },
    };
  }

  async function replay(slug: string, keyHash: string) {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: idempotencyKeys(slug, keyHash), ConsistentRead: true }));
    if (!Item || isExpired(Item, nowSeconds())) return null;
    return { fingerprint: String(Item.fingerprint), response: Item.response as StoredResponse };
  }

  return {
    replay,

    async create(request: NewLockRequest): Promise<CreateOutcome> {
      const { record, allocate, pool, householdExpiresAt, idempotency, emailId } = request;
      const now = record.createdAt;
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...lockRequestKeys(record.campaign, record.code, record.status, record.createdAt),
              entity: ENTITY.lockRequest,
              version: ITEM_VERSION,
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      const idempotencyIndex = idempotency ? items.length : -1;
      if (idempotency) {
        items.push({
          Put: {
            TableName: tableName,
            Item: {
              ...idempotencyKeys(record.campaign, idempotency.keyHash),
              entity: ENTITY.idempotency,
              fingerprint: idempotency.fingerprint,
              response: idempotency.response,
              expiresAt: idempotency.expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          },
        });
      }
      const householdStart = items.length;
      for (const hash of record.householdKeys) {
        items.push({
          Put: {
            TableName: tableName,
            Item: {
              ...householdKeys(record.campaign, hash),
              entity: ENTITY.household,
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
        stockUpdate(tableName, record.campaign, pool, record.lockType, allocate ? { stock: -record.quantity, fairToQueue: true } : { waiting: 1 }),
      );
      if (emailId) items.push(outboxPut(emailId, request.emailKind ?? 'confirmation', record.campaign, record.code, now));

      const failed = await transact(items);
      if (!failed) return { kind: 'created' };
      if (idempotencyIndex >= 0 && failed[idempotencyIndex] === 'ConditionalCheckFailed') {
        const stored = await replay(record.campaign, idempotency!.keyHash);
        return stored ? { kind: 'replay', ...stored } : { kind: 'retry' };
      }
      for (let i = householdStart; i < householdEnd; i += 1) {
        if (failed[i] !== 'ConditionalCheckFailed') continue;
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: householdKeys(record.campaign, record.householdKeys[i - householdStart]!), ConsistentRead: true }),
        );
        if (Item && !isExpired(Item, nowSeconds())) return { kind: 'duplicate', code: String(Item.code) };
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
        remindedAt: change.remindedAt,
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
            ConditionExpression:
              '#status = :from AND (attribute_not_exists(expiresAt) OR expiresAt > :nowSeconds)' +
              (change.remindedBefore ? ' AND (attribute_not_exists(remindedAt) OR remindedAt <= :remindedBefore)' : ''),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ...values,
              ':nowSeconds': nowSeconds(),
              ...(change.remindedBefore ? { ':remindedBefore': change.remindedBefore } : {}),
            },
          },
        },
      ];
      const stockIndex = change.stockDelta ? items.length : -1;
      if (change.stockDelta) {
        const { pool, quantity, waiting } = change.stockDelta;
        items.push(stockUpdate(tableName, record.campaign, pool, record.lockType, { stock: quantity, waiting }));
      }
      if (change.emailId && change.emailKind) items.push(outboxPut(change.emailId, change.emailKind, record.campaign, record.code, at));
      const failed = await transact(items);
      if (!failed) return 'changed';
      if (stockIndex >= 0 && failed[stockIndex] === 'ConditionalCheckFailed' && failed[0] !== 'ConditionalCheckFailed') {
        return 'out_of_stock';
      }
      return 'stale';
    },

    async releaseHousehold(record) {
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
  };
}
