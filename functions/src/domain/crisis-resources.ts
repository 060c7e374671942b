import { z } from 'zod';
import type { SiteLocale } from './locales.ts';

/**
 * The one place crisis-line facts live. Every page banner, footer and email reads from here, so a
 * change (a line ends, a keyword changes) is made once and reviewed once.
 *
 * Routes are per language: `text.es` is the way in for a Spanish speaker (text AYUDA to 988), and
 * each route carries its label in both languages so an English page can offer the Spanish route in
 * Spanish. `short` labels are for the compact banner on phones; everything else shows `label`.
 *
 * Verification rule: `lastVerified` is the date someone checked every entry against its `sources`
 * on the operator's own site (988lifeline.org, crisistextline.org, thehotline.org,
 * thetrevorproject.org). What the checker could not confirm there goes in `unverified`, and
 * `lastVerified` stays where it was; a line with no source at all must say why there. A
 * test fails when `lastVerified` is more than 180 days old. Do NOT list the 988 "press 3" option:
 * it ended on 17 July 2025.
 */

const httpsUrl = z.string().url().startsWith('https://');
const localized = z.object({ en: z.string().min(1), es: z.string().min(1) }).strict();
const linkSchema = z
  .object({
    href: z.string().regex(/^(tel:|sms:|https:\/\/)/),
    label: localized,
    /** A shorter label for the compact banner on phones, where three buttons share one row. */
    short: localized.optional(),
  })
  .strict();
const perLanguage = z.object({ en: linkSchema, es: linkSchema }).strict();

export const CRISIS_LINES = ['lifeline', 'textLine', 'domesticViolence', 'trevor'] as const;
export type CrisisLine = (typeof CRISIS_LINES)[number];

export const crisisResourcesSchema = z
  .object({
    lastVerified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    lifeline: z
      .object({
        name: localized,
        /** The operator's domain: every source must be on it. */
        operator: z.string().min(4),
        call: linkSchema,
        text: perLanguage,
        chat: perLanguage,
        /** How an English page offers the Spanish text route, written in Spanish. */
        inSpanish: z.string().min(1),
        options: localized,
        sources: z.array(httpsUrl).min(1),
      })
      .strict(),
    textLine: z
      .object({
        name: localized,
        operator: z.string().min(4),
        text: perLanguage,
        sources: z.array(httpsUrl).min(1),
      })
      .strict(),
    emergency: z.object({ call: linkSchema }).strict(),
    domesticViolence: z
      .object({
        name: localized,
        operator: z.string().min(4),
        call: linkSchema,
        text: linkSchema,
        sources: z.array(httpsUrl).min(1),
      })
      .strict(),
    /** The Trevor Project, for LGBTQ+ young people; shown on the LGBTQ+ youth pages only. */
    trevor: z
      .object({
        name: localized,
        operator: z.string().min(4),
        call: linkSchema,
        text: linkSchema,
        chat: linkSchema,
        /** May be empty only while `unverified` says why (no operator page could be checked). */
        sources: z.array(httpsUrl),
      })
      .strict(),
    intro: localized,
    closingLine: localized,
    /** What the last check could not confirm on the operator's own site, line by line. */
    unverified: z.array(z.object({ line: z.enum(CRISIS_LINES), note: z.string().min(20) }).strict()),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const line of CRISIS_LINES) {
      if (r[line].sources.length === 0 && !r.unverified.some((u) => u.line === line)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [line, 'sources'], message: `${line} has no source and no \`unverified\` note saying why.` });
      }
    }
  });

export type CrisisResources = z.infer<typeof crisisResourcesSchema>;

export const CRISIS_RESOURCES: CrisisResources = crisisResourcesSchema.parse({
  lastVerified: '2026-11-25',
  intro: {
    en: 'Free, confidential help, any time, day or night.',
    es: 'Ayuda gratis y confidencial, a cualquier hora del día o de la noche.',
  },
  lifeline: {
    name: {
      en: '988 Suicide & Crisis Lifeline',
      es: 'Línea 988 de Prevención del Suicidio y Crisis',
    },
    operator: '988lifeline.org',
    call: { href: 'tel:988', label: { en: 'Call 988', es: 'Llame al 988' } },
    text: {
      en: { href: 'sms:988', label: { en: 'Text 988', es: 'Envíe un texto al 988' } },
      // 988lifeline.org: a text to 988 offers the Spanish line with the keyword AYUDA.
      es: { href: 'sms:988?&body=AYUDA', label: { en: 'Text AYUDA to 988', es: 'Envíe AYUDA al 988' } },
    },
    chat: {
      en: { href: 'https://988lifeline.org/chat/', label: { en: 'Chat at 988lifeline.org', es: 'Chatee en 988lifeline.org' } },
      // The Spanish chat page's own address could not be confirmed (see `unverified`).
      es: { href: 'https://988lifeline.org/chat/', label: { en: 'Chat at 988lifeline.org', es: 'Chatee en 988lifeline.org' } },
    },
    inSpanish: 'En español: envíe AYUDA al 988',
    options: {
      en: 'When you call 988: Veterans, press 1. For Spanish, press 2.',
      es: 'Al llamar al 988, marque 2 para español. Si es veterano, marque 1.',
    },
    sources: ['https://988lifeline.org/get-help/what-to-expect'],
  },
  textLine: {
    name: { en: 'Crisis Text Line', es: 'Crisis Text Line' },
    operator: 'crisistextline.org',
    text: {
      en: {
        href: 'sms:741741?&body=HOME',
        label: { en: 'Crisis Text Line: text HOME to 741741', es: 'Crisis Text Line: envíe HOME al 741741' },
      },
      es: {
        href: 'sms:741741?&body=AYUDA',
        label: { en: 'Crisis Text Line: text AYUDA to 741741', es: 'Crisis Text Line: envíe AYUDA al 741741' },
      },
    },
    sources: ['https://crisistextline.org/blog/2021/10/15/hola-crisis-text-line-is-now-available-in-spanish'],
  },
  emergency: {
    call: {
      href: 'tel:911',
      label: { en: 'In immediate danger, call 911', es: 'Si hay peligro inmediato, llame al 911' },
      short: { en: 'Emergency: 911', es: 'Emergencia: 911' },
    },
  },
  domesticViolence: {
    name: { en: 'National Domestic Violence Hotline', es: 'Línea Nacional contra la Violencia Doméstica' },
    operator: 'thehotline.org',
    call: { href: 'tel:18007997233', label: { en: 'Call 1-800-799-7233', es: 'Llame al 1-800-799-7233' } },
    text: { href: 'sms:88788?&body=START', label: { en: 'Text START to 88788', es: 'Envíe START al 88788' } },
    sources: ['https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts'],
  },
  trevor: {
    name: { en: 'The Trevor Project', es: 'The Trevor Project' },
    operator: 'thetrevorproject.org',
    call: { href: 'tel:18664887386', label: { en: 'Call 1-866-488-7386', es: 'Llame al 1-866-488-7386' } },
    text: { href: 'sms:678678?&body=START', label: { en: 'Text START to 678-678', es: 'Envíe START al 678-678' } },
    chat: {
      href: 'https://www.thetrevorproject.org/get-help/',
      label: { en: 'Chat at thetrevorproject.org/get-help', es: 'Chatee en thetrevorproject.org/get-help' },
    },
    // No page of thetrevorproject.org could be checked: see `unverified`. Cite none until one is.
    sources: [],
  },
  closingLine: {
    en: 'If you or someone you know is struggling or in crisis, help is available. Call or text 988 or chat 988lifeline.org.',
    es: 'Si usted o alguien que conoce está pasando por un momento difícil o una crisis, hay ayuda disponible. Llame al 988 o envíe AYUDA por mensaje de texto al 988. También puede chatear en 988lifeline.org.',
  },
  unverified: [
    {
      line: 'lifeline',
      note: 'The address of the Spanish chat page was not in the stored copies of 988lifeline.org (its what-to-expect page only says that text and chat are available in Spanish), so Spanish pages link to the main chat page. The chat address itself (988lifeline.org/chat/) was seen only on third-party pages.',
    },
    {
      line: 'textLine',
      note: 'Only dated posts of crisistextline.org were in the stored copies: the 2021 announcement (AYUDA to 741741, WhatsApp 442-AYUDAME), repeated in its October 2023 press release. The keyword HOME was seen only on third-party pages. The WhatsApp option is not listed until a current service page confirms it.',
    },
    {
      line: 'domesticViolence',
      note: 'No page of thehotline.org stating the number and text keyword was in the stored copies; the source is the Office for Victims of Crime (US Department of Justice) page, dated January 2022.',
    },
    {
      line: 'trevor',
      note: "Not verified: no page of thetrevorproject.org was in the stored copies, so no source is cited and these facts were not checked on the operator's site. The number 1-866-488-7386 and the keyword START to 678678 were seen only on third-party pages (a school newspaper and resource lists, undated or older); the chat address thetrevorproject.org/get-help/ was not seen in any stored copy. Check all three on thetrevorproject.org before relying on them.",
    },
  ],
});

export interface CrisisLink {
  href: string;
  label: string;
  /** The compact banner's label (the full label when no shorter one exists). */
  short: string;
  /** Set when the label is in a language other than the page's. */
  lang?: SiteLocale;
}

function link(l: z.infer<typeof linkSchema>, locale: SiteLocale): CrisisLink {
  return { href: l.href, label: l.label[locale], short: l.short?.[locale] ?? l.label[locale] };
}

/** The links a crisis banner or email shows, in order, for one language. */
export function crisisLinks(locale: SiteLocale): { href: string; label: string }[] {
  const r = CRISIS_RESOURCES;
  return [
    { href: r.lifeline.call.href, label: r.lifeline.call.label[locale] },
    { href: r.lifeline.text[locale].href, label: r.lifeline.text[locale].label[locale] },
    { href: r.lifeline.chat[locale].href, label: r.lifeline.chat[locale].label[locale] },
    { href: r.textLine.text[locale].href, label: r.textLine.text[locale].label[locale] },
    { href: r.emergency.call.href, label: r.emergency.call.label[locale] },
  ];
}

/**
 * The banner's two groups. `primary` (call 988, text 988, 911) is never behind a tap; `more` is
 * the rest, folded on phones: chat, Crisis Text Line and, on English pages, the Spanish text route
 * written in Spanish.
 */
export function crisisBannerLinks(locale: SiteLocale): { primary: CrisisLink[]; more: CrisisLink[] } {
  const r = CRISIS_RESOURCES;
  const more = [link(r.lifeline.chat[locale], locale), link(r.textLine.text[locale], locale)];
  if (locale !== 'es') {
    more.push({ href: r.lifeline.text.es.href, label: r.lifeline.inSpanish, short: r.lifeline.inSpanish, lang: 'es' });
  }
  return {
    primary: [link(r.lifeline.call, locale), link(r.lifeline.text[locale], locale), link(r.emergency.call, locale)],
    more,
  };
}

/** Every source URL, once, for the footer's source list. */
export function crisisSources(resources: CrisisResources = CRISIS_RESOURCES): string[] {
  return [...new Set(CRISIS_LINES.flatMap((line) => resources[line].sources))];
}

/** Days since the crisis facts were last checked, for the freshness test and the operations page. */
export function daysSinceVerified(now: Date, resources: CrisisResources = CRISIS_RESOURCES): number {
  const verified = Date.parse(`${resources.lastVerified}T00:00:00Z`);
  return Math.floor((now.getTime() - verified) / 86_400_000);
}
