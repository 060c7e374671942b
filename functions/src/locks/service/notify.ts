import { campaignTimeZone, withRetiredSites } from '../../domain/campaign.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { localDate } from '../../domain/time-zones.ts';
import type { Mailer } from '../../platform/email/mailer.ts';
import type { OutboxHandler } from '../../platform/outbox/outbox.ts';
import { renderLockEmail } from '../emails/lock-emails.ts';
import type { LockEmailKind, LockRequestRecord } from '../rules/lifecycle.ts';
import { reminderStep } from '../rules/plan.ts';
import { statusPath, type LockServiceDeps } from './deps.ts';

/**
 * Sends a lock request's email from its outbox entry. It reads the request fresh, so an email never goes out with data deleted in the meantime: a
 * request past its TTL, or without an email address, has nothing to send. A reminder (queued by a
 * repeat from the same address) goes only if it is due, and marks the request first, so repeats
 * that came together send one a day (rules/plan.ts `reminderStep`).
 */
export function lockEmailHandler(deps: Pick<LockServiceDeps, 'requests' | 'campaigns' | 'keyRing' | 'config' | 'clock'> & { mailer: Mailer }): OutboxHandler<LockEmailKind> {
  async function reminderGoes(record: LockRequestRecord, entryId: string): Promise<boolean> {
    const now = deps.clock.now();
    const next = reminderStep(record, entryId, now);
    if (next.step !== 'claim') return next.step === 'send';
    return deps.requests.markReminded({ record, by: entryId, at: now.toISOString(), remindedBefore: next.remindedBefore });
  }

  return async (entry) => {
    const record = await deps.requests.get(entry.campaign, entry.ref);
    const campaign = await deps.campaigns.get(entry.campaign);
    if (!record?.email || !campaign) return 'dropped';
    if (entry.kind === 'reminder' && !(await reminderGoes(record, entry.id))) return 'dropped';
    // A site taken out of the campaign file still has its requests: their emails keep its name.
    const site = record.siteId ? withRetiredSites(campaign).pickupSites.find((s) => s.id === record.siteId) : undefined;
    const locale: SiteLocale = record.language === 'es' ? 'es' : 'en';
    const email = renderLockEmail({
      kind: entry.kind,
      language: record.language,
      campaignName: campaign.name,
      confirmationCode: record.code,
      statusUrl: new URL(await statusPath(deps.keyRing, record), deps.config.siteUrl).toString(),
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
    return 'sent';
  };
}
