import { describe, expect, it } from 'vitest';
import { brandContrastProblems, DEFAULT_BRAND, PAGE_BACKGROUND, PANEL_BACKGROUNDS, themeCss, themePairs } from '../../../functions/src/domain/campaign-brand.ts';
import { fallbackNotice, PLATFORM_FALLBACK_NOTICES } from '../../../functions/src/domain/campaign-languages.ts';
import { CAMPAIGN_SHARED_PAGES, campaignPath, sharedPagePath, withoutLanguage } from '../../../functions/src/domain/campaign-paths.ts';
import { logoSize, svgLogoProblems } from '../../../functions/src/domain/campaign-logo.ts';
import { contrastRatio, formatRatio } from '../../../functions/src/domain/contrast.ts';
import { isStale } from '../../../functions/src/domain/storage-site.ts';
import { loadCampaignFiles } from '../../../functions/src/local/seed.ts';

describe('WCAG contrast ratio', () => {
  it('matches the reference values: black on white 21:1, #767676 on white just above 4.5:1, equal colours 1:1', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#1d4f91', '#1d4f91')).toBe(1);
  });

  it('never rounds a failing ratio up to a passing one in messages', () => {
    expect(formatRatio(4.499)).toBe('4.49:1');
  });
});

describe('campaign theme', () => {
  it('Lockline’s default brand passes every pair', () => {
    expect(brandContrastProblems(DEFAULT_BRAND)).toEqual([]);
    expect(themePairs(DEFAULT_BRAND)).toHaveLength(11);
  });

  it('checks the focus ring on every background a focusable element can sit on: white, the header band and each light panel', () => {
    const backgrounds = themePairs(DEFAULT_BRAND).filter((p) => p.foreground === DEFAULT_BRAND.focus).map((p) => p.background);
    expect(backgrounds).toEqual([PAGE_BACKGROUND, DEFAULT_BRAND.primary, ...PANEL_BACKGROUNDS]);
  });

  it('every campaign file in the repository (the demos included) passes every pair', () => {
    const campaigns = loadCampaignFiles();
    expect(campaigns.map((c) => c.slug)).toEqual(expect.arrayContaining(['demo-city', 'mesa-alta', 'pine-hollow']));
    for (const campaign of campaigns) expect(brandContrastProblems(campaign.brand), campaign.slug).toEqual([]);
  });

  it('a light brand passes when its buttons get a dark edge from the text colour', () => {
    const light = { primary: '#f6d365', onPrimary: '#1a1a1a', link: '#7a3e00', focus: '#7a3e00' };
    expect(brandContrastProblems(light)).toEqual([]);
    expect(themeCss(light)).toContain('border: 2px solid #1a1a1a');
  });

  it('only styles what is inside <main>, so it cannot reach the crisis banner or the footer', () => {
    const css = themeCss(DEFAULT_BRAND).replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...css.matchAll(/([^{}]+)\{[^}]*\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
    expect(selectors.length).toBeGreaterThan(10);
    for (const selector of selectors) expect(selector).toMatch(/^main[ .:]/);
    const properties = [...css.matchAll(/\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(';').map((d) => d.split(':')[0]!.trim()).filter(Boolean));
    expect(new Set(properties)).toEqual(new Set(['background', 'color', 'border', 'border-color', 'outline', 'outline-offset', 'box-shadow']));
  });
});

describe('storage sites', () => {
  it('are stale when last checked more than six months ago', () => {
    expect(isStale('2026-05-24', '2026-11-25')).toBe(true);
    expect(isStale('2026-05-25', '2026-11-25')).toBe(false);
    expect(isStale('2026-11-01', '2026-11-25')).toBe(false);
  });
});

describe('added languages', () => {
  it('the platform has a fallback sentence for common US languages; a campaign’s own wins', () => {
    expect(fallbackNotice('vi')).toBe(PLATFORM_FALLBACK_NOTICES.vi);
    expect(fallbackNotice('vi', { vi: 'Câu riêng.' })).toBe('Câu riêng.');
    expect(fallbackNotice('so')).toBeUndefined();
  });

  it('a campaign page lives under its language; a shared page is the site’s own in en/es and the campaign’s copy in an added language', () => {
    expect(['en', 'es', 'vi'].map((l) => campaignPath('pine-hollow', l, 'red-flag-laws/'))).toEqual(['/c/pine-hollow/red-flag-laws/', '/es/c/pine-hollow/red-flag-laws/', '/vi/c/pine-hollow/red-flag-laws/']);
    expect(campaignPath('pine-hollow', 'vi')).toBe('/vi/c/pine-hollow/');
    expect(['en', 'es', 'vi'].map((l) => sharedPagePath('pine-hollow', l, '/red-flag-laws/which-option/'))).toEqual([
      '/red-flag-laws/which-option/',
      '/es/red-flag-laws/which-option/',
      '/vi/c/pine-hollow/red-flag-laws/which-option/',
    ]);
    for (const page of CAMPAIGN_SHARED_PAGES) {
      expect(sharedPagePath('x', 'vi', page)).toBe(`/vi/c/x${page}`);
      expect(withoutLanguage(sharedPagePath('x', 'es', page))).toBe(page);
    }
    expect(['/vi/c/x/pledge/', '/es/pledge/', '/es/', '/es', '/c/x/', '/', '/escape/'].map(withoutLanguage)).toEqual(['/c/x/pledge/', '/pledge/', '/', '/', '/c/x/', '/', '/escape/']);
  });
});

describe('logo files', () => {
  it('an SVG logo may not run script, handle events, embed HTML or load other files', () => {
    expect(svgLogoProblems('<svg viewBox="0 0 10 10"><rect width="10" height="10"/></svg>')).toEqual([]);
    expect(svgLogoProblems('<svg><script>alert(1)</script></svg>')).toContain('Remove the <script> element from the SVG.');
    expect(svgLogoProblems('<svg onload="x()"></svg>')).toHaveLength(1);
    expect(svgLogoProblems('<svg><foreignObject></foreignObject></svg>')).toHaveLength(1);
    expect(svgLogoProblems('<svg><image href="https://example.org/x.png"/></svg>')).toHaveLength(1);
    expect(svgLogoProblems('<html></html>')).toEqual(['The file is not an SVG image.']);
  });

  it('reads the size of an SVG (width/height or viewBox) and of a PNG (IHDR)', () => {
    const svg = (s: string) => new TextEncoder().encode(s);
    expect(logoSize(svg('<svg width="64" height="32"></svg>'), 'svg')).toEqual({ width: 64, height: 32 });
    expect(logoSize(svg('<svg viewBox="0 0 120 40"></svg>'), 'svg')).toEqual({ width: 120, height: 40 });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0, 0, 0, 0, 128]);
    expect(logoSize(png, 'png')).toEqual({ width: 256, height: 128 });
  });
});
