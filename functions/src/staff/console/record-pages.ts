import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { AUDIT_RETENTION_DAYS } from '../audit/audit-log.ts';
import { mayAct, type StaffRole } from '../rules/roles.ts';
import type { ConsoleHandler } from './console-routes.ts';
import { campaignBase, consoleBar, consolePage, csrfField, type ConsoleDeps, type Locale } from './frame.ts';
import { CONSOLE_TEXT } from './text.ts';

type PageFactory = (locale: Locale, role: StaffRole, handler: ConsoleHandler) => (c: Context<AppEnv>) => Promise<Response>;

/** Downloads (plain GET forms to the streamed exports), failed emails with "send again", the audit log. */
export function recordPages(routes: Hono<AppEnv>, deps: ConsoleDeps, locale: Locale, page: PageFactory): void {
  const t = CONSOLE_TEXT[locale];
  const prefix = locale === 'es' ? '/es' : '';
  const dates = (id: string) => html`<div class="field"><label class="field__label" for="${id}-from">${t.from}</label><input class="field__input field__input--zip" id="${id}-from" name="from" pattern="\\d{4}-\\d{2}-\\d{2}" inputmode="numeric"></div>
<div class="field"><label class="field__label" for="${id}-to">${t.to}</label><input class="field__input field__input--zip" id="${id}-to" name="to" pattern="\\d{4}-\\d{2}-\\d{2}" inputmode="numeric"></div>`;

  routes.get(
    `${prefix}/staff/c/:slug/exports/`,
    page(locale, 'viewer', async ({ c, session, staff }) => {
      const api = `/api/staff/campaigns/${staff.campaign.slug}`;
      const may = (role: StaffRole) => mayAct(session.principal, staff.campaign.slug, role);
      const body = html`${consoleBar(locale, session, staff.campaign, 'exports')}
<h2>${t.exports}</h2>
<p>${t.exportsNote}</p>
${may('fulfilment') ? html`<section class="staff-card" aria-labelledby="export-locks"><h3 id="export-locks">${t.exportLocks}</h3><p>${t.exportLocksHint}</p>
<form method="get" action="${api}/lock-requests.csv">
<div class="field"><label class="field__label" for="locks-status">${t.status}</label><select id="locks-status" name="status">${[...deps.locks.statuses, 'all'].map((s) => html`<option value="${s}"${s === 'requested' ? ' selected' : ''}>${s === 'all' ? t.all : (t.statusNames[s] ?? s)}</option>`)}</select></div>
<div class="field"><label class="field__label" for="locks-delivery">${t.delivery}</label><select id="locks-delivery" name="delivery"><option value="mail">${t.mail}</option><option value="pickup">${t.pickup}</option><option value="all">${t.all}</option></select></div>
${dates('locks')}
<button type="submit" class="button">${t.download}</button></form></section>` : ''}
${may('exporter') ? html`<section class="staff-card" aria-labelledby="export-pledges"><h3 id="export-pledges">${t.exportPledges}</h3><p>${t.exportPledgesHint}</p>
${deps.pledges ? html`<form method="get" action="${api}/pledges.csv">${dates('pledges')}<button type="submit" class="button">${t.download}</button></form>` : html`<p>${t.noPledges}</p>`}</section>` : ''}`;
      return consolePage(c, deps, locale, { title: staff.campaign.name, body });
    }),
  );

  routes.get(
    `${prefix}/staff/c/:slug/emails/`,
    page(locale, 'fulfilment', async ({ c, session, staff }) => {
      const dead = (await deps.outbox.dead()).filter((e) => e.campaign === staff.campaign.slug);
      const base = `${campaignBase(locale, staff.campaign.slug)}emails/`;
      const body = html`${consoleBar(locale, session, staff.campaign, 'emails')}
<h2>${t.emails}</h2>
${dead.length === 0 ? html`<p>${t.noEmails}</p>` : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t.emails}"><table class="staff-table"><caption class="visually-hidden">${t.emails}</caption>
<thead><tr><th scope="col">${t.code}</th><th scope="col">${t.emailKind}</th><th scope="col">${t.attempts}</th><th scope="col">${t.lastError}</th><th scope="col">${t.actions}</th></tr></thead>
<tbody>${dead.map((e) => html`<tr><th scope="row">${e.ref}</th><td>${e.kind}</td><td>${e.attempts}</td><td>${e.lastError ?? ''}</td>
<td><form method="post" action="${base}${e.id}">${csrfField(session)}<button type="submit" class="button button--secondary">${t.requeue}<span class="visually-hidden"> (${e.ref})</span></button></form></td></tr>`)}</tbody></table></div>`}`;
      return consolePage(c, deps, locale, { title: staff.campaign.name, body });
    }),
  );

  routes.post(
    `${prefix}/staff/c/:slug/emails/:id`,
    page(locale, 'fulfilment', async ({ c, staff }) => {
      const entry = (await deps.outbox.dead()).find((e) => e.id === c.req.param('id') && e.campaign === staff.campaign.slug);
      if (!entry) throw new NotFoundError('There is no such failed email.');
      await deps.outbox.requeue(entry.id);
      await staff.audit({ action: 'email.requeue', filters: { ref: entry.ref, kind: entry.kind }, rows: 1, outcome: 'done' });
      return c.redirect(`${campaignBase(locale, staff.campaign.slug)}emails/`, 303);
    }),
  );

  routes.get(
    `${prefix}/staff/c/:slug/audit/`,
    page(locale, 'admin', async ({ c, session, staff }) => {
      const cursor = c.req.query('cursor');
      const { records, next } = await staff.auditLog.list(staff.campaign.slug, { limit: 50, ...(cursor ? { cursor: cursor.slice(0, 400) } : {}) });
      const body = html`${consoleBar(locale, session, staff.campaign, 'audit')}
<h2>${t.audit}</h2>
<p>${t.kept(AUDIT_RETENTION_DAYS)}</p>
${records.length === 0 ? html`<p>${t.noAudit}</p>` : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t.audit}"><table class="staff-table"><caption class="visually-hidden">${t.audit}</caption>
<thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.action}</th><th scope="col">${t.filters}</th><th scope="col">${t.rows}</th><th scope="col">${t.outcome}</th></tr></thead>
<tbody>${records.map((r) => html`<tr><th scope="row">${r.at.replace('T', ' ').slice(0, 19)}</th><td>${r.actor}</td><td>${r.action}</td><td>${Object.entries(r.filters).map(([k, v]) => `${k}=${v}`).join(', ')}</td><td>${r.rows ?? ''}</td><td>${r.outcome}</td></tr>`)}</tbody></table></div>`}
${next ? html`<p><a href="?cursor=${encodeURIComponent(next)}">${t.older}</a></p>` : ''}`;
      return consolePage(c, deps, locale, { title: staff.campaign.name, body });
    }),
  );
}
