import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { campaignTimeZone, type Campaign } from '../domain/campaign.ts';
import { lockPaths } from '../domain/lock-paths.ts';
import { localDate } from '../domain/time-zones.ts';
import { neutralizeCell } from '../domain/csv.ts';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../domain/errors.ts';
import {
  addDays,
  emailForChange,
  epochSeconds,
  FINAL,
  holdEnd,
  HOLDS_STOCK,
  householdMatchValues,
  MAIL_POOL,
  poolOf,
  residentMayCancel,
  staffMayMove,
  type CancelReason,
  type LockRequestRecord,
  type RequestStatus,
  type StaffTarget,
} from '../domain/lock-lifecycle.ts';
import { localizeFieldErrors, lockRequestSchema, missingAnswers, type LockRequestInput } from '../domain/lock-request.ts';
import type { SiteLocale } from '../domain/locales.ts';
import { fieldErrorsOf } from '../domain/validation.ts';
import type { LockType } from '../domain/pickup-site.ts';
import { newConfirmationCode, newStatusSecret, sameSecret, sha256 } from './secrets.ts';
import { renderLockEmail, type LockEmailKind } from '../email/lock-emails.ts';
import type { Clock, Mailer, OutboxEntry, StatusChange, Store, StoredResponse } from '../ports.ts';
import type { AppConfig } from '../config.ts';
import type { Logger } from '@aws-lambda-powertools/logger';

/**
 * Free-lock requests end to end (issue #3): submission (rate limit, validation, idempotency,
 * household dedupe, allocation or waitlist in one transaction), the private status page and cancel,
 * staff changes, restock serving the waitlist in order, lapsing reservations, and the email outbox.
 * Routes call this; it calls the store and the mailer through their ports.
 */

export interface LockServiceDeps {
  config: Pick<AppConfig, 'siteUrl' | 'lockRequestsPerHour' | 'formMinFillSeconds'>;
  store: Store;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

export interface SubmitContext {
  /** The language errors are given in. */
  locale: SiteLocale;
  /** An `Idempotency-Key` header or the form's token. */
  idempotencyKey?: string;
  /** The client's address, only ever used hashed, for the rate limit. */
  clientAddress?: string;
}

export interface SubmitResult extends StoredResponse {
  /** True when the household already had a request this period: its code, nothing new written. */
  duplicate: boolean;
}

/** A submission refused because the chosen pool is empty and the person did not ask for the waitlist. */
export class OutOfStockError extends ConflictError {
  constructor() {
    super('There are no locks of this kind left here right now. You can join the waitlist.', 'out_of_stock');
  }
}

const RATE_WINDOW_SECONDS = 3600;
const IDEMPOTENCY_HOURS = 24;
const FORM_TOKEN_MAX_AGE_SECONDS = 24 * 3600;
/** Retry delays after a failed email, in minutes; after the last one the email is kept for staff. */
const EMAIL_RETRY_MINUTES = [1, 5, 30, 120];

export type FormTokenCheck = 'ok' | 'too_fast' | 'invalid';

export function lockService(deps: LockServiceDeps) {
  const { store, clock, config } = deps;
  const now = () => clock.now();

  const hmac = async (value: string) => createHmac('sha256', await store.secrets.signingKey()).update(value).digest('base64url');

  /** The status page in the request's language (the one its emails use). */
  const statusPath = (r: Pick<LockRequestRecord, 'campaign' | 'code' | 'statusSecret' | 'language'>): string =>
    lockPaths(r.campaign, r.language === 'es' ? 'es' : 'en').status(r.code, r.statusSecret);

  function response(r: LockRequestRecord, status: 200 | 201): StoredResponse {
    return { status, confirmationCode: r.code, requestStatus: r.status, statusPath: statusPath(r) };
  }

  async function rateLimit(clientAddress: string | undefined) {
    const bucket = (await hmac(`client:${clientAddress ?? 'unknown'}`)).slice(0, 22);
    const { hits, resetInSeconds } = await store.rateLimiter.hit(bucket, RATE_WINDOW_SECONDS);
    if (hits > config.lockRequestsPerHour) throw new RateLimitedError(Math.max(1, resetInSeconds));
  }

  /** Rules that need the campaign: the site exists, the programme offers the lock type. */
  function campaignFieldErrors(campaign: Campaign, input: LockRequestInput): Record<string, string[]> {
    if (input.delivery === 'mail') {
      if (!campaign.locks.mail.enabled) return { delivery: ['delivery.noMail'] };
      if (!campaign.locks.mail.lockTypes.includes(input.lockType)) return { lockType: ['lockType.unavailable'] };
      return {};
    }
    const site = campaign.pickupSites.find((s) => s.id === input.siteId);
    if (!site) return { siteId: ['siteId.unknown'] };
    if (!site.lockTypes.includes(input.lockType)) return { lockType: ['lockType.unavailable'] };
    return {};
  }

  function parse(campaign: Campaign, raw: unknown, locale: SiteLocale): LockRequestInput {
    const schema = lockRequestSchema({ languages: campaign.languages, householdCap: campaign.locks.householdCap });
    const result = schema.safeParse(raw);
    const fields: Record<string, string[]> = result.success
      ? campaignFieldErrors(campaign, result.data)
      : { ...missingAnswers(raw), ...fieldErrorsOf(result.error.issues) };
    if (Object.keys(fields).length) throw new ValidationError(localizeFieldErrors(fields, locale));
    return (result as { data: LockRequestInput }).data;
  }

  async function sendReminder(existing: LockRequestRecord | null) {
    if (!existing?.email || FINAL.has(existing.status)) return;
    const dayAgo = addDays(now(), -1).toISOString();
    if (existing.remindedAt && existing.remindedAt > dayAgo) return;
    const emailId = randomUUID();
    const at = now().toISOString();
    // The condition (not only the check above) keeps it to one a day when repeats arrive together.
    const result = await store.lockRequests.change({
      record: existing,
      to: existing.status,
      at,
      remindedAt: at,
      remindedBefore: dayAgo,
      emailId,
      emailKind: 'reminder',
    });
    if (result === 'changed') await deliverNow(emailId, 'reminder', existing);
  }

  function replayed(stored: { fingerprint: string; response: StoredResponse }, fingerprint: string): SubmitResult {
    if (stored.fingerprint !== fingerprint) {
      throw new ConflictError('This Idempotency-Key was already used for a different request.', 'idempotency_key_reused');
    }
    return { ...stored.response, duplicate: false };
  }

  async function submit(campaign: Campaign, raw: unknown, ctx: SubmitContext): Promise<SubmitResult> {
    const key = ctx.idempotencyKey;
    if (key !== undefined && !/^[\x21-\x7e]{8,200}$/.test(key)) {
      throw new ValidationError(localizeFieldErrors({ 'Idempotency-Key': ['idempotencyKey.invalid'] }, ctx.locale));
    }
    // A replay is answered before the rate limit counts it: retrying a sent request is not abuse.
    // Everything else counts, valid or not, so nobody can probe the form without limit.
    const stored = key ? await store.lockRequests.replay(campaign.slug, sha256(key)) : null;
    if (!stored) await rateLimit(ctx.clientAddress);
    const input = parse(campaign, raw, ctx.locale);
    const fingerprint = sha256(JSON.stringify(input));
    if (stored) return replayed(stored, fingerprint);
    const pool = poolOf(input);

    const attemptCreate = async (take: boolean) => {
      const at = now();
      const record: LockRequestRecord = {
        campaign: campaign.slug,
        code: newConfirmationCode(),
        status: take ? 'requested' : 'waitlisted',
        delivery: input.delivery,
        ...(input.delivery === 'pickup' ? { siteId: input.siteId } : {}),
        lockType: input.lockType,
        quantity: input.quantity,
        language: input.language,
        name: input.name,
        ...(input.email ? { email: input.email } : {}),
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.delivery === 'mail' && input.address ? { address: input.address } : {}),
        statusSecret: newStatusSecret(),
        householdKeys: householdMatchValues(campaign.slug, {
          ...(input.delivery === 'mail' ? { address: input.address } : {}),
          email: input.email,
          phone: input.phone,
        }).map(sha256),
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        ...(take && input.delivery === 'pickup' ? { holdUntil: holdEnd(at, campaign.locks.reservationDays, campaignTimeZone(campaign)).toISOString() } : {}),
        history: [{ status: take ? 'requested' : 'waitlisted', at: at.toISOString() }],
      };
      const stored = response(record, 201);
      const emailId = randomUUID();
      const outcome = await store.lockRequests.create({
        record,
        allocate: take,
        pool,
        householdExpiresAt: epochSeconds(addDays(at, campaign.locks.requestPeriodDays)),
        ...(key
          ? { idempotency: { keyHash: sha256(key), fingerprint, response: stored, expiresAt: epochSeconds(at) + IDEMPOTENCY_HOURS * 3600 } }
          : {}),
        ...(record.email ? { emailId, emailKind: take ? 'confirmation' : 'waitlisted' } : {}),
      });
      return { outcome, stored, record, emailId };
    };

    // A lost race on a key that has since expired, or a code drawn twice: draw again, a few times.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      let attempted = await attemptCreate(true);
      if (attempted.outcome.kind === 'out_of_stock') {
        if (!input.waitlist) throw new OutOfStockError();
        attempted = await attemptCreate(false);
      }
      const { outcome, stored, record, emailId } = attempted;
      switch (outcome.kind) {
        case 'created':
          if (record.email) await deliverNow(emailId, record.status === 'waitlisted' ? 'waitlisted' : 'confirmation', record, { record, campaign });
          // Stock may have come back between the refusal and this write: serve the line now.
          if (record.status === 'waitlisted') await serveWaitlist(campaign, pool, record.lockType);
          return { ...stored, duplicate: false };
        case 'replay':
          return replayed(outcome, fingerprint);
        case 'duplicate': {
          const existing = await store.lockRequests.get(campaign.slug, outcome.code);
          await sendReminder(existing);
          return { status: 200, confirmationCode: outcome.code, requestStatus: existing?.status ?? 'requested', statusPath: '', duplicate: true };
        }
        default:
          break;
      }
    }
    throw new ConflictError('Your request could not be saved. Please try again.', 'busy');
  }

  // -------------------------------------------------------------------------------------------
  // The resident's private status page

  /**
   * A reservation past its date reads as lapsed at once, but only the sweep writes the lapse (a
   * GET never changes anything, and a link scanner opening the page must not cancel it).
   */
  function asSeen(record: LockRequestRecord): LockRequestRecord {
    if (record.delivery !== 'pickup' || !HOLDS_STOCK.has(record.status) || !record.holdUntil) return record;
    if (record.holdUntil > now().toISOString()) return record;
    return { ...record, status: 'cancelled', cancelReason: 'lapsed' };
  }

  /** The request behind a status link, or null (absent, expired or a wrong secret look the same). */
  async function forResident(campaign: Campaign, code: string, secret: string): Promise<LockRequestRecord | null> {
    const record = await store.lockRequests.get(campaign.slug, code);
    if (!record || !sameSecret(record.statusSecret, secret)) return null;
    return asSeen(record);
  }

  async function cancelByResident(campaign: Campaign, code: string, secret: string): Promise<LockRequestRecord> {
    const record = await store.lockRequests.get(campaign.slug, code);
    if (!record || !sameSecret(record.statusSecret, secret)) throw new NotFoundError('We could not find that request.');
    if (asSeen(record).status === 'cancelled') return asSeen(record);
    if (!residentMayCancel(record.status)) {
      throw new ConflictError('This request can no longer be cancelled.', 'not_cancellable');
    }
    await move(campaign, record, 'cancelled', 'resident');
    return (await store.lockRequests.get(campaign.slug, code)) ?? record;
  }

  /**
   * One status change with everything that goes with it: stock returned or held, dates, the
   * email, the TTL once final, the household released after a cancellation by the resident or a
   * lapse, and the waitlist served from returned stock.
   */
  async function move(campaign: Campaign, record: LockRequestRecord, to: RequestStatus, reason?: CancelReason) {
    const at = now();
    const change: StatusChange = { record, to, at: at.toISOString() };
    if (to === 'ready') change.holdUntil = holdEnd(at, campaign.locks.reservationDays, campaignTimeZone(campaign)).toISOString();
    if (FINAL.has(to)) change.expiresAt = epochSeconds(addDays(at, campaign.locks.retentionDays));
    if (to === 'cancelled') {
      change.cancelReason = reason ?? 'staff';
      if (HOLDS_STOCK.has(record.status)) change.stockDelta = { pool: poolOf(record), quantity: record.quantity };
      if (record.status === 'waitlisted') change.stockDelta = { pool: poolOf(record), quantity: 0, waiting: -1 };
    }
    const kind = emailForChange(to, reason);
    if (kind && record.email) {
      change.emailId = randomUUID();
      change.emailKind = kind;
    }
    const result = await store.lockRequests.change(change);
    if (result !== 'changed') throw new ConflictError('This request changed in the meantime. Reload and try again.', 'stale');
    if (change.emailId) await deliverNow(change.emailId, change.emailKind!, record);
    if (to === 'cancelled' && (reason === 'resident' || reason === 'lapsed')) await store.lockRequests.releaseHousehold(record);
    if (change.stockDelta && change.stockDelta.quantity > 0) await serveWaitlist(campaign, change.stockDelta.pool, record.lockType);
  }

  // -------------------------------------------------------------------------------------------
  // Stock and the waitlist

  /** Serves waitlisted requests for one pool and lock type strictly in arrival order. */
  async function serveWaitlist(campaign: Campaign, pool: string, lockType: LockType): Promise<number> {
    const waiting = (await store.lockRequests.list(campaign.slug, 'waitlisted')).filter(
      (r) => poolOf(r) === pool && r.lockType === lockType,
    );
    let served = 0;
    for (const record of waiting) {
      const at = now();
      const emailId = randomUUID();
      const result = await store.lockRequests.change({
        record,
        to: 'requested',
        at: at.toISOString(),
        stockDelta: { pool, quantity: -record.quantity, waiting: -1 },
        ...(record.delivery === 'pickup' ? { holdUntil: holdEnd(at, campaign.locks.reservationDays, campaignTimeZone(campaign)).toISOString() } : {}),
        ...(record.email ? { emailId, emailKind: 'allocated' } : {}),
      });
      if (result === 'out_of_stock') break;
      if (result !== 'changed') continue;
      served += 1;
      if (record.email) await deliverNow(emailId, 'allocated', record);
    }
    return served;
  }

  async function addStock(campaign: Campaign, pool: string, lockType: LockType, quantity: number) {
    const offered = pool === MAIL_POOL ? (campaign.locks.mail.enabled ? campaign.locks.mail.lockTypes : []) : campaign.pickupSites.find((s) => s.id === pool)?.lockTypes;
    if (!offered) throw new NotFoundError('There is no such pickup site in this campaign.', 'site_not_found');
    if (!offered.includes(lockType)) throw new ValidationError({ lockType: ['This site does not give out this kind of lock.'] });
    const after = await store.stock.add(campaign.slug, pool, lockType, quantity);
    if (after === null) throw new NotFoundError('This site has no stock record yet. Seed the campaign first.', 'site_not_found');
    const served = await serveWaitlist(campaign, pool, lockType);
    const stock = (await store.stock.forCampaign(campaign.slug)).get(pool) ?? {};
    return { pool, lockType, stock: stock[lockType] ?? 0, served };
  }

  // -------------------------------------------------------------------------------------------
  // Staff

  async function staffMove(campaign: Campaign, code: string, to: StaffTarget): Promise<LockRequestRecord> {
    const record = await store.lockRequests.get(campaign.slug, code);
    if (!record) throw new NotFoundError('There is no such request.', 'request_not_found');
    if (record.status === to) return record;
    if (!staffMayMove(record.delivery, record.status, to)) {
      throw new ConflictError(`A ${record.delivery} request that is ${record.status} cannot be marked ${to}.`, 'invalid_transition');
    }
    await move(campaign, record, to, to === 'cancelled' ? 'staff' : undefined);
    return (await store.lockRequests.get(campaign.slug, code)) ?? record;
  }

  async function list(campaign: Campaign, filter: { status?: RequestStatus; siteId?: string }) {
    const statuses: RequestStatus[] = filter.status ? [filter.status] : ['requested', 'ready', 'waitlisted', 'shipped', 'picked_up', 'cancelled'];
    const all = (await Promise.all(statuses.map((s) => store.lockRequests.list(campaign.slug, s)))).flat();
    return filter.siteId ? all.filter((r) => poolOf(r) === filter.siteId) : all;
  }

  /** Mail requests waiting to ship: only what a shipping label needs. */
  async function shippingCsv(campaign: Campaign): Promise<string> {
    const rows = (await store.lockRequests.list(campaign.slug, 'requested')).filter((r) => r.delivery === 'mail' && r.address);
    return stringify(
      rows.map((r) =>
        [r.code, r.name, r.address!.line1, r.address!.line2 ?? '', r.address!.city, r.address!.state, r.address!.zip, r.lockType, r.quantity].map(
          neutralizeCell,
        ),
      ),
      {
        header: true,
        columns: ['confirmation_code', 'name', 'address_line1', 'address_line2', 'city', 'state', 'zip', 'lock_type', 'quantity'],
        bom: true,
        record_delimiter: 'windows',
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Email: the outbox is written with each change; this sends what is due.

  async function deliver(entry: OutboxEntry, known?: { record: LockRequestRecord; campaign: Campaign }): Promise<'sent' | 'dropped' | 'failed'> {
    // Read fresh unless the caller holds exactly what was just written (a new request).
    const record = known?.record ?? (await store.lockRequests.get(entry.campaign, entry.code));
    const campaign = known?.campaign ?? (await store.campaigns.get(entry.campaign));
    if (!record?.email || !campaign) {
      // The request's data is gone (TTL) or there is no address: nothing to send, nothing to keep.
      await store.outbox.sent(entry.id);
      return 'dropped';
    }
    const site = record.siteId ? campaign.pickupSites.find((s) => s.id === record.siteId) : undefined;
    const locale: SiteLocale = record.language === 'es' ? 'es' : 'en';
    try {
      const email = renderLockEmail({
        kind: entry.kind as LockEmailKind,
        language: record.language,
        campaignName: campaign.name,
        confirmationCode: record.code,
        statusUrl: new URL(statusPath(record), config.siteUrl).toString(),
        delivery: record.delivery,
        lockType: record.lockType,
        quantity: record.quantity,
        ...(site
          ? {
              site: {
                name: site.name[locale],
                address: `${site.address.line1}, ${site.address.city}, ${site.address.state} ${site.address.zip}`,
                hours: site.hours[locale],
              },
            }
          : {}),
        ...(record.holdUntil ? { holdUntil: localDate(new Date(record.holdUntil), campaignTimeZone(campaign)) } : {}),
      });
      await deps.mailer.send({ to: record.email, subject: email.subject, text: email.text, html: email.html });
      await store.outbox.sent(entry.id);
      return 'sent';
    } catch (error) {
      const retryIn = EMAIL_RETRY_MINUTES[entry.attempts];
      const retryAt = retryIn === undefined ? null : new Date(now().getTime() + retryIn * 60_000).toISOString();
      await store.outbox.failed(entry, (error as Error).name || 'Error', retryAt);
      deps.logger.warn(retryAt ? 'email failed, will retry' : 'email failed, kept for staff', {
        kind: entry.kind,
        attempts: entry.attempts + 1,
        errorName: (error as Error).name,
      });
      return 'failed';
    }
  }

  /** Sends the email a change just queued; a failure leaves it to the outbox's retries. */
  async function deliverNow(id: string, kind: string, record: LockRequestRecord, known?: { record: LockRequestRecord; campaign: Campaign }) {
    const at = now().toISOString();
    await deliver({ id, kind, campaign: record.campaign, code: record.code, attempts: 0, createdAt: at }, known);
  }

  /** Sends every due email. Failures are recorded on the entry, never thrown to the caller. */
  async function deliverDue() {
    const counts = { sent: 0, dropped: 0, failed: 0 };
    for (const entry of await store.outbox.due()) counts[await deliver(entry)] += 1;
    return counts;
  }

  /**
   * The periodic sweep: lapse reservations past their date (live and ended campaigns), close the
   * waitlists of ended campaigns (those requests can no longer be served, and closing them starts
   * their retention clock), then send what is due.
   */
  async function sweep() {
    let lapsed = 0;
    let closed = 0;
    const [live, ended] = await Promise.all([store.campaigns.listLive(), store.campaigns.listByStatus('ended')]);
    for (const campaign of [...live, ...ended]) {
      const holding = [...(await store.lockRequests.list(campaign.slug, 'requested')), ...(await store.lockRequests.list(campaign.slug, 'ready'))];
      for (const record of holding) {
        if (record.delivery !== 'pickup' || !record.holdUntil || record.holdUntil > now().toISOString()) continue;
        if (await settle(() => move(campaign, record, 'cancelled', 'lapsed'))) lapsed += 1;
      }
    }
    for (const campaign of ended) {
      for (const record of await store.lockRequests.list(campaign.slug, 'waitlisted')) {
        if (await settle(() => move(campaign, record, 'cancelled', 'ended'))) closed += 1;
      }
    }
    // Stock that came back while nobody served the line (a change that failed half way, or a
    // request that joined the waitlist just as stock returned) goes to the line now.
    let served = 0;
    for (const campaign of live) {
      const waiting = await store.lockRequests.list(campaign.slug, 'waitlisted');
      if (!waiting.length) continue;
      const stock = await store.stock.forCampaign(campaign.slug);
      const lines = new Set(waiting.map((r) => `${poolOf(r)}|${r.lockType}`));
      for (const line of lines) {
        const [pool, lockType] = line.split('|') as [string, LockType];
        if ((stock.get(pool)?.[lockType] ?? 0) > 0) served += await serveWaitlist(campaign, pool, lockType);
      }
    }
    return { lapsed, closed, served, emails: await deliverDue() };
  }

  /** Runs one change; false when it lost a race (someone changed the request meanwhile). */
  async function settle(change: () => Promise<void>): Promise<boolean> {
    try {
      await change();
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // The form's token: when it was shown, signed, so a bot cannot skip the minimum fill time.

  async function issueFormToken(): Promise<string> {
    const body = `${now().getTime()}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${(await hmac(`form:${body}`)).slice(0, 32)}`;
  }

  async function checkFormToken(token: string | undefined): Promise<FormTokenCheck> {
    const parts = (token ?? '').split('.');
    const [issued, nonce, mac] = parts;
    if (parts.length !== 3 || !issued || !nonce || !mac || !/^\d{1,15}$/.test(issued)) return 'invalid';
    if (!sameSecret(mac, (await hmac(`form:${issued}.${nonce}`)).slice(0, 32))) return 'invalid';
    // Milliseconds: a whole-second clock would let a post just after a second boundary through early.
    const ageMs = now().getTime() - Number(issued);
    if (ageMs < config.formMinFillSeconds * 1000) return 'too_fast';
    return ageMs > FORM_TOKEN_MAX_AGE_SECONDS * 1000 ? 'invalid' : 'ok';
  }

  return {
    submit,
    forResident,
    cancelByResident,
    staffMove,
    list,
    addStock,
    shippingCsv,
    sweep,
    issueFormToken,
    checkFormToken,
  };
}

export type LockService = ReturnType<typeof lockService>;
