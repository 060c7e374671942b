import { describe, expect, it } from 'vitest';
import {
  CRISIS_LINES,
  CRISIS_RESOURCES,
  crisisBannerLinks,
  crisisLinks,
  crisisResourcesSchema,
  crisisSources,
  daysSinceVerified,
} from '../../functions/src/domain/crisis-resources.ts';

const hrefOf = (links: { href: string; label: string }[], label: RegExp) => links.find((l) => label.test(l.label))?.href;

describe('crisis resources module', () => {
  it('was not verified in the future', () => {
    expect(daysSinceVerified(new Date())).toBeGreaterThanOrEqual(0);
  });

  it('flags a stale verification date', () => {
    const stale = { ...CRISIS_RESOURCES, lastVerified: '2025-01-01' };
    expect(daysSinceVerified(new Date('2026-11-25T00:00:00Z'), stale)).toBeGreaterThan(180);
  });

  it.each(['en', 'es'] as const)('gives real call, text, chat and 911 links in %s', (locale) => {
    const hrefs = crisisLinks(locale).map((l) => l.href);
    expect(hrefs).toEqual(expect.arrayContaining(['tel:988', 'https://988lifeline.org/chat/', 'tel:911']));
    expect(hrefs.filter((h) => h === 'sms:988' || h.startsWith('sms:988?'))).toHaveLength(1);
    expect(hrefs.some((h) => h.startsWith('sms:741741'))).toBe(true);
    for (const link of crisisLinks(locale)) expect(link.label.trim().length).toBeGreaterThan(3);
  });

  it('names Crisis Text Line and uses its keyword for the language', () => {
    expect(hrefOf(crisisLinks('es'), /741741/)).toBe('sms:741741?&body=AYUDA');
    expect(crisisLinks('es').find((l) => l.href.startsWith('sms:741741'))?.label).toBe('Crisis Text Line: envíe AYUDA al 741741');
    expect(hrefOf(crisisLinks('en'), /741741/)).toBe('sms:741741?&body=HOME');
    expect(crisisLinks('en').find((l) => l.href.startsWith('sms:741741'))?.label).toBe('Crisis Text Line: text HOME to 741741');
  });

  it('sends a Spanish speaker who texts 988 to the Spanish line with AYUDA, and says so', () => {
    const text = crisisLinks('es').find((l) => l.href.startsWith('sms:988'));
    expect(text).toEqual({ href: 'sms:988?&body=AYUDA', label: 'Envíe AYUDA al 988' });
    expect(crisisLinks('en').find((l) => l.href.startsWith('sms:988'))?.href).toBe('sms:988');
    expect(CRISIS_RESOURCES.closingLine.es).toContain('AYUDA');
  });

  it('keeps Call 988, Text 988 and 911 first in the banner, with the rest folded behind them', () => {
    for (const locale of ['en', 'es'] as const) {
      const { primary, more } = crisisBannerLinks(locale);
      expect(primary.map((l) => l.href)).toEqual(['tel:988', locale === 'es' ? 'sms:988?&body=AYUDA' : 'sms:988', 'tel:911']);
      expect(more.map((l) => l.href)).toEqual(expect.arrayContaining(['https://988lifeline.org/chat/', CRISIS_RESOURCES.textLine.text[locale].href]));
      // Short labels fit a phone's row of three; the banner never loses a line that the emails have.
      for (const l of primary) expect(l.short.length).toBeLessThanOrEqual(20);
      const bannerHrefs = new Set([...primary, ...more].map((l) => l.href));
      for (const l of crisisLinks(locale)) expect(bannerHrefs.has(l.href), l.href).toBe(true);
    }
  });

  it('offers the Spanish text route on English pages, in Spanish and marked as Spanish', () => {
    const spanish = crisisBannerLinks('en').more.find((l) => l.lang === 'es');
    expect(spanish).toMatchObject({ href: 'sms:988?&body=AYUDA', label: 'En español: envíe AYUDA al 988' });
    expect(crisisBannerLinks('es').more.some((l) => l.lang)).toBe(false);
  });

  it("cites each line's own operator, unless the gap is written down in `unverified`", () => {
    for (const line of CRISIS_LINES) {
      const { operator, sources } = CRISIS_RESOURCES[line];
      const offSite = sources.filter((url) => !new URL(url).hostname.replace(/^www\./, '').endsWith(operator));
      const explained = CRISIS_RESOURCES.unverified.some((u) => u.line === line && /stored copies/.test(u.note));
      expect(offSite.length === 0 || explained, `${line}: ${offSite.join(', ')}`).toBe(true);
    }
    expect(CRISIS_RESOURCES.lifeline.operator).toBe('988lifeline.org');
    expect(CRISIS_RESOURCES.textLine.operator).toBe('crisistextline.org');
    expect(CRISIS_RESOURCES.domesticViolence.operator).toBe('thehotline.org');
    expect(CRISIS_RESOURCES.trevor.operator).toBe('thetrevorproject.org');
    // The two lines every banner shows are cited from their operators' own sites.
    for (const line of ['lifeline', 'textLine'] as const) {
      for (const url of CRISIS_RESOURCES[line].sources) expect(new URL(url).hostname.replace(/^www\./, '')).toBe(CRISIS_RESOURCES[line].operator);
    }
  });

  it('rejects a line with no source unless `unverified` says why', () => {
    expect(CRISIS_RESOURCES.trevor.sources).toEqual([]);
    expect(CRISIS_RESOURCES.unverified.find((u) => u.line === 'trevor')?.note).toMatch(/^Not verified: .*stored copies/);
    const silent = structuredClone(CRISIS_RESOURCES);
    silent.unverified = silent.unverified.filter((u) => u.line !== 'trevor');
    expect(crisisResourcesSchema.safeParse(silent).success).toBe(false);
    const noSource = structuredClone(CRISIS_RESOURCES);
    noSource.textLine.sources = [];
    noSource.unverified = noSource.unverified.filter((u) => u.line !== 'textLine');
    expect(crisisResourcesSchema.safeParse(noSource).success).toBe(false);
  });

  it('lists every source once for the footer', () => {
    const sources = crisisSources();
    expect(new Set(sources).size).toBe(sources.length);
    for (const line of CRISIS_LINES) for (const url of CRISIS_RESOURCES[line].sources) expect(sources).toContain(url);
  });

  it('rejects a link that is not tel:, sms: or https:', () => {
    const broken = structuredClone(CRISIS_RESOURCES);
    broken.lifeline.chat.es.href = 'http://988lifeline.org/chat/';
    expect(crisisResourcesSchema.safeParse(broken).success).toBe(false);
  });

  it('never lists the discontinued 988 press-3 option', () => {
    const text = JSON.stringify(CRISIS_RESOURCES).toLowerCase();
    expect(text).not.toMatch(/press 3|marque 3|pride/);
    expect(text).toContain('press 1');
    expect(text).toContain('press 2');
    expect(text).toContain('marque 1');
    expect(text).toContain('marque 2');
  });
});
