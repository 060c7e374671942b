import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { parseInput } from '../../platform/http/validate.ts';
import type { StaffRole } from '../rules/roles.ts';
import type { ConsoleHandler } from './console-routes.ts';
import { campaignBase, consoleBar, consolePage, csrfField, type ConsoleDeps, type Locale } from './frame.ts';
import type { ConsoleLockRequest } from './ports.ts';
import { CONSOLE_TEXT } from './text.ts';

const PAGE_SIZE = 25;

type PageFactory = (locale: Locale, role: StaffRole, handler: ConsoleHandler) => (c: Context<AppEnv>) => Promise<Response>;

/**
 * `cursor`: where the page starts (the signed `nextCursor` of the page before, checked by the lock
 * service); `page`: only the number shown in the caption (pages are read from the table one at a
 * time, so there is a Next link and a link back to the first page, not numbered pages).
 */
const listQuery = z
  .object({ status: z.string().max(20).optional(), site: z.string().max(40).optional(), cursor: z.string().max(1000).optional(), page: z.coerce.number().int().min(1).max(10_000).optional() })
  .strip();
const moveForm = z.object({ status: z.string().min(1).max(20), back: z.string().max(1200).optional() }).strip();
const stockForm = z.object({ site: z.string().min(1).max(40), lockType: z.string().min(1).max(20), quantity: z.coerce.number().int().min(1).max(10_000) }).strip();

/** Only a query string of our own list page may be a place to come back to. */
const safeBack = (back: string | undefined) => (back && /^\?[\w=&%-]*$/.test(back) ? back : '');

function contact(r: ConsoleLockRequest) {
  const address = r.address ? [r.address.line1, r.address.line2, `${r.address.city}, ${r.address.state} ${r.address.zip}`].filter(Boolean).join(', ') : '';
  return html`${r.name}${r.email ? html`<br>${r.email}` : ''}${r.phone ? html`<br>${r.phone}` : ''}${address ? html`<br>${address}` : ''}`;
}

/** Lock requests (filters, pages, a change form on each) and stock with its restock form. */
export function lockPages(routes: Hono<AppEnv>, deps: ConsoleDeps, locale: Locale, page: PageFactory): void {
  const t = CONSOLE_TEXT[locale];
  const prefix = locale === 'es' ? '/es' : '';

  routes.get(
    `${prefix}/staff/c/:slug/requests/`,
    page(locale, 'fulfilment', async ({ c, session, staff }) => {
      const q = parseInput(listQuery, c.req.query());
      const status = q.status && deps.locks.statuses.includes(q.status) ? q.status : undefined;
      const sites = [...staff.campaign.pickupSites.map((s) => ({ id: s.id, name: s.name[locale] })), ...(staff.campaign.locks.mail.enabled ? [{ id: 'mail', name: t.mail }] : [])];
      // Like the status: only one of the campaign's own, since the filter goes into the audit log.
      const site = q.site && sites.some((s) => s.id === q.site) ? q.site : undefined;
      const filter = { ...(status ? { status } : {}), ...(site ? { site } : {}) };
      const cursor = q.cursor || undefined;
      const current = cursor ? (q.page ?? 2) : 1;
      const { requests: shown, nextCursor } = await deps.locks.page(staff.campaign, filter, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      await staff.audit({ action: 'lock_requests.list', filters: { ...filter, page: String(current) }, rows: shown.length, outcome: 'done' });
      const base = `${campaignBase(locale, staff.campaign.slug)}requests/`;
      const query = (at: { cursor?: string; page?: number }) => `?${new URLSearchParams({ ...filter, ...(at.cursor ? { cursor: at.cursor, page: String(at.page) } : {}) })}`;
      const body = html`${consoleBar(locale, session, staff.campaign, 'requests')}
<h2>${t.requests}</h2>
<form method="get" action="${base}" class="staff-filters">
<div class="field"><label class="field__label" for="status">${t.status}</label><select id="status" name="status"><option value="">${t.any}</option>${deps.locks.statuses.map((s) => html`<option value="${s}"${s === status ? ' selected' : ''}>${t.statusNames[s] ?? s}</option>`)}</select></div>
<div class="field"><label class="field__label" for="site">${t.site}</label><select id="site" name="site"><option value="">${t.any}</option>${sites.map((s) => html`<option value="${s.id}"${s.id === site ? ' selected' : ''}>${s.name}</option>`)}</select></div>
<button type="submit" class="button button--secondary">${t.show}</button>
</form>
${shown.length === 0 ? html`<p>${t.noRequests}</p>` : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t.requests}"><table class="staff-table">
<caption>${t.page(current)}</caption>
<thead><tr><th scope="col">${t.code}</th><th scope="col">${t.status}</th><th scope="col">${t.person}</th><th scope="col">${t.what}</th><th scope="col">${t.asked}</th><th scope="col">${t.actions}</th></tr></thead>
<tbody>${shown.map((r) => {
        const moves = deps.locks.moves(r);
        const id = `to-${r.code}`;
        const duplicate = r.possibleDuplicateOf ? html`<br><strong data-possible-duplicate="${r.possibleDuplicateOf}">${t.possibleDuplicate(r.possibleDuplicateOf)}</strong>` : '';
        return html`<tr><th scope="row">${r.code}</th><td>${t.statusNames[r.status] ?? r.status}${duplicate}</td><td>${contact(r)}</td>
<td>${r.quantity} × ${t.lockTypes[r.lockType] ?? r.lockType}<br>${r.delivery === 'mail' ? t.mail : (sites.find((s) => s.id === r.siteId)?.name ?? r.siteId)}</td><td>${r.createdAt.slice(0, 10)}</td>
<td>${moves.length ? html`<form method="post" action="${base}${r.code}" class="staff-inline">${csrfField(session)}<input type="hidden" name="back" value="${query(cursor ? { cursor, page: current } : {})}"><label class="visually-hidden" for="${id}">${t.markAs} (${r.code})</label><select id="${id}" name="status">${moves.map((m) => html`<option value="${m}">${t.statusNames[m] ?? m}</option>`)}</select> <button type="submit" class="button button--secondary">${t.save}</button></form>` : ''}</td></tr>`;
      })}</tbody></table></div>`}
<nav class="staff-pages" aria-label="${t.page(current)}">${cursor ? html`<a href="${base}${query({})}">${t.first}</a>` : ''} ${nextCursor ? html`<a href="${base}${query({ cursor: nextCursor, page: current + 1 })}" rel="next">${t.next}</a>` : ''}</nav>`;
      return consolePage(c, deps, locale, { title: staff.campaign.name, body });
    }),
  );

  routes.post(
    `${prefix}/staff/c/:slug/requests/:code`,
    page(locale, 'fulfilment', async ({ c, staff }) => {
      const form = parseInput(moveForm, await c.req.parseBody());
      const code = c.req.param('code') ?? '';
      await deps.locks.move(staff.campaign, code, form.status);
      await staff.audit({ action: 'lock_request.status', filters: { code, to: form.status }, rows: 1, outcome: 'done' });
      return c.redirect(`${campaignBase(locale, staff.campaign.slug)}requests/${safeBack(form.back)}`, 303);
    }),
  );

  routes.get(
    `${prefix}/staff/c/:slug/stock/`,
    page(locale, 'fulfilment', async ({ c, session, staff }) => {
      const stock = await deps.locks.stock(staff.campaign.slug);
      const pools = [
        ...staff.campaign.pickupSites.map((s) => ({ id: s.id, key: s.id, name: s.name[locale], types: s.lockTypes as readonly string[] })),
        ...(staff.campaign.locks.mail.enabled ? [{ id: 'mail', key: '_mail', name: t.mail, types: staff.campaign.locks.mail.lockTypes as readonly string[] }] : []),
      ];
      const body = html`${consoleBar(locale, session, staff.campaign, 'stock')}
<h2>${t.stock}</h2>
${pools.map((p) => html`<section class="staff-card" aria-labelledby="pool-${p.id}"><h3 id="pool-${p.id}">${p.name}</h3>
<p>${t.inStock}: ${p.types.map((type) => `${t.lockTypes[type] ?? type} ${stock.get(p.key)?.[type] ?? 0}`).join(', ')}</p>
<form method="post" action="${campaignBase(locale, staff.campaign.slug)}stock/" class="staff-inline">${csrfField(session)}<input type="hidden" name="site" value="${p.id}">
<div class="field"><label class="field__label" for="type-${p.id}">${t.lockType}</label><select id="type-${p.id}" name="lockType">${p.types.map((type) => html`<option value="${type}">${t.lockTypes[type] ?? type}</option>`)}</select></div>
<div class="field"><label class="field__label" for="qty-${p.id}">${t.quantity}</label><input id="qty-${p.id}" name="quantity" type="number" inputmode="numeric" min="1" max="10000" required class="field__input field__input--zip"></div>
<button type="submit" class="button button--secondary">${t.restock}</button></form></section>`)}`;
      return consolePage(c, deps, locale, { title: staff.campaign.name, body });
    }),
  );

  routes.post(
    `${prefix}/staff/c/:slug/stock/`,
    page(locale, 'fulfilment', async ({ c, staff }) => {
      const form = stockForm.safeParse(await c.req.parseBody());
      if (!form.success) throw new ValidationError({ quantity: [locale === 'es' ? 'Escriba un número de 1 a 10000.' : 'Enter a number from 1 to 10000.'] }, locale === 'es' ? 'Escriba un número de 1 a 10000.' : 'Enter a number from 1 to 10000.');
      await deps.locks.addStock(staff.campaign, form.data.site, form.data.lockType, form.data.quantity);
      await staff.audit({ action: 'stock.add', filters: { site: form.data.site, lockType: form.data.lockType, quantity: String(form.data.quantity) }, outcome: 'done' });
      return c.redirect(`${campaignBase(locale, staff.campaign.slug)}stock/`, 303);
    }),
  );
}
