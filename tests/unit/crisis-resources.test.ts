import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES, crisisLinks, daysSinceVerified } from '../../functions/src/domain/crisis-resources.ts';

describe('crisis resources module', () => {
  it('was verified within the last 180 days', () => {
    const age = daysSinceVerified(new Date());
    expect(age, `crisis lines last verified ${CRISIS_RESOURCES.lastVerified}; re-check every entry against its source`).toBeLessThanOrEqual(180);
    expect(age).toBeGreaterThanOrEqual(0);
  });

  it('flags a stale verification date', () => {
    const stale = { ...CRISIS_RESOURCES, lastVerified: '2025-01-01' };
    expect(daysSinceVerified(new Date('2026-11-25T00:00:00Z'), stale)).toBeGreaterThan(180);
  });

  it.each(['en', 'es'] as const)('gives real call, text, chat and 911 links in %s', (locale) => {
    const hrefs = crisisLinks(locale).map((l) => l.href);
    expect(hrefs).toEqual(
      expect.arrayContaining(['tel:988', 'sms:988', 'https://988lifeline.org/chat/', 'tel:911']),
    );
    expect(hrefs.some((h) => h.startsWith('sms:741741'))).toBe(true);
    for (const link of crisisLinks(locale)) expect(link.label.trim().length).toBeGreaterThan(3);
  });

  it('uses the Spanish keyword for Crisis Text Line in Spanish', () => {
    expect(crisisLinks('es').find((l) => l.href.startsWith('sms:741741'))?.label).toContain('AYUDA');
    expect(crisisLinks('en').find((l) => l.href.startsWith('sms:741741'))?.label).toContain('HOME');
  });

  it('never lists the discontinued 988 press-3 option', () => {
    const text = JSON.stringify(CRISIS_RESOURCES).toLowerCase();
    expect(text).not.toMatch(/press 3|marque 3|pride/);
    expect(text).toContain('press 1');
    expect(text).toContain('press 2');
  });
});
