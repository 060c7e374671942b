import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSesEvent } from '../../functions/src/platform/email/ses-events.ts';

/** Reading the SES notifications SNS delivers (recorded samples from the SES docs, tests/fixtures/ses). */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ses/${name}.json`, import.meta.url), 'utf8');

describe('SES notifications', () => {
  it('suppress every recipient of a permanent bounce, with or without a DSN', () => {
    expect(readSesEvent(fixture('bounce-permanent-notification'))).toEqual({ kind: 'suppress', suppressions: [{ address: 'jane@example.com', reason: 'bounce' }] });
    expect(readSesEvent(fixture('bounce-permanent-no-dsn-notification'))).toEqual({
      kind: 'suppress',
      suppressions: [
        { address: 'jane@example.com', reason: 'bounce' },
        { address: 'richard@example.com', reason: 'bounce' },
      ],
    });
    expect(readSesEvent(fixture('bounce-event'))).toEqual({ kind: 'suppress', suppressions: [{ address: 'recipient@example.com', reason: 'bounce' }] });
  });

  it('suppress the complaining recipient, not everyone the mail went to', () => {
    expect(readSesEvent(fixture('complaint-notification'))).toEqual({ kind: 'suppress', suppressions: [{ address: 'richard@example.com', reason: 'complaint' }] });
    expect(readSesEvent(fixture('complaint-event'))).toEqual({ kind: 'suppress', suppressions: [{ address: 'recipient@example.com', reason: 'complaint' }] });
  });

  it('ignore transient bounces and deliveries', () => {
    expect(readSesEvent(fixture('bounce-transient-notification'))).toEqual({ kind: 'ignored', type: 'Bounce/Transient' });
    expect(readSesEvent(fixture('delivery-notification'))).toEqual({ kind: 'ignored', type: 'Delivery' });
  });

  it('call anything else unreadable, and never throw', () => {
    for (const message of ['', 'null', '[]', '{}', '{"notificationType":"Bounce"}', '{"eventType":"Complaint","complaint":"x"}']) {
      expect(readSesEvent(message)).toEqual({ kind: 'unreadable' });
    }
  });
});
