import { beforeAll, describe, expect, it } from 'vitest';
import { emailsTo, formToken, lockCampaign, lockHarness, type LockHarness } from '../lock-support.ts';
import { postForm } from '../pledges/support.ts';

/**
 * A campaign's request-time pages in a language it adds (`lockton` lists "vi"): the lock finder,
 * request form, status page and pledge pages answer under `/vi/c/<slug>/`, in English with the
 * campaign's Vietnamese notice first in <main>, and every step keeps the reader under `/vi/`.
 * A language the campaign does not list, or the national pledge in an added language, is a 404.
 */
const NOTICE = /<p class="callout" lang="vi" dir="ltr" data-fallback-notice><strong>[^<]*tiếng Anh[^<]*<\/strong><\/p><div class="campaign-band"/;

describe('a campaign’s request-time pages in a language it adds', () => {
  let h: LockHarness;
  beforeAll(async () => {
    h = await lockHarness();
  });

  const page = async (path: string) => {
    const res = await h.app.request(path);
    return { status: res.status, html: await res.text() };
  };

  it('the finder and the request form: English words, the notice, links that stay in the language', async () => {
    const finder = await page('/vi/c/lockton/get-a-lock/?zip=97201');
    expect(finder.status).toBe(200);
    expect(finder.html).toContain('<html lang="en"');
    expect(finder.html).toMatch(NOTICE);
    expect(finder.html).toContain('href="/vi/c/lockton/get-a-lock/request/?site=library"');
    expect(finder.html).toContain('href="/vi/c/lockton/safe-storage/"');
    // The page is the English one: its canonical address and language pair say so.
    expect(finder.html).toMatch(/<link rel="canonical" href="https?:\/\/[^/"]+\/c\/lockton\/get-a-lock\/">/);
    expect(finder.html).toMatch(/<link rel="alternate" hreflang="es" href="https?:\/\/[^/"]+\/es\/c\/lockton\/get-a-lock\/">/);

    const form = await page('/vi/c/lockton/get-a-lock/request/?site=library');
    expect(form.status).toBe(200);
    expect(form.html).toMatch(NOTICE);
    expect(form.html).toContain('action="/vi/c/lockton/get-a-lock/request/"');
    expect(form.html).toContain('href="/vi/c/lockton/privacy/"');
    // The campaign offers Vietnamese as a language for messages: the form says they come in English.
    expect(form.html).toContain('<p class="field__hint" id="language-hint">Our messages are in English or Spanish. If you choose another language, we write to you in English.</p>');
    expect(form.html).toMatch(/<select class="field__input" id="language" name="language" aria-describedby="language-hint">/);
  });

  it('a request sent from the form opens its status page in the same language; the email stays in English', async () => {
    const email = `vi-form-${Date.now()}@example.test`;
    const res = await postForm(h, '/vi/c/lockton/get-a-lock/request/', {
      formToken: await formToken(h.app),
      delivery: 'pickup',
      siteId: 'library',
      lockType: 'cable',
      quantity: '1',
      name: 'Added Language Home',
      email,
      phone: '',
      language: 'en',
      consent: 'yes',
      website: '',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/vi\/c\/lockton\/get-a-lock\/status\/[A-Z0-9-]{9}\/[\w-]{32}\/$/);

    const status = await page(location);
    expect(status.status).toBe(200);
    expect(status.html).toMatch(NOTICE);
    expect(status.html).toContain(`action="${location}cancel"`);
    expect(status.html).toContain('href="/vi/c/lockton/safe-storage/"');

    const [sent] = await emailsTo(email);
    expect(sent?.body.text).toMatch(/\/c\/lockton\/get-a-lock\/status\//);
    expect(sent?.body.text).not.toContain('/vi/');
  });

  it('the pledge: form, check-email and the count frame answer in the language', async () => {
    const form = await page('/vi/c/lockton/pledge/');
    expect(form.status).toBe(200);
    expect(form.html).toMatch(NOTICE);
    expect(form.html).toContain('action="/vi/c/lockton/pledge/"');
    expect(form.html).toContain('id="language-hint">Our emails are in English or Spanish.');
    expect(form.html).toContain('href="/vi/c/lockton/privacy/"');

    const res = await postForm(h, '/vi/c/lockton/pledge/', {
      formToken: /name="formToken" value="([^"]+)"/.exec(form.html)![1]!,
      name: 'Added Language Pledge',
      email: `vi-pledge-${Date.now()}@example.test`,
      zip: '97201',
      language: 'en',
      website: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/vi/c/lockton/pledge/check-email/');
    const check = await page('/vi/c/lockton/pledge/check-email/');
    expect(check.status).toBe(200);
    expect(check.html).toMatch(NOTICE);

    const frame = await page('/vi/c/lockton/pledge-count/');
    expect(frame.status).toBe(200);
  });

  it('shows the campaign’s own pledge wording in the language when it wrote one, marked as that language', async () => {
    const text = { en: 'I will store firearms locked and unloaded at home.', es: 'Guardaré las armas bajo llave y descargadas en casa.', vi: 'Tôi sẽ cất súng trong nhà có khóa và không nạp đạn.' };
    await h.deps.campaigns.put(lockCampaign({ slug: 'lockton-words', pledge: { version: 2, text } }));
    const vi = await page('/vi/c/lockton-words/pledge/');
    expect(vi.html).toContain(`<blockquote class="pledge-text" data-pledge-version="2" lang="vi"><p>${text.vi}</p></blockquote>`);
    const en = await page('/c/lockton-words/pledge/');
    expect(en.html).toContain(`<blockquote class="pledge-text" data-pledge-version="2"><p>${text.en}</p></blockquote>`);
    // Without a wording of its own in the language, the English one, unmarked.
    expect((await page('/vi/c/lockton/pledge/')).html).toMatch(/<blockquote class="pledge-text" data-pledge-version="1"><p>I will store/);
  });

  it('answers 404 for a language the campaign does not list, and for the national pledge in an added language', async () => {
    for (const path of ['/fr/c/lockton/get-a-lock/', '/fr/c/lockton/get-a-lock/request/', '/fr/c/lockton/pledge/', '/fr/c/lockton/pledge-count/', '/vi/pledge/', '/vi/get-a-lock/']) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('data-fallback-notice');
    }
    // Spanish stays Spanish: the added-language route never takes /es/.
    const es = await page('/es/c/lockton/get-a-lock/');
    expect(es.html).toContain('<html lang="es"');
    expect(es.html).not.toContain('data-fallback-notice');
  });
});
