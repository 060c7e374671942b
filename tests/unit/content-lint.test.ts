import { describe, expect, it } from 'vitest';
import { lintBlock, lintEnvelope, lintPage, lintText, readability } from '../../scripts/content-lint.ts';

const banner = `<aside data-crisis-banner><a href="tel:988">Call 988</a><a href="sms:988">Text 988</a>
  <a href="sms:741741?&body=HOME">Text HOME to 741741</a><a href="tel:911">Call 911</a></aside>`;
const page = (main: string, opts: { banner?: string; lang?: string } = {}) =>
  `<!doctype html><html lang="${opts.lang ?? 'en'}"><body>${opts.banner ?? banner}<main>${main}</main></body></html>`;
const goodMain = '<h1>Safe storage</h1><p data-action>Lock it up.</p><p data-hope>Things get better.</p>';

describe('content linter: safe-messaging phrases', () => {
  it.each([
    ['He committed suicide last year.', 'committed suicide'],
    ['She commits suicide in the story.', 'commits suicide'],
    ['It was a failed attempt.', 'failed attempt'],
    ['a successful suicide attempt', 'successful suicide attempt'],
    ['an unsuccessful attempt', 'unsuccessful attempt'],
    ['the completed suicides', 'completed suicides'],
    ['a suicide epidemic', 'suicide epidemic'],
    ['rates are skyrocketing', 'skyrocketing'],
    ['LGBTQ+ youth can call 988 and press 3.', 'press 3'],
  ])('flags %j in English', (sentence, phrase) => {
    const [finding] = lintText(sentence, 'en');
    expect(finding?.rule).toBe('banned-phrase');
    expect(finding?.message.toLowerCase()).toContain(phrase);
  });

  it.each([
    ['Su hermano cometió suicidio.', 'cometió suicidio'],
    ['no quiero cometer suicidio', 'cometer suicidio'],
    ['fue un suicidio consumado', 'suicidio consumado'],
    ['después de un intento fallido', 'intento fallido'],
    ['una epidemia de suicidios', 'epidemia de suicidios'],
    ['Llame al 988 y marque 3.', 'marque 3'],
  ])('flags %j in Spanish', (sentence, phrase) => {
    const [finding] = lintText(sentence, 'es');
    expect(finding?.rule).toBe('banned-phrase');
    expect(finding?.message.toLowerCase()).toContain(phrase);
  });

  it('accepts the recommended wording', () => {
    expect(lintText('He died by suicide. She survived an attempt and is doing well.', 'en')).toEqual([]);
    expect(lintText('Murió por suicidio. Ella sobrevivió un intento de suicidio.', 'es')).toEqual([]);
  });

  it('flags method detail in a paragraph about suicide, but not the same word elsewhere', () => {
    expect(lintBlock('After the suicide, police said he had hanged himself.', 'en')[0]?.rule).toBe('method-detail');
    expect(lintBlock('The report on the suicide named the caliber of the gun.', 'en')[0]?.rule).toBe('method-detail');
    expect(lintBlock('Tras el suicidio, se supo que tomó pastillas.', 'es')[0]?.rule).toBe('method-detail');
    expect(lintBlock('Keep pills and medicines locked away from children.', 'en')).toEqual([]);
  });
});

describe('content linter: page structure', () => {
  it('fails a tel: or sms: link typed into an education page body, and passes the ones a {{line:}} token inserted', () => {
    const body = (links: string) => page(`${goodMain}<article data-page-content><ul>${links}</ul></article>`);
    const typed = lintPage(body('<li><a href="tel:18664887386">Call</a></li><li><a href="SMS:678678?&body=START">Text</a></li>'), 'en');
    expect(typed.findings.filter((f) => f.rule === 'raw-crisis-link').map((f) => f.message)).toEqual([
      expect.stringContaining('tel:18664887386'),
      expect.stringContaining('SMS:678678'),
    ]);
    const tokens = lintPage(body('<li><a href="tel:18664887386" data-crisis-line="trevor-call">Call</a></li><li><a href="https://example.org/">Read</a></li>'), 'en');
    expect(tokens.findings).toEqual([]);
    // Only an education page's Markdown body is covered: a campaign page lists its sites' phone numbers.
    expect(lintPage(page(`${goodMain}<p><a href="tel:5555550100">Pickup site</a></p>`), 'en').findings).toEqual([]);
  });

  it('passes a page with the banner first, an action and a hope statement', () => {
    expect(lintPage(page(goodMain), "en").findings).toEqual([]);
  });

  it('fails a page without the crisis banner', () => {
    const report = lintPage(page(goodMain, { banner: '' }), 'en');
    expect(report.findings.map((f) => f.rule)).toContain('crisis-banner');
  });

  it('fails a page whose banner comes after the main content or lacks a line', () => {
    const late = `<!doctype html><html><body><main>${goodMain}</main>${banner}</body></html>`;
    expect(lintPage(late, 'en').findings.map((f) => f.message)).toContain('The crisis banner must come before the main content.');
    const partial = lintPage(page(goodMain, { banner: '<aside data-crisis-banner><a href="tel:988">Call</a></aside>' }), 'en');
    expect(partial.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining(['The crisis banner lacks a tel:911 link.', 'The crisis banner lacks the Crisis Text Line link.']),
    );
  });

  it('passes a compact Spanish banner that folds only chat and Crisis Text Line into <details>', () => {
    const compact = `<aside data-crisis-banner><ul><li><a href="tel:988">Llame al 988</a></li>
      <li><a href="sms:988?&body=AYUDA">Envíe AYUDA al 988</a></li><li><a href="tel:911">Emergencia: 911</a></li></ul>
      <details><summary>Más formas de recibir ayuda</summary><a href="https://988lifeline.org/chat/">Chatee</a>
      <a href="sms:741741?&body=AYUDA">Crisis Text Line: envíe AYUDA al 741741</a></details></aside>`;
    expect(lintPage(page(goodMain, { banner: compact, lang: 'es' }), 'es').findings).toEqual([]);
  });

  it('fails a banner that folds Call 988, Text 988 or 911 where a phone user must open it first', () => {
    const folded = `<aside data-crisis-banner><a href="tel:988">Call 988</a><details><summary>More</summary>
      <a href="sms:988">Text 988</a><a href="sms:741741?&body=HOME">Text HOME</a><a href="tel:911">Call 911</a></details></aside>`;
    expect(lintPage(page(goodMain, { banner: folded }), 'en').findings.map((f) => f.message)).toEqual([
      'The crisis banner folds its sms:988 link inside <details>.',
      'The crisis banner folds its tel:911 link inside <details>.',
    ]);
  });

  it('does not take another short code that starts with 988 for the 988 text link', () => {
    const wrong = banner.replace('href="sms:988"', 'href="sms:98877"');
    expect(lintPage(page(goodMain, { banner: wrong }), 'en').findings.map((f) => f.message)).toEqual(['The crisis banner lacks a sms:988 link.']);
  });

  it('fails a page without a concrete action or a hope statement', () => {
    const rules = lintPage(page('<h1>Facts</h1><p>Numbers only.</p>'), 'en').findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['action', 'hope']));
  });

  it('fails a page that carries a banned phrase anywhere', () => {
    const report = lintPage(page(`${goodMain}<p>He committed suicide.</p>`), 'en');
    expect(report.findings.map((f) => f.rule)).toContain('banned-phrase');
  });
});

describe('content linter: reading level', () => {
  it('scores plain English low and dense English high', () => {
    const plain = readability('Lock the gun. Keep the key away. Ask a friend to help. Call 988 if you are worried.', 'en');
    const dense = readability(
      'Notwithstanding jurisdictional variability, extreme risk protection order petitioners must substantiate allegations demonstrating imminent dangerousness through preponderance-of-evidence determinations.',
      'en',
    );
    expect(plain.score).toBeLessThan(4);
    expect(dense.score).toBeGreaterThan(16);
  });

  it('scores plain Spanish as easier than dense Spanish (Fernández-Huerta)', () => {
    const plain = readability('Guarde el arma con llave. Pida ayuda a un amigo. Llame al 988 si le preocupa alguien.', 'es');
    const dense = readability(
      'Independientemente de la variabilidad jurisdiccional, los peticionarios deberán fundamentar alegaciones que demuestren peligrosidad inminente mediante determinaciones probatorias preponderantes.',
      'es',
    );
    expect(plain.score).toBeGreaterThan(80);
    expect(dense.score).toBeLessThan(40);
  });

  it('fails an English page above the grade threshold', () => {
    const sentence = 'Notwithstanding jurisdictional variability, petitioners must substantiate allegations demonstrating imminent dangerousness. ';
    const report = lintPage(page(`${goodMain}<p>${sentence.repeat(10)}</p>`), 'en');
    expect(report.findings.map((f) => f.rule)).toContain('reading-level');
  });
});

describe('discreet email envelopes', () => {
  it('flags a subject or preview that names firearms or a crisis, in both languages', () => {
    expect(lintEnvelope({ subject: 'Your free gun lock request K7QM-3XPD', preview: 'Hello,' }, 'en').map((f) => f.rule)).toEqual(['discreet-envelope']);
    expect(lintEnvelope({ subject: 'Your free lock request', preview: 'Hello, we have a firearm lock for you' }, 'en')).toHaveLength(1);
    expect(lintEnvelope({ subject: 'Su candado para armas', preview: 'Hola,' }, 'es')).toHaveLength(1);
    expect(lintEnvelope({ subject: 'Your free lock request K7QM-3XPD', preview: 'Hello, we got your request for 1 cable lock.' }, 'en')).toEqual([]);
  });
});
