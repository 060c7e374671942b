import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES, crisisLinks } from '../../../functions/src/domain/crisis-resources.ts';
import { LOCK_EMAIL_KINDS, renderLockEmail, type LockEmailData, type LockEmailKind } from '../../../functions/src/locks/emails/lock-emails.ts';
import { lintBlock, lintEnvelope, lintText, readability, THRESHOLDS, type Finding, type Locale } from '../../../scripts/content-lint.ts';

/**
 * The resident lock emails under the content linter (docs/content-rules.md, "Emails"): every kind in
 * LOCK_EMAIL_KINDS, in both languages, for each delivery it applies to.
 */

// An `&` in the link checks that the HTML escapes it and the text does not.
const STATUS_URL = 'https://lockline.example/r/Zx8q2kPw?t=abc&v=1';
const CODE = 'K7QM-3XPD';
const SITE = { name: 'Springfield Public Library', address: '220 Main St, Springfield, OR 97477', hours: 'Mon–Fri 10am–6pm' };

/** Which deliveries a kind applies to: ready and lapsed are pickup only, shipped is mail only. */
const DELIVERIES: Record<LockEmailKind, LockEmailData['delivery'][]> = {
  confirmation: ['mail', 'pickup'],
  waitlisted: ['mail', 'pickup'],
  allocated: ['mail', 'pickup'],
  ready: ['pickup'],
  shipped: ['mail'],
  cancelled: ['mail', 'pickup'],
  lapsed: ['pickup'],
  expired: ['mail', 'pickup'],
  reminder: ['mail', 'pickup'],
};

function email(kind: LockEmailKind, language: string, delivery: LockEmailData['delivery'], over: Partial<LockEmailData> = {}) {
  return renderLockEmail({
    kind,
    language,
    campaignName: 'Springfield Safe Storage',
    confirmationCode: CODE,
    statusUrl: STATUS_URL,
    delivery,
    lockType: delivery === 'mail' ? 'cable' : 'box',
    quantity: delivery === 'mail' ? 1 : 2,
    ...(delivery === 'pickup' ? { site: SITE, holdUntil: '2026-05-01' } : {}),
    ...over,
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const URL_RE = /https?:\/\/[^\s"'<>)]+/g;
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
const htmlBlocks = (html: string) => parse(html).querySelectorAll('h1, p').map((el) => el.text.replace(/\s+/g, ' ').trim()).filter(Boolean);

/** Body prose as the linter scores a page: links dropped, every block ends a sentence. */
function prose(text: string): string {
  return paragraphs(text.replace(URL_RE, ''))
    .map((p) => p.replace(/:$/, '').trim())
    .filter(Boolean)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

const cases = LOCK_EMAIL_KINDS.flatMap((kind) =>
  (['en', 'es'] as const).flatMap((locale) => DELIVERIES[kind].map((delivery) => ({ kind, locale, delivery }))),
);

describe('lock emails: every kind, language and delivery', () => {
  it('covers every kind in LOCK_EMAIL_KINDS', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(LOCK_EMAIL_KINDS));
    expect(Object.keys(DELIVERIES).sort()).toEqual([...LOCK_EMAIL_KINDS].sort());
  });

  describe.each(cases)('$kind, $locale, $delivery', ({ kind, locale, delivery }) => {
    const e = email(kind, locale, delivery);
    const root = parse(e.html);

    it('has a short subject with the code, and the status link in both parts', () => {
      expect(e.locale).toBe(locale);
      expect(e.subject).toContain(CODE);
      expect(e.subject).not.toMatch(/[\r\n]/);
      expect(e.subject.length).toBeLessThanOrEqual(80);
      expect(e.text).toContain(STATUS_URL);
      expect(e.html).toContain(`href="${escapeHtml(STATUS_URL)}"`);
      expect(e.html).not.toContain(STATUS_URL);
    });

    it('ends with the crisis lines from crisis-resources.ts', () => {
      for (const n of ['988', '741741', '911']) expect(e.text).toContain(n);
      expect(e.text).toContain(CRISIS_RESOURCES.closingLine[locale]);
      expect(e.text).toContain(CRISIS_RESOURCES.textLine.text[locale].label[locale]);
      expect(e.text.trimEnd().endsWith(CRISIS_RESOURCES.lifeline.options[locale])).toBe(true);
      const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href'));
      for (const link of crisisLinks(locale)) expect(hrefs).toContain(link.href);
      const blocks = htmlBlocks(e.html);
      expect(blocks.at(-1)).toBe(CRISIS_RESOURCES.lifeline.options[locale]);
    });

    it('is a complete, minimal, accessible HTML document', () => {
      expect(e.html.startsWith('<!doctype html>\n')).toBe(true);
      expect(e.html).toContain(`<html lang="${locale}">`);
      expect(e.html).toContain('<meta charset="utf-8">');
      expect(root.querySelector('title')?.text).toBe(e.subject);
      expect(root.querySelectorAll('h1')).toHaveLength(1);
      expect(e.html).not.toMatch(/<(?:img|style|script|link|table|iframe|form)\b|url\(|@import|\bsrc=|\bclass=/i);
      for (const a of root.querySelectorAll('a')) {
        expect(a.text.trim().length).toBeGreaterThan(3);
        expect(a.text).not.toMatch(/click here|haga clic aquí/i);
      }
    });

    it('passes the content linter (phrases, method detail, reading level, a discreet subject and preview)', () => {
      const htmlPreview = root.querySelector('body')!.text.replace(/\s+/g, ' ').trim().slice(0, 140);
      const findings: Finding[] = [
        ...lintEnvelope({ subject: e.subject, preview: e.preview }, locale),
        ...lintEnvelope({ subject: e.subject, preview: htmlPreview }, locale),
        ...lintText(e.subject, locale),
        ...lintText(e.text.replace(/\s+/g, ' '), locale),
        ...lintText(root.querySelector('body')!.text.replace(/\s+/g, ' '), locale),
        ...paragraphs(e.text).flatMap((p) => lintBlock(p, locale)),
        ...htmlBlocks(e.html).flatMap((p) => lintBlock(p, locale)),
      ];
      expect(findings).toEqual([]);
      const score = readability(prose(e.text), locale as Locale);
      if (locale === 'en') expect(score.score, prose(e.text)).toBeLessThanOrEqual(THRESHOLDS.enMaxGrade);
      else expect(score.score, prose(e.text)).toBeGreaterThanOrEqual(THRESHOLDS.esMinEase);
    });

    it('keeps the text part plain, asks nothing about firearms and links only where it should', () => {
      expect(e.text).not.toMatch(/<\/?[a-z!][^>]*>/i);
      expect(e.text).not.toMatch(/&(?:amp|lt|gt|quot|#\d+);/);
      for (const part of [e.subject, e.text, e.html]) {
        expect(part).not.toMatch(/firearms you own|how many|cuántas armas/i);
      }
      const allowed = new Set([STATUS_URL, ...crisisLinks(locale).map((l) => l.href).filter((h) => h.startsWith('https://'))]);
      const found = [...(e.text.match(URL_RE) ?? []), ...(e.html.replace(/&amp;/g, '&').match(URL_RE) ?? [])];
      expect(found.filter((u) => !allowed.has(u))).toEqual([]);
      for (const a of root.querySelectorAll('a')) {
        const href = a.getAttribute('href') ?? '';
        expect(href === STATUS_URL || /^(?:tel|sms):/.test(href) || allowed.has(href), href).toBe(true);
      }
    });

    if (locale === 'es') {
      it('speaks to the reader as usted', () => {
        expect(`${e.subject} ${e.text}`).not.toMatch(/\b(?:tú|tu|tus|te|tienes|puedes|quieres|necesitas)\b/i);
      });
    }
  });

  it('gives every kind its own subject and heading', () => {
    for (const locale of ['en', 'es']) {
      const rendered = LOCK_EMAIL_KINDS.map((kind) => email(kind, locale, DELIVERIES[kind][0]!));
      expect(new Set(rendered.map((e) => e.subject)).size).toBe(LOCK_EMAIL_KINDS.length);
      expect(new Set(rendered.map((e) => parse(e.html).querySelector('h1')?.text)).size).toBe(LOCK_EMAIL_KINDS.length);
    }
  });
});

describe('lock emails: details', () => {
  it('escapes every interpolated value in the HTML, not in the text', () => {
    const nasty = 'A <b>&</b> "C"';
    const e = email('confirmation', 'en', 'pickup', {
      campaignName: nasty,
      confirmationCode: '<i>K7QM</i>',
      site: { name: nasty, address: '1 <Main> St', hours: '9 & 5' },
    });
    expect(e.html).not.toContain('<b>');
    expect(e.html).not.toContain('<i>');
    expect(e.html).not.toContain('<Main>');
    expect(e.html).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;C&quot;');
    expect(e.html).toContain('1 &lt;Main&gt; St');
    expect(e.html).toContain('9 &amp; 5');
    expect(parse(e.html).querySelector('title')?.text).toBe(e.subject);
    expect(e.text).toContain(nasty);
  });

  it('falls back to English for any language but Spanish', () => {
    for (const language of ['vi', 'en', '', 'zh']) {
      const e = email('confirmation', language, 'mail');
      expect(e.locale).toBe('en');
      expect(e.html).toContain('<html lang="en">');
      expect(e.text).toContain('Crisis Text Line: text HOME to 741741');
    }
    const es = email('confirmation', 'es', 'mail');
    expect(es.locale).toBe('es');
    expect(es.html).toContain('<html lang="es">');
    expect(es.subject).toBe(`Su solicitud de candado gratis ${CODE}`);
    expect(es.text).toContain('Crisis Text Line: envíe AYUDA al 741741');
    expect(email('confirmation', 'en', 'mail').subject).toBe(`Your free lock request ${CODE}`);
  });

  it.each([
    ['en', 'cable', 1, '1 cable lock.'],
    ['en', 'cable', 3, '3 cable locks.'],
    ['en', 'box', 1, '1 lock box.'],
    ['en', 'box', 2, '2 lock boxes.'],
    ['es', 'cable', 1, '1 candado de cable.'],
    ['es', 'cable', 2, '2 candados de cable.'],
    ['es', 'box', 1, '1 caja con llave.'],
    ['es', 'box', 2, '2 cajas con llave.'],
  ] as const)('names the locks (%s, %s x %d)', (language, lockType, quantity, words) => {
    const e = email('confirmation', language, 'mail', { lockType, quantity });
    expect(e.text).toContain(words);
    expect(e.html).toContain(words);
  });

  it('shows the pickup site and the hold date only where they matter', () => {
    for (const kind of ['confirmation', 'allocated', 'ready'] as const) {
      const e = email(kind, 'en', 'pickup');
      for (const v of Object.values(SITE)) {
        expect(e.text).toContain(v);
        expect(e.html).toContain(escapeHtml(v));
      }
      expect(e.text).toContain('May 1, 2026');
      expect(email(kind, 'es', 'pickup').text).toContain('1 de mayo de 2026');
    }
    expect(email('lapsed', 'en', 'pickup').text).toContain('May 1, 2026');
    for (const kind of ['confirmation', 'allocated'] as const) expect(email(kind, 'en', 'mail').text).not.toContain('Pickup site');
    for (const kind of ['waitlisted', 'cancelled', 'reminder'] as const) expect(email(kind, 'en', 'pickup').text).not.toContain(SITE.address);
  });

  it('tells a repeat from the same address what really happened: the new request exists, with its own email (decision 0012)', () => {
    const en = email('reminder', 'en', 'mail').text;
    expect(en).toContain('We got another request from this email address.');
    expect(en).toContain('The new request has its own email, code and link.');
    expect(en).not.toMatch(/did not make a new one|household/i);
    const es = email('reminder', 'es', 'mail').text;
    expect(es).toContain('Recibimos otra solicitud desde esta dirección de correo electrónico.');
    expect(es).toContain('La nueva solicitud tiene su propio correo, código y enlace.');
    expect(es).not.toMatch(/no hicimos una nueva|hogar/i);
  });

  it('reads well without a hold date', () => {
    const e = email('ready', 'en', 'pickup', { holdUntil: undefined });
    expect(e.text).toContain('Please come by the pickup site below.');
    expect(email('confirmation', 'es', 'pickup', { holdUntil: undefined }).text).toContain('Se lo guardaremos.');
  });
});
