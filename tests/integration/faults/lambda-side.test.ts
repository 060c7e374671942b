import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedContent } from '../../../functions/src/content-seed.ts';
import { MAIL_POOL } from '../../../functions/src/locks/index.ts';
import { sesEventsHandler } from '../../../functions/src/platform/email/ses-events-handler.ts';
import { buildErpoRecord } from '../../support/builders.ts';
import { pickupRequest, staffHeaders } from '../lock-support.ts';
import { emailsByRecipient, faultHarness, formToken, roomyCampaign, untilAnswered, type FaultHarness, type Item } from './support.ts';

/**
 * Issue 15: the functions that are not the API, with 30% of DynamoDB attempts failing: the sweep
 * (run again every five minutes), the SES bounce handler (SNS retries a failed invocation), the
 * staff CSV export and the deploy-time content seed. Nothing is lost, nothing is done twice.
 */
let h: FaultHarness;
const quiet = new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' });

beforeAll(async () => {
  h = await faultHarness({ seed: 7 });
});

const stockOf = (items: Item[], pool: string) => (items.find((i) => i.pk === `STOCK#${h.campaign.slug}` && i.sk === `POOL#${pool}`)!.stock ?? {}) as Record<string, number>;

describe('the sweep under faults', () => {
  it('lapses each overdue reservation once, returns its locks once and sends each email once, over as many runs as it takes', async () => {
    const before = await h.scan();
    const emails: string[] = [];
    for (let i = 0; i < 16; i += 1) {
      const body = pickupRequest({ siteId: 'library', lockType: 'cable', quantity: 1 });
      emails.push(String(body.email));
      const res = await h.app.request(`/api/campaigns/${h.campaign.slug}/lock-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'form-token': await formToken(h.app) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }
    expect(stockOf(await h.scan(), 'library').cable).toBe(stockOf(before, 'library').cable! - 16);
    // A week and a day later every reservation is past its date.
    h.clock.advanceDays(8);

    const injectedBefore = h.faults.injected.length;
    h.faults.set({ rate: 0.3 });
    let runs = 0;
    let failedRuns = 0;
    for (; runs < 40; runs += 1) {
      h.clock.advanceMinutes(5);
      try {
        await h.sweep();
      } catch {
        failedRuns += 1;
      }
      h.faults.off();
      const items = await h.scan();
      const open = items.filter((i) => i.entity === 'lock_request' && i.status !== 'cancelled');
      const queued = items.filter((i) => i.entity === 'outbox');
      if (!open.length && !queued.length) break;
      h.faults.set({ rate: 0.3 });
    }
    h.faults.off();
    expect(runs, 'the sweep never finished').toBeLessThan(40);

    const items = await h.scan();
    const requests = items.filter((i) => i.entity === 'lock_request');
    for (const r of requests) expect([r.status, r.cancelReason], String(r.email)).toEqual(['cancelled', 'lapsed']);
    // Each lapse gave its lock back exactly once.
    expect(stockOf(items, 'library').cable).toBe(stockOf(before, 'library').cable);
    // A lapse frees the household to ask again: every claim is expired.
    const now = Math.floor(h.clock.now().getTime() / 1000);
    for (const claim of items.filter((i) => i.entity === 'household')) expect(Number(claim.expiresAt)).toBeLessThanOrEqual(now);
    // The confirmation at the request, then one notice of the lapse: two emails each, never three.
    const mail = await emailsByRecipient(emails);
    expect(emails.map((e) => mail.get(e)!.length)).toEqual(emails.map(() => 2));
    expect(h.faults.injected.length - injectedBefore, `faults met by ${runs + 1} sweep runs, ${failedRuns} of them failed`).toBeGreaterThan(20);
  }, 120_000);

  it('sends the emails due even when the housekeeping before them fails, and still fails the run', async () => {
    const body = pickupRequest({ siteId: 'library' });
    // Written with its answer lost, so its confirmation waits in the outbox for the sweep.
    h.faults.set({ rate: 1, operations: ['TransactWriteItems'], kinds: ['internal-server-error'], timing: ['after'] });
    const token = await formToken(h.app);
    const send = () =>
      h.app.request(`/api/campaigns/${h.campaign.slug}/lock-requests`, { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': token }, body: JSON.stringify(body) });
    expect((await send()).status).toBe(503);
    h.faults.off();
    expect((await send()).status).toBe(201);
    expect((await h.items('outbox')).length).toBe(1);
    h.clock.advanceMinutes(5);
    const { sweep } = await import('../../../functions/src/compose.ts');
    const broken = { ...h.services, locks: { ...h.services.locks, sweep: () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })) } };
    await expect(sweep(broken, h.deps.metrics)).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(await h.items('outbox')).toEqual([]);
    expect((await emailsByRecipient([String(body.email)])).get(String(body.email))).toHaveLength(1);
  });
});

describe('the SES bounce handler under faults', () => {
  it('puts each bounced address on the suppression list once, however many times SNS has to retry', async () => {
    const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ses/${name}.json`, import.meta.url), 'utf8');
    const event = {
      Records: ['bounce-permanent-notification', 'complaint-notification'].map((name, i) => ({
        EventSource: 'aws:sns',
        Sns: { Type: 'Notification', MessageId: `m-${i}`, TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events', Message: fixture(name), Timestamp: '2016-01-27T14:59:38.237Z' },
      })),
    } as unknown as SNSEvent;
    const handle = sesEventsHandler({ suppressions: h.deps.suppressions, logger: quiet });
    h.faults.set({ rate: 0.5, operations: ['PutItem', 'UpdateItem'], kinds: ['throttling', 'internal-server-error', 'timeout'] });
    let invocations = 0;
    for (; invocations < 30; invocations += 1) {
      try {
        await handle(event);
        break;
      } catch {
        // Lambda reports the failure and SNS delivers the same event again.
      }
    }
    h.faults.off();
    expect(invocations).toBeLessThan(30);
    for (const address of ['jane@example.com', 'richard@example.com']) expect(await h.deps.suppressions.isSuppressed(address)).toBe(true);
    expect(await h.items('suppression')).toHaveLength(2);
  });
});

describe('the staff export under faults', () => {
  const csv = () => h.app.request(`/api/staff/campaigns/${h.campaign.slug}/lock-requests.csv?status=all&delivery=all`, { headers: staffHeaders });

  it('streams every row, or breaks off so the download fails: never a short file that looks whole', async () => {
    const rows = (await h.items('lock_request')).length;
    expect(rows).toBeGreaterThan(10);
    // The table stops answering queries once the file has started.
    h.faults.set({ rate: 1, operations: ['Query'], kinds: ['internal-server-error'] });
    const cut = await csv();
    const outcome = await cut.text().then(
      () => 'complete',
      () => 'broke off',
    );
    h.faults.off();
    expect([cut.status, outcome]).toEqual([200, 'broke off']);
    const audit = (await h.items('audit')).filter((a) => a.action === 'export.lock_requests' || String(a.action).includes('lock'));
    expect(audit.some((a) => a.outcome === 'failed')).toBe(true);

    h.faults.set({ rate: 0.3, operations: ['Query'] });
    const whole = await untilAnswered(csv);
    const text = await whole.text().catch(() => null);
    h.faults.off();
    if (text !== null) expect(text.trim().split('\r\n')).toHaveLength(rows + 1);
  });
});

describe('the content seed under faults', () => {
  it('converges to the content, creating stock once, however many times the deploy retries it', async () => {
    const campaign = roomyCampaign('seedton');
    const content = { campaigns: [campaign], erpo: [buildErpoRecord({ state: 'WA', name: { en: 'Washington', es: 'Washington' } })] };
    h.faults.set({ rate: 0.3 });
    let tries = 0;
    for (let seeded = 0; seeded < 2 && tries < 30; tries += 1) {
      try {
        await seedContent(h.deps, content);
        seeded += 1;
      } catch {
        // The custom resource fails; the deploy runs it again.
      }
    }
    h.faults.off();
    expect(tries).toBeLessThan(30);
    expect(await h.deps.campaigns.get('seedton')).toMatchObject({ slug: 'seedton', name: campaign.name });
    const stock = (await h.items('stock')).filter((s) => s.pk === 'STOCK#seedton');
    expect(stock.map((s) => [s.sk, (s.stock as Record<string, number>).cable]).sort()).toEqual([
      ['POOL#_mail', 500],
      ['POOL#clinic', 500],
      ['POOL#library', 500],
    ]);
    expect((await h.deps.erpo.get('WA'))?.name.en).toBe('Washington');
  });

  it('adds restocked locks once when DynamoDB applies the write and the answer is lost', async () => {
    const before = stockOf(await h.scan(), MAIL_POOL).cable!;
    // The first attempt at the stock write is applied and its answer lost; the SDK sends it again.
    h.faults.set({ rate: 1, limit: 1, operations: ['UpdateItem', 'TransactWriteItems'], kinds: ['connection-reset'], timing: ['after'] });
    const res = await h.app.request(`/api/staff/campaigns/${h.campaign.slug}/stock`, { method: 'POST', headers: staffHeaders, body: JSON.stringify({ site: MAIL_POOL, lockType: 'cable', quantity: 20 }) });
    h.faults.off();
    expect(res.status).toBe(200);
    expect(h.faults.injected.at(-1)).toMatchObject({ timing: 'after', kind: 'connection-reset' });
    expect(stockOf(await h.scan(), MAIL_POOL).cable).toBe(before + 20);
  });
});
