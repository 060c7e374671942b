import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Campaign } from '../../../functions/src/domain/campaign.ts';
import { NATIONAL_SCOPE, PLEDGE_TOPIC } from '../../../functions/src/pledges/index.ts';
import { newPledge } from '../../../functions/src/pledges/rules/record.ts';
import { linkToken } from '../../../functions/src/pledges/service/links.ts';
import { contactKey } from '../../../functions/src/platform/email/suppressions.ts';
import { emailsSettled, localEndpoints } from '../helpers.ts';
import { formToken, lockCampaign, lockHarness, type LockHarness } from '../lock-support.ts';
import type { AppConfig } from '../../../functions/src/config.ts';
import type { DynamoClientOptions } from '../../../functions/src/platform/dynamo/client.ts';

/** The lock harness (real DynamoDB Local and local SES, a seeded campaign) for pledges. */
export type PledgeHarness = LockHarness;

export async function pledgeHarness(options: { config?: Partial<AppConfig>; campaign?: Campaign; configureDynamo?: DynamoClientOptions['configure'] } = {}): Promise<PledgeHarness> {
  return lockHarness({ ...options, campaign: options.campaign ?? lockCampaign() });
}

/**
 * Unconfirmed pledges written straight to the store (signing is tested elsewhere), with their
 * confirm tokens; 50 at a time, since only the confirmations need to race.
 */
export async function storedUnconfirmedPledges(h: PledgeHarness, scope: string, n: number) {
  const made: Array<Awaited<ReturnType<typeof storedUnconfirmedPledge>>> = [];
  for (let from = 0; from < n; from += 50) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(50, n - from) }, (_, i) => storedUnconfirmedPledge(h, scope, from + i)))));
  }
  return made;
}

async function storedUnconfirmedPledge(h: PledgeHarness, scope: string, i: number) {
  const email = `counter-${scope}-${i}-${randomBytes(4).toString('hex')}@example.test`;
  const record = newPledge(scope, { name: `Counter ${i}`, email, zip: '97201', language: 'en', updates: false }, {
    emailKey: await contactKey(h.deps.keyRing, email),
    nonce: randomBytes(12).toString('base64url'),
    pledgeVersion: 1,
    at: h.clock.now(),
  });
  const outcome = await h.deps.pledges.create({
    record,
    idempotency: { scope: `test:${scope}`, keyHash: randomBytes(16).toString('hex'), answer: { fingerprint: 'x', response: { status: 202 } } },
    email: h.services.outbox.entry(PLEDGE_TOPIC, 'confirm', `${scope}|${record.emailKey}`, scope),
  });
  expect(outcome.kind).toBe('created');
  return { record, token: await linkToken(h.deps.keyRing, record, 'confirm') };
}

let counter = 0;
/** A valid JSON pledge with an address of its own. */
export function pledgeBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return { name: `Pledger ${counter}`, email: `pledger-${counter}-${Date.now()}@example.test`, zip: '97201', language: 'en', updates: false, ...overrides };
}

export async function postPledge(h: PledgeHarness, body: unknown, options: { scope?: string; headers?: Record<string, string> } = {}) {
  const path = options.scope === NATIONAL_SCOPE ? '/api/pledges' : `/api/campaigns/${options.scope ?? h.campaign.slug}/pledges`;
  const headers = options.headers ?? {};
  const token = 'form-token' in headers ? headers['form-token'] : await formToken(h.app);
  const { 'form-token': _given, ...rest } = headers;
  return h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'form-token': token } : {}), ...rest },
    body: JSON.stringify(body),
  });
}

export interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
}

/** Emails aws-ses-v2-local received for one address, once the table's stream has sent what is queued. */
export async function mailTo(address: string): Promise<StoredEmail[]> {
  await emailsSettled();
  const { sesEndpoint } = localEndpoints();
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((e) => e.destination.to.includes(address));
}

/** The confirm, unsubscribe and delete links of the newest email to an address, as paths. */
export async function linksFor(address: string) {
  const emails = await mailTo(address);
  expect(emails.length, `no email to ${address}`).toBeGreaterThan(0);
  const text = emails.at(-1)!.body.text ?? '';
  const find = (kind: string) => {
    const url = new RegExp(`https?://[^\\s]+/pledge/${kind}/[^\\s/]+/`).exec(text)?.[0];
    return url ? new URL(url).pathname : undefined;
  };
  return { confirm: find('confirm'), unsubscribe: find('unsubscribe'), remove: find('delete'), email: emails.at(-1)! };
}

/** A form post as a browser on our site sends it. */
export function postForm(h: PledgeHarness, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
