import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../../domain/errors.ts';
import { isExpired } from '../../platform/dynamo/query.ts';
import type { Table } from '../../platform/dynamo/table.ts';
import { householdKeys } from './keys.ts';

/** Tries at a batch DynamoDB hands back unread (only under throttling) before the person is asked to retry. */
const MAX_ATTEMPTS = 4;

/**
 * The household's claims on the period, read before a request is written: one consistent
 * BatchGetItem of every key (address, email, phone; at most three), the same call whether or not
 * any is claimed, so a first request and a repeat cost the same (decision 0021). A claim past its
 * TTL is no claim. Returns the code of the request that holds each claimed key.
 */
export async function heldClaims(table: Table, slug: string, keys: readonly string[], nowSeconds: number): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  let pending: Record<string, unknown>[] | undefined = [...new Set(keys)].map((key) => householdKeys(slug, key));
  for (let attempt = 0; pending?.length; attempt += 1) {
    if (attempt >= MAX_ATTEMPTS) throw new UnavailableError('Many people are asking right now. Please try again in a minute.');
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const out = await table.doc.send(
      new BatchGetCommand({
        RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'pk, code, expiresAt' } },
      }),
    );
    for (const item of out.Responses?.[table.name] ?? []) {
      if (isExpired(item, nowSeconds)) continue;
      const key = keys.find((k) => householdKeys(slug, k).pk === item.pk);
      if (key !== undefined) held.set(key, String(item.code));
    }
    pending = out.UnprocessedKeys?.[table.name]?.Keys as Record<string, unknown>[] | undefined;
  }
  return held;
}
