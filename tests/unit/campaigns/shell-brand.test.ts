import { describe, expect, it } from 'vitest';
import { campaignShellBrand } from '../../../functions/src/campaigns/index.ts';
import { fillShell, shellPath } from '../../../functions/src/platform/pages/shells.ts';
import { buildCampaign } from '../../support/builders.ts';

const shell = '<html><head><title>T</title><!--lockline:head--></head><body><aside data-crisis-banner></aside><main><!--lockline:brand--><!--lockline:main--></main></body></html>';

describe('request-time pages with a campaign brand', () => {
  it('link the campaign’s theme in <head> and put its band first inside <main>, after the crisis banner', () => {
    const campaign = buildCampaign({ logo: { file: 'testville-logo.svg', alt: { en: 'Seal', es: 'Sello' } }, demo: true });
    const page = fillShell(shell, { path: 'c/testville/get-a-lock', main: '<h1>Finder</h1>', brand: campaignShellBrand(campaign, 'es') });
    expect(page).toContain('<link rel="stylesheet" href="/c/testville/theme.css"></head>');
    expect(page).toMatch(/<aside data-crisis-banner><\/aside><main><div class="campaign-band" data-campaign-band><img class="campaign-band__logo" src="\/c\/testville\/logo\.svg" height="48" alt="Sello" \/>/);
    expect(page).toContain('Campaña de ejemplo: esta ciudad no es real');
    expect(page.indexOf('data-campaign-band')).toBeLessThan(page.indexOf('<h1>Finder</h1>'));
  });

  it('escape the campaign’s words and accept no theme but a campaign theme.css on this site', () => {
    const band = campaignShellBrand(buildCampaign({ name: 'A <b>bold</b> & "quoted" town' }), 'en').band;
    expect(band).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; town');
    for (const themeHref of ['https://evil.example/theme.css', '/c/x/../../other.css', '/c/x/theme.css?x', '//evil.example/c/x/theme.css']) {
      expect(() => fillShell(shell, { path: 'x', main: '', brand: { themeHref, band: '' } }), themeHref).toThrow(/campaign theme\.css/);
    }
  });

  it('open a page in a language the campaign adds with its notice in that language, before the band', () => {
    const campaign = buildCampaign({
      languages: ['en', 'es', 'vi', 'ar'],
      logo: { file: 'testville-logo.svg', alt: { en: 'Seal', es: 'Sello', vi: 'Con dấu', ar: 'ختم' } },
      fallbackNotice: { vi: 'Trang này <b>chưa</b> có bản tiếng Việt.' },
    });
    const vi = campaignShellBrand(campaign, 'vi').band;
    expect(vi).toMatch(/^<p class="callout" lang="vi" dir="ltr" data-fallback-notice><strong>Trang này &lt;b&gt;chưa&lt;\/b&gt; có bản tiếng Việt\.<\/strong><\/p><div class="campaign-band"/);
    expect(vi).toContain('alt="Con dấu" lang="vi"');
    // Arabic: the platform's own sentence, right to left.
    expect(campaignShellBrand(campaign, 'ar').band).toMatch(/^<p class="callout" lang="ar" dir="rtl" data-fallback-notice>/);
    for (const language of ['en', 'es']) expect(campaignShellBrand(campaign, language).band).not.toContain('data-fallback-notice');
  });

  it('take page paths without any language prefix', () => {
    expect(shellPath('/vi/c/x/pledge/')).toBe('c/x/pledge');
    expect(shellPath('/es/c/x/get-a-lock/request/')).toBe('c/x/get-a-lock/request');
    expect(shellPath('/c/x/get-a-lock/')).toBe('c/x/get-a-lock');
    expect(shellPath('/pledge/')).toBe('pledge');
  });

  it('leave no placeholder behind on a page without a campaign', () => {
    expect(fillShell(shell, { path: 'get-a-lock', main: '<h1>All</h1>' })).not.toContain('lockline:');
  });
});
