import { describe, expect, it } from 'vitest';
import { campaignSchema, type Campaign } from '../../../functions/src/domain/campaign.ts';
import { householdMatchValues } from '../../../functions/src/locks/rules/household.ts';
import { MAIL_POOL, type LockRequestRecord, type RequestStatus } from '../../../functions/src/locks/rules/lifecycle.ts';
import {
  asSeen,
  atRetentionCeiling,
  firstEmail,
  isOverdue,
  linesWithStock,
  newRecord,
  planMove,
  planServe,
  reminderStep,
  waitingLine,
  whenOutOfStock,
} from '../../../functions/src/locks/rules/plan.ts';
import { lockRequestSchema, type LockRequestInput } from '../../../functions/src/locks/rules/request.ts';

/**
 * The lock rules as pure plans (functions/src/locks/rules/plan.ts): what a submission or a status
 * change writes, decided without DynamoDB. The store's conditions enforce the same plans under
 * concurrency (tests/integration/lock-*.test.ts).
 */
const campaign: Campaign = campaignSchema.parse({
  slug: 'planville',
  name: 'Planville (test)',
  city: 'Planville',
  state: 'OR',
  status: 'live',
  languages: ['en', 'es'],
  contactEmail: 'team@planville.example',
  locks: { reservationDays: 7, retentionDays: 30, requestPeriodDays: 90, mail: { enabled: true, lockTypes: ['cable'], initialStock: {} } },
});

const input = (overrides: Record<string, unknown> = {}): LockRequestInput =>
  lockRequestSchema({ languages: ['en', 'es'], householdCap: 2 }).parse({
    name: 'Plan Resident',
    email: 'plan@example.test',
    delivery: 'pickup',
    siteId: 'library',
    lockType: 'cable',
    quantity: 2,
    language: 'es',
    consent: true,
    ...overrides,
  });

const at = new Date('2026-11-25T18:00:00Z'); // 10:00 in Oregon

function record(overrides: Partial<LockRequestRecord> = {}): LockRequestRecord {
  return { ...newRecord(campaign, input(), { code: 'K7QM-3XPD', householdKeys: ['h1'], at, allocate: true }), ...overrides };
}

describe('a new request', () => {
  it('takes the locks at once when allocated: requested, with a hold to the end of its last day where the site is', () => {
    const r = newRecord(campaign, input(), { code: 'K7QM-3XPD', householdKeys: ['h1', 'h2'], at, allocate: true });
    expect(r).toMatchObject({ status: 'requested', siteId: 'library', quantity: 2, language: 'es', householdKeys: ['h1', 'h2'] });
    expect(r.history).toEqual([{ status: 'requested', at: at.toISOString() }]);
    // Seven days on, at 23:59:59 in America/Los_Angeles (PST, UTC-8): 07:59:59.000Z the next day.
    expect(r.holdUntil).toBe('2026-12-03T07:59:59.000Z');
    expect(r).not.toHaveProperty('address');
  });

  it('waits in line when not allocated: waitlisted, with no hold', () => {
    const r = newRecord(campaign, input(), { code: 'K7QM-3XPD', householdKeys: [], at, allocate: false });
    expect(r.status).toBe('waitlisted');
    expect(r).not.toHaveProperty('holdUntil');
  });

  it('keeps an address only for mail, and a site only for pickup', () => {
    const mail = newRecord(
      campaign,
      input({ delivery: 'mail', siteId: undefined, address: { line1: '1 Test Way', city: 'Portland', state: 'OR', zip: '97201' } }),
      { code: 'K7QM-3XPD', householdKeys: [], at, allocate: true },
    );
    expect(mail.address).toEqual({ line1: '1 Test Way', city: 'Portland', state: 'OR', zip: '97201' });
    expect(mail).not.toHaveProperty('siteId');
    expect(mail).not.toHaveProperty('holdUntil');
  });

  it('gets a confirmation, or a waitlist email, only when it has an email address', () => {
    expect(firstEmail({ status: 'requested', email: 'a@example.test' })).toBe('confirmation');
    expect(firstEmail({ status: 'waitlisted', email: 'a@example.test' })).toBe('waitlisted');
    expect(firstEmail({ status: 'requested' })).toBeNull();
  });

  it('joins the waitlist when the pool is empty only if the person asked to', () => {
    expect(whenOutOfStock({ waitlist: true })).toBe('waitlist');
    expect(whenOutOfStock({ waitlist: false })).toBe('refuse');
  });
});

describe('status changes', () => {
  it('returns held locks and ends the retention clock when a held request is cancelled by the resident', () => {
    const plan = planMove(campaign, record(), 'cancelled', at, 'resident');
    expect(plan.change).toMatchObject({
      to: 'cancelled',
      cancelReason: 'resident',
      stockDelta: { pool: 'library', quantity: 2 },
      expiresAt: Math.floor(at.getTime() / 1000) + 30 * 86_400,
    });
    expect(plan.email).toBe('cancelled');
    expect(plan.releaseHousehold).toBe(true);
  });

  it('takes a waitlisted request out of the line without moving any locks', () => {
    const plan = planMove(campaign, record({ status: 'waitlisted', holdUntil: undefined }), 'cancelled', at, 'ended');
    expect(plan.change.stockDelta).toEqual({ pool: 'library', quantity: 0, waiting: -1 });
    expect(plan.releaseHousehold).toBe(false);
  });

  it('keeps the household claimed after a staff cancellation (staff may be stopping a repeat)', () => {
    expect(planMove(campaign, record(), 'cancelled', at, 'staff').releaseHousehold).toBe(false);
  });

  it('sends a lapse notice (not a cancellation notice) when a reservation lapses', () => {
    const plan = planMove(campaign, record(), 'cancelled', at, 'lapsed');
    expect(plan.email).toBe('lapsed');
    expect(plan.releaseHousehold).toBe(true);
  });

  it('holds a ready pickup for the campaign’s reservation days from when it became ready', () => {
    const plan = planMove(campaign, record(), 'ready', new Date('2026-12-01T20:00:00Z'));
    expect(plan.change.holdUntil).toBe('2026-12-09T07:59:59.000Z');
    expect(plan.change.expiresAt).toBe(Math.floor(Date.parse('2026-12-01T20:00:00Z') / 1000) + 30 * 86_400);
    expect(plan.email).toBe('ready');
  });

  it('emails nobody who gave no email address, whatever the change', () => {
    const noEmail = record({ email: undefined, phone: '+15035550100' });
    for (const to of ['ready', 'shipped', 'picked_up', 'cancelled'] as RequestStatus[]) expect(planMove(campaign, noEmail, to, at).email).toBeNull();
  });

  it('serves a waitlisted request by taking its locks, leaving the line and holding a pickup', () => {
    const plan = planServe(campaign, record({ status: 'waitlisted', holdUntil: undefined }), at);
    expect(plan.change).toMatchObject({ to: 'requested', stockDelta: { pool: 'library', quantity: -2, waiting: -1 }, holdUntil: '2026-12-03T07:59:59.000Z' });
    expect(plan.email).toBe('allocated');
    const mail = planServe(campaign, record({ status: 'waitlisted', delivery: 'mail', siteId: undefined }), at);
    expect(mail.change.stockDelta?.pool).toBe(MAIL_POOL);
    expect(mail.change).not.toHaveProperty('holdUntil');
  });
});

describe('the waitlist', () => {
  const line = [
    record({ code: 'AAAA-AAAA', status: 'waitlisted' }),
    record({ code: 'BBBB-BBBB', status: 'waitlisted', lockType: 'box' }),
    record({ code: 'CCCC-CCCC', status: 'waitlisted', siteId: 'clinic' }),
    record({ code: 'DDDD-DDDD', status: 'waitlisted' }),
  ];

  it('serves each pool and lock type as its own line, in arrival order', () => {
    expect(waitingLine(line, 'library', 'cable').map((r) => r.code)).toEqual(['AAAA-AAAA', 'DDDD-DDDD']);
    expect(waitingLine(line, 'library', 'box').map((r) => r.code)).toEqual(['BBBB-BBBB']);
  });

  it('finds the lines that have stock to give', () => {
    const stock = new Map([
      ['library', { cable: 3, box: 0 }],
      ['clinic', { cable: 1 }],
    ]);
    expect(linesWithStock(line, stock)).toEqual([
      { pool: 'library', lockType: 'cable' },
      { pool: 'clinic', lockType: 'cable' },
    ]);
  });
});

describe('reading a request', () => {
  it('shows a pickup reservation past its hold date as lapsed, without changing it', () => {
    const r = record();
    const later = new Date('2026-12-04T00:00:00Z');
    expect(isOverdue(r, later)).toBe(true);
    expect(asSeen(r, later)).toMatchObject({ status: 'cancelled', cancelReason: 'lapsed' });
    expect(r.status).toBe('requested');
    expect(asSeen(r, at)).toBe(r);
    expect(isOverdue(record({ status: 'picked_up' }), later)).toBe(false);
  });

  it('reminds the first request’s contact at most once a day, and only while the request is open', () => {
    const drop = { step: 'drop' };
    expect(reminderStep(record(), 'entry-1', at)).toEqual({ step: 'claim', remindedBefore: '2026-11-24T18:00:00.000Z' });
    expect(reminderStep(record({ remindedAt: '2026-11-25T06:00:00.000Z', remindedBy: 'entry-0' }), 'entry-1', at)).toEqual(drop);
    expect(reminderStep(record({ remindedAt: '2026-11-24T06:00:00.000Z', remindedBy: 'entry-0' }), 'entry-1', at)).toMatchObject({ step: 'claim' });
    expect(reminderStep(record({ status: 'shipped' }), 'entry-1', at)).toEqual(drop);
    expect(reminderStep(record({ email: undefined }), 'entry-1', at)).toEqual(drop);
  });

  it('lets the entry that marked a reminder send it again after a failed send, and no other', () => {
    const marked = record({ remindedAt: '2026-11-25T17:00:00.000Z', remindedBy: 'entry-1' });
    expect(reminderStep(marked, 'entry-1', at)).toEqual({ step: 'send' });
    expect(reminderStep(marked, 'entry-2', at)).toEqual({ step: 'drop' });
    expect(reminderStep({ ...marked, status: 'cancelled' }, 'entry-1', at)).toEqual({ step: 'drop' });
  });
});

describe('household matching', () => {
  it('matches a household on its address, email and phone, within one campaign only', () => {
    const values = householdMatchValues('planville', {
      address: { line1: '12 Oak Street', line2: '#4', city: 'Portland', state: 'OR', zip: '97201-1234' },
      email: ' Plan@Example.TEST ',
      phone: '+15035550100',
    });
    expect(values).toEqual([
      'planville|address:12 oak st apt 4|portland|OR|97201',
      'planville|email:plan@example.test',
      'planville|phone:+15035550100',
    ]);
    expect(householdMatchValues('other-town', { email: 'plan@example.test' })).toEqual(['other-town|email:plan@example.test']);
  });
});

describe('household matching across scripts', () => {
  const addr = (line1: string) => ({ line1, city: 'Portland', state: 'OR', zip: '97201' });
  it('keeps two different addresses written in non-Latin letters apart', () => {
    expect(householdMatchValues('planville', { address: addr('北京路 1号') })).not.toEqual(householdMatchValues('planville', { address: addr('上海路 1号') }));
    expect(householdMatchValues('planville', { address: addr('ул. Ленина 5') })).not.toEqual(householdMatchValues('planville', { address: addr('ул. Мира 5') }));
  });

  it('still matches the same address typed with or without accents, in any case', () => {
    expect(householdMatchValues('planville', { address: addr('12 Calle Peña') })).toEqual(householdMatchValues('planville', { address: addr('12 CALLE PENA') }));
    expect(householdMatchValues('planville', { address: addr('北京路 1号') })).toEqual(householdMatchValues('planville', { address: addr(' 北京路  1号 ') }));
  });
});

describe('retention with a ceiling', () => {
  it('gives every new request an expiry from the day it is made, and every change a fresh one', () => {
    const r = newRecord(campaign, input(), { code: 'K7QM-3XPD', householdKeys: [], at, allocate: false });
    expect(r.expiresAt).toBe(Math.floor(at.getTime() / 1000) + 30 * 86_400);
    const later = new Date('2026-12-10T12:00:00Z');
    expect(planServe(campaign, r, later).change.expiresAt).toBe(Math.floor(later.getTime() / 1000) + 30 * 86_400);
  });

  it('ends an open request just before its ceiling, and deletes its data at that ceiling, not later', () => {
    const r = newRecord(campaign, input(), { code: 'K7QM-3XPD', householdKeys: [], at, allocate: false });
    expect(atRetentionCeiling(r, new Date('2026-12-20T12:00:00Z'))).toBe(false);
    const nearCeiling = new Date('2026-12-23T19:00:00Z'); // less than two days before
    expect(atRetentionCeiling(r, nearCeiling)).toBe(true);
    const plan = planMove(campaign, r, 'cancelled', nearCeiling, 'expired');
    // Kept readable until the ceiling it already had, so its last email can be built and sent.
    expect(plan.change).toMatchObject({ cancelReason: 'expired', expiresAt: r.expiresAt, stockDelta: { waiting: -1 } });
    expect(plan.change.expiresAt! - Math.floor(nearCeiling.getTime() / 1000)).toBeLessThanOrEqual(2 * 86_400);
    expect(plan.email).toBe('expired');
    expect(atRetentionCeiling({ ...r, status: 'shipped' }, nearCeiling)).toBe(false);
  });
});
