import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES, crisisLinks } from '../../../functions/src/domain/crisis-resources.ts';
import { PLEDGE_EMAIL_KINDS, renderPledgeEmail, type PledgeEmailData, type PledgeEmailKind } from '../../../functions/src/pledges/emails/pledge-emails.ts';
import { lintBlock, lintText, readability, THRESHOLDS, type Finding, type Locale } from '../../../scripts/content-lint.ts';

/**
 * The pledge emails under the content linter (docs/content-rules.md, "Emails"): every kind, both
 * languages. Discreet (no firearms in the subject or the opening lines, no name), why the person got
 * it and how to leave, RFC 8058 headers, the crisis lines.
 */

// An `&` in each link checks that the HTML escapes it and the text does not.
const URLS = {
  confirmUrl: 'https://lockline.example/pledge/confirm/c1.a.b.c/?x=1&y=2',
  unsubscribeUrl: 'https://lockline.example/pledge/unsubscribe/u1.a.b.c/?x=1&y=2',
  deleteUrl: 'https://lockline.example/pledge/delete/d1.a.b.c/?x=1&y=2',
};

const email = (kind: PledgeEmailKind, language: string, over: Partial<PledgeEmailData> = {}) =>
  renderPledgeEmail({ kind, language, campaignName: 'Springfield Safe Storage', ...URLS, ...over });

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const URL_RE = /https?:\/\/[^\s"'<>)]+/g;
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
const htmlBlocks = (html: string) => parse(html).querySelectorAll('h1, p').map((el) => el.text.replace(/\s+/g, ' ').trim()).filter(Boolean);
const prose = (text: string) =>
  paragraphs(text.replace(URL_RE, ''))
    .map((p) => p.replace(/:$/, '').trim())
    .filter(Boolean)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');

const FIREARMS = /\b(?:guns?|firearms?|armas?|pistolas?|rifles?|candados?|locks?)\b/i;

const cases = PLEDGE_EMAIL_KINDS.flatMap((kind) => (['en', 'es'] as const).map((locale) => ({ kind, locale })));

describe.each(cases)('pledge email: $kind, $locale', ({ kind, locale }) => {
  const e = email(kind, locale);
  const root = parse(e.html);

  it('keeps the subject and the preview discreet: no firearms, no name', () => {
    expect(e.locale).toBe(locale);
    expect(e.subject).not.toMatch(FIREARMS);
    expect(e.subject).not.toMatch(/[\r\n]/);
    // What a mail app shows as the preview: the first lines of the text part.
    expect(e.text.slice(0, 160)).not.toMatch(FIREARMS);
    expect(htmlBlocks(e.html).slice(0, 3).join(' ')).not.toMatch(FIREARMS);
  });

  it('says why the person got it, and how to stop all email and delete their details, with RFC 8058 headers', () => {
    expect(e.text).toContain(URLS.unsubscribeUrl);
    expect(e.text).toContain(URLS.deleteUrl);
    expect(e.text).toMatch(locale === 'en' ? /You got this email because/ : /Recibe este correo porque/);
    expect(e.html).toContain(`href="${escapeHtml(URLS.unsubscribeUrl)}"`);
    expect(e.html).toContain(`href="${escapeHtml(URLS.deleteUrl)}"`);
    expect(e.html).not.toContain(URLS.deleteUrl);
    expect(e.headers).toEqual({ 'List-Unsubscribe': `<${URLS.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    if (kind === 'confirm') expect(e.text).toContain(URLS.confirmUrl);
    else expect(e.text).not.toContain(URLS.confirmUrl);
  });

  it('ends with the crisis lines from crisis-resources.ts', () => {
    for (const n of ['988', '741741', '911']) expect(e.text).toContain(n);
    expect(e.text).toContain(CRISIS_RESOURCES.closingLine[locale]);
    expect(e.text.trimEnd().endsWith(CRISIS_RESOURCES.lifeline.options[locale])).toBe(true);
    const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href'));
    for (const link of crisisLinks(locale)) expect(hrefs).toContain(link.href);
    expect(htmlBlocks(e.html).at(-1)).toBe(CRISIS_RESOURCES.lifeline.options[locale]);
  });

  it('is a complete, minimal HTML document with plain text beside it', () => {
    expect(e.html.startsWith('<!doctype html>\n')).toBe(true);
    expect(e.html).toContain(`<html lang="${locale}">`);
    expect(root.querySelector('title')?.text).toBe(e.subject);
    expect(root.querySelectorAll('h1')).toHaveLength(1);
    expect(e.html).not.toMatch(/<(?:img|style|script|link|table|iframe|form)\b|url\(|@import|\bsrc=|\bclass=/i);
    expect(e.text).not.toMatch(/<\/?[a-z!][^>]*>/i);
    const allowed = new Set([...Object.values(URLS), ...crisisLinks(locale).map((l) => l.href)]);
    for (const a of root.querySelectorAll('a')) expect(allowed.has((a.getAttribute('href') ?? '').replace(/&amp;/g, '&')), a.getAttribute('href') ?? '').toBe(true);
  });

  it('passes the content linter (phrases, method detail, reading level)', () => {
    const findings: Finding[] = [
      ...lintText(e.subject, locale),
      ...lintText(e.text.replace(/\s+/g, ' '), locale),
      ...paragraphs(e.text).flatMap((p) => lintBlock(p, locale)),
      ...htmlBlocks(e.html).flatMap((p) => lintBlock(p, locale)),
    ];
    expect(findings).toEqual([]);
    const score = readability(prose(e.text), locale as Locale);
    if (locale === 'en') expect(score.score, prose(e.text)).toBeLessThanOrEqual(THRESHOLDS.enMaxGrade);
    else expect(score.score, prose(e.text)).toBeGreaterThanOrEqual(THRESHOLDS.esMinEase);
  });

  if (locale === 'es') {
    it('speaks to the reader as usted', () => {
      expect(`${e.subject} ${e.text}`).not.toMatch(/\b(?:tú|tu|tus|te|tienes|puedes|quieres|necesitas)\b/i);
    });
  }
});

describe('pledge email details', () => {
  it('escapes the campaign name in the HTML, not in the text, and never names the person', () => {
    const e = email('confirm', 'en', { campaignName: 'A <b>&</b> "C"' });
    expect(e.html).not.toContain('<b>');
    expect(e.html).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;C&quot;');
    expect(e.text).toContain('A <b>&</b> "C"');
  });

  it('falls back to English for any language but Spanish', () => {
    for (const language of ['vi', '', 'zh']) expect(email('confirm', language).locale).toBe('en');
    expect(email('confirm', 'es-MX').locale).toBe('es');
  });

  it('gives each kind its own subject', () => {
    for (const locale of ['en', 'es']) expect(new Set(PLEDGE_EMAIL_KINDS.map((k) => email(k, locale).subject)).size).toBe(PLEDGE_EMAIL_KINDS.length);
  });
});
