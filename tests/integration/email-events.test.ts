import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTable } from '../../functions/src/platform/dynamo/client.ts';
import { sesEventsHandler } from '../../functions/src/platform/email/ses-events-handler.ts';
import { contactKey, dynamoSuppressionList } from '../../functions/src/platform/email/suppressions.ts';
import { staticKeyRing, type KeyRing } from '../../functions/src/platform/secrets/key-ring.ts';
import { captureOutput } from '../support/builders.ts';
import { localEndpoints } from './helpers.ts';
import { formToken, mailRequest, postJson } from './lock-support.ts';
import { mailTo, pledgeBody, pledgeHarness, postPledge, type PledgeHarness } from './pledges/support.ts';

/**
 * Bounces and complaints (issue 10): the SES notifications SNS delivers, from the recorded samples
 * in tests/fixtures/ses, put the addresses on the platform's suppression list (an HMAC, never the
 * address), and nothing more is sent to them by any capability.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ses/${name}.json`, import.meta.url), 'utf8');

/** The event Lambda receives from an SNS subscription: the SES JSON as the message string. */
function snsEvent(...messages: string[]): SNSEvent {
  return {
    Records: messages.map((Message, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ses-events:00000000-0000-0000-0000-000000000000',
      Sns: {
        Type: 'Notification',
        MessageId: `00000000-0000-0000-0000-00000000000${i}`,
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events',
        Subject: null as unknown as string,
        Message,
        Timestamp: '2016-01-27T14:59:38.237Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

let h: PledgeHarness;
let handle: ReturnType<typeof sesEventsHandler>;
beforeAll(async () => {
  h = await pledgeHarness();
  handle = sesEventsHandler({ suppressions: h.deps.suppressions, logger: new Logger({ serviceName: 'lockline-test', logLevel: 'INFO' }) });
});

describe('SES bounce and complaint notifications', () => {
  it('suppresses permanently bounced and complaining addresses, as an HMAC only, and logs no address', async () => {
    let summary: Awaited<ReturnType<typeof handle>> | undefined;
    const logs = await captureOutput(async () => {
      summary = await handle(snsEvent(fixture('complaint-notification'), fixture('bounce-permanent-notification'), fixture('bounce-permanent-no-dsn-notification')));
    });
    expect(summary).toEqual({ suppressed: 4, ignored: 0, unreadable: 0 });
    for (const address of ['jane@example.com', 'richard@example.com']) expect(await h.deps.suppressions.isSuppressed(address)).toBe(true);
    expect(await h.deps.suppressions.isSuppressed('mary@example.com')).toBe(false);
    const items = await h.items('suppression');
    expect(items).toHaveLength(2);
    expect(JSON.stringify(items)).not.toMatch(/@|jane|richard/);
    // The first notice for an address stands: richard complained, then bounced.
    expect(items.map((i) => i.reason).sort()).toEqual(['bounce', 'complaint']);
    expect(logs).not.toMatch(/@example\.com/);
  });

  it('reads configuration-set events (eventType) as well as identity notifications (notificationType)', async () => {
    const summary = await handle(snsEvent(fixture('bounce-event'), fixture('complaint-event')));
    expect(summary).toEqual({ suppressed: 2, ignored: 0, unreadable: 0 });
    expect(await h.deps.suppressions.isSuppressed('Recipient@Example.com ')).toBe(true);
  });

  it('ignores transient bounces and deliveries, and counts what it cannot read without failing the batch', async () => {
    const summary = await handle(snsEvent(fixture('bounce-transient-notification'), fixture('delivery-notification'), 'not json', '{"notificationType":"Bounce"}'));
    expect(summary).toEqual({ suppressed: 0, ignored: 2, unreadable: 2 });
  });

  it('sends nothing more to a suppressed address: a pledge is answered as usual, its email dropped, not retried', async () => {
    const before = (await mailTo('richard@example.com')).length;
    const res = await postPledge(h, pledgeBody({ email: 'richard@example.com' }));
    expect(res.status).toBe(202);
    expect(await h.count('pledge')).toBe(1);
    expect(await mailTo('richard@example.com')).toHaveLength(before);
    expect(await h.count('outbox')).toBe(0);
  });

  it('protects every capability: a lock request to a suppressed address gets no email', async () => {
    const before = (await mailTo('jane@example.com')).length;
    const res = await postJson(h.app, `/api/campaigns/${h.campaign.slug}/lock-requests`, mailRequest({ email: 'jane@example.com' }), { 'form-token': await formToken(h.app) });
    expect(res.status).toBe(201);
    expect(await mailTo('jane@example.com')).toHaveLength(before);
    expect(await h.count('outbox')).toBe(0);
  });

  it('keeps a suppression through a signing-key rotation: found under the previous key, carried to the new one', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const table = createTable({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint, tableName: h.tableName });
    const listWith = (ring: KeyRing) => dynamoSuppressionList(table, ring, h.clock);
    await listWith(staticKeyRing(oldKey)).suppress('rotated@example.test', 'complaint');
    // The rotation runs: the address is found under the previous key, and copied under the current one.
    expect(await listWith(staticKeyRing(newKey, oldKey)).isSuppressed('rotated@example.test')).toBe(true);
    // The previous key dropped: still suppressed, with its reason.
    expect(await listWith(staticKeyRing(newKey)).isSuppressed('rotated@example.test')).toBe(true);
    const newPk = `SUPPRESSED#${await contactKey(staticKeyRing(newKey), 'rotated@example.test')}`;
    const entries = (await h.items('suppression')).filter((i) => i.pk === newPk);
    expect(entries).toEqual([expect.objectContaining({ reason: 'complaint' })]);
    expect(JSON.stringify(await h.items('suppression'))).not.toContain('rotated@example.test');
  });
});

