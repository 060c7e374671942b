import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../../domain/errors.ts';
import type { Table, TransactItem } from './table.ts';

/** Contention on one hot item (a pool's stock) shows up as TransactionConflict: retried with jittered backoff. */
const MAX_CONFLICT_RETRIES = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, retrying only contention. Resolves null when it was written, or the
 * per-item reasons (`ConditionalCheckFailed`, `None`, ...) when a condition failed, so the caller
 * can tell which rule refused it. Still contended after every retry: a 503 the person can retry.
 */
export async function transact(table: Table, items: TransactItem[]): Promise<string[] | null> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await table.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return null;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      if (codes.includes('ConditionalCheckFailed')) return codes;
      if (attempt >= MAX_CONFLICT_RETRIES) throw new UnavailableError('Many people are asking right now. Please try again in a minute.');
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
}
