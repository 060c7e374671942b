import type { Context } from 'hono';
import { html } from 'hono/html';
import type { SiteLocale } from '../../domain/locales.ts';
import { CRISIS_ACTION } from '../pages/parts.ts';
import type { ShellName, Shells } from '../pages/shells.ts';
import type { AppEnv } from './env.ts';
import { RETRY_AFTER_SECONDS, unavailableJson } from './errors.ts';
import { apiLocale, pathLocale } from './locale.ts';

const TEXT = {
  en: {
    heading: 'We could not finish this just now',
    read: 'Our system is busy or briefly down. Please try again in a minute.',
    write:
      'Our system is busy or briefly down, so we cannot tell whether what you sent was saved. Go back and send the form again, or reload this page. It is saved only once: sending it again will not make a second request or a second email.',
    hope: 'Help is available, day and night.',
  },
  es: {
    heading: 'No pudimos terminar esto ahora',
    read: 'Nuestro sistema está ocupado o fuera de servicio por un momento. Inténtelo de nuevo en un minuto.',
    write:
      'Nuestro sistema está ocupado o fuera de servicio por un momento, así que no sabemos si lo que envió se guardó. Vuelva atrás y envíe el formulario otra vez, o vuelva a cargar esta página. Se guarda una sola vez: enviarlo de nuevo no crea otra solicitud ni otro correo.',
    hope: 'Hay ayuda disponible, de día y de noche.',
  },
} as const;

const isFormPost = (c: Context<AppEnv>) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  return c.req.method === 'POST' && (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data');
};

/** A form post answered at an /api path is in the language the form names (its `language` field). */
async function formLocale(c: Context<AppEnv>): Promise<SiteLocale> {
  try {
    const body = await c.req.parseBody();
    return body.language === 'es' ? 'es' : 'en';
  } catch {
    return apiLocale(c);
  }
}

/** The shell and path a page about this request is drawn in (its own path; a pledge or lock page for an API form post). */
function shellFor(c: Context<AppEnv>): { name: ShellName; path: string } {
  const path = c.req.path.replace(/^\/(?:es\/)?/, '').replace(/\/$/, '');
  const pledge = /(^|\/)pledges?(\/|$)/.test(path);
  if (path.startsWith('api/')) return pledge ? { name: 'pledge', path: 'pledge' } : { name: 'get-a-lock', path: 'get-a-lock' };
  return { name: pledge ? 'pledge-manage' : 'get-a-lock', path: path || 'get-a-lock' };
}

/**
 * 503 with Retry-After when a dependency (DynamoDB, Secrets Manager) is busy or unreachable. JSON
 * clients get the error body in their language; pages and no-JavaScript form posts get a page in
 * the page's (or the form's) language, with the crisis lines, that says honestly what happened and
 * that sending again is safe (the form token makes a resent form a replay, never a second record).
 */
export async function unavailableAnswer(error: Error, c: Context<AppEnv>, shells: Shells): Promise<Response> {
  const apiPath = c.req.path.startsWith('/api/');
  if (apiPath && !isFormPost(c)) return unavailableJson(error, c);
  const locale = apiPath ? await formLocale(c) : pathLocale(c.req.path);
  const t = TEXT[locale];
  const sent = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  c.var.logger?.warn('dependency unavailable', { errorName: error.name });
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  c.header('Cache-Control', 'no-store');
  const main = String(html`<h1>${t.heading}</h1>
<p>${sent ? t.write : t.read}</p>
<p data-action><strong>${CRISIS_ACTION[locale]}</strong></p>
<p class="callout" data-hope>${t.hope}</p>`);
  try {
    const shell = shellFor(c);
    return c.html(shells.render(shell.name, locale, { path: shell.path, main, noindex: true }), 503);
  } catch {
    // No shells where this runs: the message and the crisis line as plain text, never a 500.
    return c.text(`${t.heading}. ${sent ? t.write : t.read} ${CRISIS_ACTION[locale]}`, 503);
  }
}
