import type { OutboxHandler } from '../../platform/outbox/outbox.ts';
import { renderPledgeEmail } from '../emails/pledge-emails.ts';
import type { PledgeEmailKind } from '../rules/record.ts';
import { isNational, pledgePaths } from '../rules/scope.ts';
import { parsePledgeRef, type PledgeServiceDeps } from './deps.ts';
import { linkToken } from './links.ts';

/** The name pledge emails sign with for the national pledge. */
export const PLATFORM_NAME = 'Lockline';

/**
 * Sends a pledge's email from its outbox entry. It reads the pledge fresh, so nothing goes out about a pledge that was deleted, expired or unsubscribed
 * in the meantime; a confirmation for a pledge already confirmed is not sent either. The mailer
 * checks the platform's suppression list: a suppressed address is `dropped`, never retried.
 */
export function pledgeEmailHandler(deps: Pick<PledgeServiceDeps, 'pledges' | 'campaigns' | 'keyRing' | 'config' | 'mailer'>): OutboxHandler<PledgeEmailKind> {
  return async (entry) => {
    const ref = parsePledgeRef(entry.ref);
    if (!ref) return 'dropped';
    const record = await deps.pledges.get(ref.scope, ref.emailKey);
    if (!record || record.unsubscribedAt) return 'dropped';
    if (entry.kind === 'confirm' && record.status === 'confirmed') return 'dropped';
    const campaign = isNational(record.scope) ? null : await deps.campaigns.get(record.scope);
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
