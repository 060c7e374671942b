import type { Campaign } from '../../domain/campaign.ts';
import type { OutboxHandler } from '../../platform/outbox/outbox.ts';
import { renderPledgeEmail } from '../emails/pledge-emails.ts';
import type { PledgeEmailKind, PledgeRecord } from '../rules/record.ts';
import { isNational, pledgePaths } from '../rules/scope.ts';
import { parsePledgeRef, type PledgeServiceDeps } from './deps.ts';
import { linkToken } from './links.ts';

/** The name pledge emails sign with for the national pledge. */
export const PLATFORM_NAME = 'Lockline';

/** What a sender may hand over with a fresh entry: the pledge it has just written, and its campaign (null: national). */
interface Known {
  record: PledgeRecord;
  campaign?: Campaign | null;
}

const isKnown = (value: unknown): value is Known => typeof value === 'object' && value !== null && 'record' in value;

/**
 * Sends a pledge's email from its outbox entry. It reads the pledge fresh (unless the sender has
 * just written it), so nothing goes out about a pledge that was deleted, expired or unsubscribed
 * in the meantime; a confirmation for a pledge already confirmed is not sent either. The mailer
 * checks the platform's suppression list: a suppressed address is `dropped`, never retried.
 */
export function pledgeEmailHandler(deps: Pick<PledgeServiceDeps, 'pledges' | 'campaigns' | 'keyRing' | 'config' | 'mailer'>): OutboxHandler<PledgeEmailKind> {
  return async (entry, known) => {
    const ref = parsePledgeRef(entry.ref);
    if (!ref) return 'dropped';
    const record = isKnown(known) ? known.record : await deps.pledges.get(ref.scope, ref.emailKey);
    if (!record || record.unsubscribedAt) return 'dropped';
    if (entry.kind === 'confirm' && record.status === 'confirmed') return 'dropped';
    const given = isKnown(known) ? known.campaign : undefined;
    const campaign = isNational(record.scope) ? null : given !== undefined ? given : await deps.campaigns.get(record.scope);
    if (!isNational(record.scope) && !campaign) return 'dropped';

    const locale = record.language === 'es' ? 'es' : 'en';
    const paths = pledgePaths(record.scope, locale);
    const url = (path: string) => new URL(path, deps.config.siteUrl).toString();
    const [confirm, unsubscribe, remove] = await Promise.all(
      (['confirm', 'unsubscribe', 'delete'] as const).map((kind) => linkToken(deps.keyRing, record, kind)),
    );
    const email = renderPledgeEmail({
      kind: entry.kind,
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
