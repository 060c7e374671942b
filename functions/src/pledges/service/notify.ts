import type { OutboxHandler } from '../../platform/outbox/outbox.ts';
import { renderPledgeEmail } from '../emails/pledge-emails.ts';
import { repeatStep, type PledgeEmailKind, type PledgeMessageKind, type PledgeRecord } from '../rules/record.ts';
import { isNational, pledgePaths } from '../rules/scope.ts';
import { parsePledgeRef, type PledgeServiceDeps } from './deps.ts';
import { linkToken } from './links.ts';

/** The name pledge emails sign with for the national pledge. */
export const PLATFORM_NAME = 'Lockline';

/**
 * Sends a pledge's email from its outbox entry. It reads the pledge fresh, so nothing goes out about a pledge that was deleted, expired or unsubscribed
 * in the meantime; a confirmation for a pledge already confirmed is not sent either. A repeat's
 * message becomes the email a repeat gets, at most one a day. The mailer checks the platform's
 * suppression list: a suppressed address is `dropped`, never retried.
 */
export function pledgeEmailHandler(deps: Pick<PledgeServiceDeps, 'pledges' | 'campaigns' | 'keyRing' | 'config' | 'mailer' | 'clock'>): OutboxHandler<PledgeMessageKind> {
  /** The email a repeat's message sends, if it is the one that goes today (rules/record.ts `repeatStep`). */
  async function repeatEmailOf(record: PledgeRecord, entryId: string): Promise<PledgeEmailKind | null> {
    const now = deps.clock.now();
    const next = repeatStep(record, entryId, now);
    if (next.step === 'drop') return null;
    if (next.step === 'send') return next.kind;
    const { scope, emailKey, nonce, lastEmailedAt: seen } = record;
    return (await deps.pledges.markEmailed({ scope, emailKey, nonce, seen, at: now.toISOString(), by: entryId })) ? next.kind : null;
  }

  return async (entry) => {
    const ref = parsePledgeRef(entry.ref);
    if (!ref) return 'dropped';
    const record = await deps.pledges.get(ref.scope, ref.emailKey);
    if (!record || record.unsubscribedAt) return 'dropped';
    const kind = entry.kind === 'repeat' ? await repeatEmailOf(record, entry.id) : entry.kind;
    if (!kind) return 'dropped';
    if (kind === 'confirm' && record.status === 'confirmed') return 'dropped';
    const campaign = isNational(record.scope) ? null : await deps.campaigns.get(record.scope);
    if (!isNational(record.scope) && !campaign) return 'dropped';

    const locale = record.language === 'es' ? 'es' : 'en';
    const paths = pledgePaths(record.scope, locale);
    const url = (path: string) => new URL(path, deps.config.siteUrl).toString();
    const [confirm, unsubscribe, remove] = await Promise.all(
      (['confirm', 'unsubscribe', 'delete'] as const).map((kind) => linkToken(deps.keyRing, record, kind)),
    );
    const email = renderPledgeEmail({
      kind,
      language: record.language,
      campaignName: campaign?.name ?? PLATFORM_NAME,
      confirmUrl: url(paths.confirm(confirm!)),
      unsubscribeUrl: url(paths.unsubscribe(unsubscribe!)),
      deleteUrl: url(paths.remove(remove!)),
    });
    const sent = await deps.mailer.send({ to: record.email, subject: email.subject, text: email.text, html: email.html, headers: email.headers });
    return sent.suppressed ? 'dropped' : 'sent';
  };
}
