/**
 * The content linter: safe-messaging and page-structure rules over the built HTML of every page,
 * in both languages, plus reading-level scores. `npm test` runs it (tests/unit/content-lint*.ts);
 * `node --import tsx scripts/content-lint.ts` prints the report. Thresholds are documented in
 * docs/content-rules.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fleschKincaid } from 'flesch-kincaid';
import { parse, type HTMLElement } from 'node-html-parser';
import { syllable } from 'syllable';
import { NOT_ON_THE_ENVELOPE } from '../functions/src/domain/discreet.ts';

export type Locale = 'en' | 'es';

export interface Finding {
  rule:
    | 'banned-phrase'
    | 'method-detail'
    | 'crisis-banner'
    | 'action'
    | 'hope'
    | 'reading-level'
    | 'discreet-envelope'
    | 'raw-crisis-link';
  message: string;
  excerpt?: string;
}

/** Failing thresholds. Targets are lower (grade 8 / ease 60); see docs/content-rules.md. */
export const THRESHOLDS = {
  /** Flesch-Kincaid grade of English body text: fail above this. */
  enMaxGrade: 10,
  /** Fernández-Huerta ease of Spanish body text: fail below this (60 is about grade 8). */
  esMinEase: 55,
  /** Pages with fewer words than this are too short to score meaningfully. */
  minWords: 80,
};

const BANNED: Record<Locale, RegExp[]> = {
  en: [
    /\bcommit(?:s|ted|ting)?\s+suicide\b/i,
    /\b(?:successful|unsuccessful|failed)\s+(?:suicide\s+)?attempts?\b/i,
    /\bsuccessful\s+suicides?\b/i,
    /\bcompleted\s+suicides?\b/i,
    /\bsuicide\s+epidemic\b/i,
    /\bepidemic\s+of\s+suicides?\b/i,
    /\bskyrocket(?:ing|ed|s)?\b/i,
    // Discontinued: the 988 LGBTQ+ youth option ended on 17 July 2025.
    /\bpress(?:ing)?\s+3\b/i,
    /\btext(?:ing)?\s+PRIDE\b/i,
  ],
  es: [
    /\bcomet(?:er|ió|ieron|en|e|ido)\s+(?:un\s+)?suicidio\b/i,
    /\bsuicidios?\s+(?:exitosos?|consumados?)\b/i,
    /\bintentos?\s+(?:de\s+suicidio\s+)?(?:fallidos?|exitosos?)\b/i,
    /\bepidemia\s+de\s+suicidios?\b/i,
    /\bmarque\s+(?:el\s+)?3\b/i,
    /\b(?:envíe|escriba)\s+PRIDE\b/i,
  ],
};

/** Method descriptors that must never share a paragraph with the word suicide. */
const METHOD: Record<Locale, RegExp> = {
  en: /\b(?:calib(?:er|re)|pulled the trigger|shot (?:himself|herself|themselves|themself)|hang(?:ed|ing)|noose|overdos(?:e|ed|ing)|\d+\s?mg|pills?|poison(?:ed|ing)?|jump(?:ed|ing)? (?:from|off)|to the (?:head|temple|chest)|in the mouth)\b/i,
  es: /\b(?:calibre|apret(?:ó|ar) el gatillo|se disparó|ahorc\w*|sobredosis|\d+\s?mg|pastillas?|envenen\w*|se (?:tiró|lanzó) (?:de|desde)|en la (?:cabeza|sien|boca))\b/i,
};
const SUICIDE_WORD: Record<Locale, RegExp> = { en: /suicid/i, es: /suicid/i };

export function lintText(text: string, locale: Locale): Finding[] {
  const findings: Finding[] = [];
  for (const pattern of BANNED[locale]) {
    const match = pattern.exec(text);
    if (match) findings.push({ rule: 'banned-phrase', message: `Avoid "${match[0]}" (safe-messaging guidance).`, excerpt: around(text, match.index) });
  }
  return findings;
}

/** The subject and preview text of an email: discreet, whatever the email is about. */
export function lintEnvelope(envelope: { subject: string; preview: string }, locale: Locale): Finding[] {
  const findings: Finding[] = [];
  for (const [part, text] of [['subject', envelope.subject], ['preview', envelope.preview]] as const) {
    const match = NOT_ON_THE_ENVELOPE[locale].exec(text);
    if (match) findings.push({ rule: 'discreet-envelope', message: `The email ${part} says "${match[0]}": subjects and previews never name firearms or a crisis.`, excerpt: around(text, match.index) });
  }
  return findings;
}

/** Method detail: a block of text that mentions suicide and a method descriptor together. */
export function lintBlock(text: string, locale: Locale): Finding[] {
  if (!SUICIDE_WORD[locale].test(text)) return [];
  const match = METHOD[locale].exec(text);
  return match ? [{ rule: 'method-detail', message: `Method detail "${match[0]}" next to the word suicide.`, excerpt: around(text, match.index) }] : [];
}

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 60).replace(/\s+/g, ' ').trim();
}

const STRONG = new Set('aeoáéíóú');

/**
 * Spanish syllables: one per vowel group, plus one for each hiatus inside a group (two strong
 * vowels side by side, as in "le-er", or an accented í/ú, as in "po-li-cí-a"). Weak vowels
 * (i, u, ü) next to another vowel form a diphthong ("tie-ne", "juez") and add nothing.
 */
export function spanishSyllables(word: string): number {
  const groups = word.toLowerCase().match(/[aeiouáéíóúü]+/g) ?? [];
  let count = 0;
  for (const group of groups) {
    count += 1;
    for (let i = 1; i < group.length; i++) {
      if (STRONG.has(group[i - 1]!) && STRONG.has(group[i]!)) count += 1;
    }
  }
  return Math.max(1, count);
}

export interface Readability {
  words: number;
  sentences: number;
  /** English: Flesch-Kincaid grade. Spanish: Fernández-Huerta ease (0-100, higher is easier). */
  score: number;
}

export function readability(text: string, locale: Locale): Readability {
  const sentences = Math.max(1, (text.match(/[.!?]+(?=\s|$)/g) ?? []).length);
  const words = text.match(/[\p{L}\p{N}’'-]+/gu) ?? [];
  const syllables = words.reduce((sum, w) => sum + (locale === 'en' ? syllable(w) : spanishSyllables(w)), 0);
  if (locale === 'en') {
    return { words: words.length, sentences, score: fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables }) };
  }
  // Fernández-Huerta (1959): 206.84 - 0.60 P - 1.02 F, with P syllables per 100 words and F the
  // mean sentence length in words (the Flesch reading ease, refitted for Spanish).
  const perHundredSyllables = (syllables * 100) / Math.max(1, words.length);
  const wordsPerSentence = words.length / sentences;
  return { words: words.length, sentences, score: 206.84 - 0.6 * perHundredSyllables - 1.02 * wordsPerSentence };
}

const BLOCKS = 'p, li, dd, dt, h1, h2, h3, h4, blockquote, td, th, figcaption';
/** Headings and terms are labels, not sentences: they are linted for wording but not scored. */
const PROSE = 'p, li, dd, blockquote, td';

/** Text blocks inside <main>, minus source lists, legal citations, navigation and forms. */
function textBlocks(main: HTMLElement, selector = BLOCKS): string[] {
  return main
    .querySelectorAll(selector)
    .filter((el) => !el.closest('[data-lint-skip], .sources, [data-figure-sources], nav, form'))
    .filter((el) => !el.querySelector(selector))
    .map((el) => el.textContent.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export interface PageReport {
  page: string;
  locale: Locale;
  readability: Readability | null;
  findings: Finding[];
}

export function lintPage(html: string, locale: Locale, page = ''): PageReport {
  const root = parse(html);
  const findings: Finding[] = [];
  const body = root.querySelector('body');
  const main = root.querySelector('main');
  const banner = root.querySelector('[data-crisis-banner]');

  if (!banner || !body || !main) {
    findings.push({ rule: 'crisis-banner', message: 'The page has no crisis banner (or no <main>).' });
  } else {
    const html = body.innerHTML;
    if (html.indexOf('data-crisis-banner') > html.indexOf('<main')) {
      findings.push({ rule: 'crisis-banner', message: 'The crisis banner must come before the main content.' });
    }
    const links = banner.querySelectorAll('a').map((a) => ({ href: a.getAttribute('href') ?? '', folded: a.closest('details') !== null }));
    // Call 988, Text 988 (in Spanish: sms:988?&body=AYUDA) and 911 are never folded away on phones.
    for (const needed of ['tel:988', 'sms:988', 'tel:911']) {
      const found = links.filter((l) => l.href === needed || l.href.startsWith(`${needed}?`));
      if (!found.length) findings.push({ rule: 'crisis-banner', message: `The crisis banner lacks a ${needed} link.` });
      else if (found.every((l) => l.folded)) findings.push({ rule: 'crisis-banner', message: `The crisis banner folds its ${needed} link inside <details>.` });
    }
    if (!links.some((l) => l.href.startsWith('sms:741741'))) findings.push({ rule: 'crisis-banner', message: 'The crisis banner lacks the Crisis Text Line link.' });
  }
  // An education page's Markdown body ([data-page-content]) gets its hotline links only from
  // {{line:<id>}} tokens, which read the crisis-resources module and mark the link: a tel: or sms:
  // link without the mark is a number typed into the page, unsourced and missed by the next check.
  for (const a of root.querySelectorAll('[data-page-content] a')) {
    const href = a.getAttribute('href') ?? '';
    if (/^(tel|sms):/i.test(href) && !a.hasAttribute('data-crisis-line')) {
      findings.push({
        rule: 'raw-crisis-link',
        message: `A ${href} link is typed into the page: use a {{line:<id>}} token from functions/src/domain/crisis-resources.ts.`,
        excerpt: a.textContent.trim(),
      });
    }
  }
  if (main && !main.querySelector('[data-action]')) findings.push({ rule: 'action', message: 'The page has no concrete action (mark it with data-action).' });
  if (main && !main.querySelector('[data-hope]')) findings.push({ rule: 'hope', message: 'The page has no hope statement (mark it with data-hope).' });

  const text = root.querySelector('body')?.textContent ?? '';
  findings.push(...lintText(text.replace(/\s+/g, ' '), locale));
  const blocks = main ? textBlocks(main) : [];
  for (const block of blocks) findings.push(...lintBlock(block, locale));

  let score: Readability | null = null;
  // A list item without a full stop still ends a thought: count it as a sentence.
  const prose = (main ? textBlocks(main, PROSE) : []).map((b) => (/[.!?]$/.test(b) ? b : `${b}.`)).join(' ');
  if (main && (prose.match(/\S+/g) ?? []).length >= THRESHOLDS.minWords) {
    score = readability(prose, locale);
    if (locale === 'en' && score.score > THRESHOLDS.enMaxGrade) {
      findings.push({ rule: 'reading-level', message: `Reading grade ${score.score.toFixed(1)} is above ${THRESHOLDS.enMaxGrade}.` });
    }
    if (locale === 'es' && score.score < THRESHOLDS.esMinEase) {
      findings.push({ rule: 'reading-level', message: `Fernández-Huerta ease ${score.score.toFixed(1)} is below ${THRESHOLDS.esMinEase}.` });
    }
  }
  return { page, locale, readability: score, findings };
}

/**
 * Every HTML page of the built site, with its language from the path (/es/ is Spanish; a campaign
 * page in an added language, /vi/c/<slug>/, is in English with a notice in that language).
 */
export function builtPages(distDir: string): { page: string; locale: Locale; language: string; file: string }[] {
  const out: { page: string; locale: Locale; language: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      // Page shells are templates, not pages: the API fills them (their output is tested in e2e).
      else if (name.endsWith('.html') && !/[/\\]shells[/\\]/.test(path)) {
        const page = `/${relative(distDir, path).replace(/index\.html$/, '')}`;
        // A campaign page in an added language (/vi/c/<slug>/) is the English page with a notice.
        const language = /^\/([a-z]{2})\//.exec(page)?.[1] ?? 'en';
        out.push({ page, locale: language === 'es' ? 'es' : 'en', language, file: path });
      }
    }
  };
  walk(distDir);
  return out.sort((a, b) => a.page.localeCompare(b.page));
}

export function lintBuiltSite(distDir: string): PageReport[] {
  return builtPages(distDir).map(({ page, locale, file }) => lintPage(readFileSync(file, 'utf8'), locale, page));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = new URL('../site/dist/', import.meta.url).pathname;
  const reports = lintBuiltSite(dist);
  console.log('| page | lang | words | score | findings |');
  console.log('|---|---|---|---|---|');
  for (const r of reports) {
    const score = r.readability ? `${r.locale === 'en' ? 'grade' : 'ease'} ${r.readability.score.toFixed(1)}` : '-';
    console.log(`| ${r.page} | ${r.locale} | ${r.readability?.words ?? '-'} | ${score} | ${r.findings.map((f) => f.message).join('; ')} |`);
  }
  const failing = reports.filter((r) => r.findings.length);
  console.log(`\n${reports.length} pages, ${failing.length} with findings.`);
  process.exitCode = failing.length ? 1 : 0;
}
