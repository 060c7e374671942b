import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../clock.ts';
import type { Table } from '../dynamo/table.ts';
import { hmacWith, type KeyRing } from '../secrets/key-ring.ts';
import type { EmailMessage, Mailer } from './mailer.ts';

/**
 * The platform's suppression list: addresses that bounced for good or complained, so nothing more
 * is sent to them by any capability. Keyed by an HMAC of the normalised address (never the address
 * itself), so a table or backup reader learns nothing and cannot test guessed addresses. The same
 * key is every capability's match key for an email address (`contactKey`), so a capability can
 * check its own records against the list without recomputing anything.
 */

/** Characters of the HMAC kept as the key: 192 bits, plenty against collisions. */
export const CONTACT_KEY_LENGTH = 32;

/**
 * An address as people mean it: trimmed, NFC, lower case. Mailbox names are case-sensitive in
 * theory (RFC 5321) and case-insensitive at every large provider; treating `Ana@x` and `ana@x` as
 * one person errs towards sending less. Dots and `+tags` are kept: only Gmail ignores them.
 */
export const normalizeEmail = (address: string): string => address.normalize('NFC').trim().toLowerCase();

/** The match keys of an address: with the current signing key, then the previous one during a rotation. */
export async function contactKeys(ring: KeyRing, address: string): Promise<string[]> {
  const { current, previous } = await ring.keys();
  const value = normalizeEmail(address);
  return [current, ...(previous ? [previous] : [])].map((key) => hmacWith(key, 'contact', value).slice(0, CONTACT_KEY_LENGTH));
}

/** The match key of an address with the current signing key. */
export const contactKey = async (ring: KeyRing, address: string): Promise<string> => (await contactKeys(ring, address))[0]!;

export type SuppressionReason = 'bounce' | 'complaint';

export interface SuppressionList {
  /** Adds an address; adding it again keeps the first entry. */
  suppress(address: string, reason: SuppressionReason): Promise<void>;
  isSuppressed(address: string): Promise<boolean>;
  /** Which of these match keys are suppressed (any number of keys; read 100 at a time). */
  suppressedKeys(keys: readonly string[]): Promise<Set<string>>;
}

const suppressionKey = (key: string) => ({ pk: `SUPPRESSED#${key}`, sk: 'SUPPRESSED' });
const BATCH = 100;

export function dynamoSuppressionList(table: Table, ring: KeyRing, clock: Clock): SuppressionList {
  async function suppressedKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += BATCH) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH).map(suppressionKey);
      for (let attempt = 0; pending?.length && attempt < 8; attempt += 1) {
        const out = await table.doc.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ProjectionExpression: 'pk' } } }));
        for (const item of out.Responses?.[table.name] ?? []) found.add(String(item.pk).slice('SUPPRESSED#'.length));
        pending = out.UnprocessedKeys?.[table.name]?.Keys as Record<string, unknown>[] | undefined;
        if (pending?.length) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
      if (pending?.length) throw Object.assign(new Error('suppression list unavailable'), { name: 'SuppressionsUnavailable' });
    }
    return found;
  }

  /** Copies an entry to another key (the same reason and date); an entry already there stays. */
  async function carryOver(from: string, to: string) {
    const { Item } = await table.doc.send(new GetCommand({ TableName: table.name, Key: suppressionKey(from), ConsistentRead: true }));
    if (!Item) return;
    try {
      await table.doc.send(
        new PutCommand({ TableName: table.name, Item: { ...Item, ...suppressionKey(to) }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  return {
    async suppress(address, reason) {
      const key = await contactKey(ring, address);
      try {
        await table.doc.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...suppressionKey(key), entity: 'suppression', version: 1, reason, at: clock.now().toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    },
    async isSuppressed(address) {
      const keys = await contactKeys(ring, address);
      const found = await suppressedKeys(keys);
      // Suppressed only under the previous key (a rotation is running): copied under the current
      // one, so the entry outlives the rotation. Entries never looked up while it runs are lost
      // with the previous key (docs/operations.md, "The signing key").
      if (found.size > 0 && !found.has(keys[0]!)) await carryOver(keys.find((k) => found.has(k))!, keys[0]!);
      return found.size > 0;
    },
    suppressedKeys,
  };
}

/**
 * The mailer every capability sends through: it checks the suppression list first and does not
 * send to a suppressed address (the outbox handler answers `dropped`). Locks and pledges alike.
 */
export function suppressingMailer(mailer: Mailer, list: Pick<SuppressionList, 'isSuppressed'>): Mailer {
  return {
    async send(message: EmailMessage) {
      if (await list.isSuppressed(message.to)) return { messageId: '', suppressed: true };
      return mailer.send(message);
    },
  };
}
