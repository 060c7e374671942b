import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../../domain/errors.ts';
import type { Table, TransactItem } from './table.ts';

/** Contention on one hot item (a pool's stock) shows up as TransactionConflict: retried with jittered backoff. */
const MAX_CONFLICT_RETRIES = 12;
/**
 * A transaction cancelled because a partition was throttled (`ThrottlingError`,
 * `ProvisionedThroughputExceeded`) is not retried by the SDK. A few quick tries ride out a burst;
 * a table at its limit will not recover within one request, so after that the person gets a 503
 * with Retry-After rather than a long wait (decision 0019).
 */
const MAX_THROTTLED_RETRIES = 3;
const THROTTLED = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, retrying only contention and throttling. Resolves null when it was written,
 * or the per-item reasons (`ConditionalCheckFailed`, `None`, ...) when a condition failed, so the
 * caller can tell which rule refused it. Still contended or throttled after the retries: a 503 the
 * person can retry.
 *
 * Only cancellations are retried here, and a cancelled transaction wrote nothing. A lost answer
 * is retried by the SDK with the same ClientRequestToken, which DynamoDB applies once; when the
 * error reaches the caller anyway, the client sends again and finds its stored answer.
 */
export async function transact(table: Table, items: TransactItem[]): Promise<string[] | null> {
  let throttled = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await table.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return null;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      if (codes.includes('ConditionalCheckFailed')) return codes;
      if (codes.some((code) => THROTTLED.has(code))) throttled += 1;
      if (attempt >= MAX_CONFLICT_RETRIES || throttled > MAX_THROTTLED_RETRIES) {
        throw new UnavailableError('Many people are asking right now. Please try again in a minute.');
      }
      await sleep(Math.random() * Math.min(400, (throttled ? 50 : 10) * 2 ** attempt));
    }
  }
}
