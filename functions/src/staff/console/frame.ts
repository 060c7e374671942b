import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CampaignReader } from '../../campaigns/index.ts';
import type { AppConfig } from '../../config.ts';
import type { Campaign } from '../../domain/campaign.ts';
import type { AppEnv, StaffPrincipal } from '../../platform/http/env.ts';
import { CRISIS_ACTION } from '../../platform/pages/parts.ts';
import type { Shells } from '../../platform/pages/shells.ts';
import type { KeyRing } from '../../platform/secrets/key-ring.ts';
import { logSignInRefused, type StaffAccess } from '../access.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { PledgeExportSource } from '../exports/pledge-export.ts';
import { mayAct, type StaffRole } from '../rules/roles.ts';
import { csrfToken, readSession, sessionCookies } from '../sign-in/session.ts';
import type { ChartSource } from './chart-data.ts';
import type { ConsoleLocks } from './ports.ts';
import { CONSOLE_TEXT } from './text.ts';

export type Locale = 'en' | 'es';
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface ConsoleDeps {
  config: Pick<AppConfig, 'siteUrl' | 'allowedOrigins'>;
  access: StaffAccess;
  keyRing: KeyRing;
  campaigns: CampaignReader;
  shells: Shells;
  auditLog: AuditLog;
  outbox: { dead(): Promise<{ id: string; campaign: string; ref: string; kind: string; attempts: number; lastError?: string }[]>; requeue(id: string): Promise<boolean> };
  charts: readonly ChartSource[];
  locks: ConsoleLocks;
  pledges?: PledgeExportSource;
}

/** The signed-in person of a console request, with their session's CSRF token for forms. */
export interface ConsoleSession {
  principal: StaffPrincipal;
  token: string;
  csrf: string;
}

export const prefixOf = (locale: Locale) => (locale === 'es' ? '/es' : '');
export const consoleHome = (locale: Locale) => `${prefixOf(locale)}/staff/`;
export const campaignBase = (locale: Locale, slug: string) => `${prefixOf(locale)}/staff/c/${slug}/`;

/** The session cookie's principal, or null (never a bearer token: the console is a browser's). */
export async function consoleSession(c: Context<AppEnv>, deps: ConsoleDeps): Promise<ConsoleSession | null> {
  const token = readSession(c, sessionCookies(deps.config.siteUrl));
  if (!token) return null;
  const checked = await deps.access.check(token);
  if (!checked.principal) {
    logSignInRefused(c, checked.refusal, 'cookie');
    return null;
  }
  return { principal: checked.principal, token, csrf: await csrfToken(deps.keyRing, token) };
}

export const csrfField = (session: ConsoleSession) => html`<input type="hidden" name="csrf" value="${session.csrf}">`;

const SECTIONS: readonly { key: 'dashboard' | 'requests' | 'stock' | 'exports' | 'emails' | 'audit'; path: string; role: StaffRole }[] = [
  { key: 'dashboard', path: '', role: 'viewer' },
  { key: 'requests', path: 'requests/', role: 'fulfilment' },
  { key: 'stock', path: 'stock/', role: 'fulfilment' },
  { key: 'exports', path: 'exports/', role: 'viewer' },
  { key: 'emails', path: 'emails/', role: 'fulfilment' },
  { key: 'audit', path: 'audit/', role: 'admin' },
];

/** The bar every signed-in page starts with: who, sign out, and the campaign's sections this person may open. */
export function consoleBar(locale: Locale, session: ConsoleSession, campaign?: Campaign, current?: string): Html {
  const t = CONSOLE_TEXT[locale];
  const sections = campaign ? SECTIONS.filter((s) => mayAct(session.principal, campaign.slug, s.role)) : [];
  return html`<div class="staff-bar">
<p>${t.signedInAs(session.principal.id)}</p>
<form method="post" action="${prefixOf(locale)}/staff/sign-out">${csrfField(session)}<button type="submit" class="button button--secondary">${t.signOut}</button></form>
</div>
<nav class="staff-nav" aria-label="${t.nav}"><ul>
<li><a href="${consoleHome(locale)}">${t.allCampaigns}</a></li>
${sections.map((s) => {
  const href = `${campaignBase(locale, campaign!.slug)}${s.path}`;
  return html`<li><a href="${href}"${current === s.key ? html` aria-current="page"` : ''}>${t[s.key]}</a></li>`;
})}
</ul></nav>`;
}

export interface PageOptions {
  title: string;
  body: Html;
  status?: 200 | 400 | 403 | 404 | 503;
  hasErrors?: boolean;
}

/** A console page in the staff shell: never cached, never indexed, the crisis line at the end. */
export async function consolePage(c: Context<AppEnv>, deps: Pick<ConsoleDeps, 'shells'>, locale: Locale, options: PageOptions) {
  const main = await html`<div class="staff">
<h1>${options.title}</h1>
${options.body}
<p class="staff__crisis" data-action>${CRISIS_ACTION[locale]}</p>
</div>`;
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
  // An error is answered at the console's own address: the page never repeats a path it was sent.
  const path = (options.status ?? 200) >= 400 ? 'staff' : c.req.path.replace(/^\/(?:es\/)?/, '').replace(/\/$/, '');
  const page = deps.shells.render('staff', locale, { path, main: main.toString(), noindex: true, ...(options.hasErrors ? { hasErrors: true } : {}) });
  return c.html(page, options.status ?? 200);
}
