import { z } from 'zod';
import type { SiteLocale } from './locales.ts';

/**
 * The one place crisis-line facts live. Every page banner and every email footer reads from here,
 * so a change (a line ends, a keyword changes) is made once and reviewed once.
 *
 * Verification rule: `lastVerified` is the date someone checked every entry against its `source`.
 * A test fails when it is more than 180 days old. Do NOT list the 988 "press 3" option: it ended
 * on 17 July 2025.
 */

const httpsUrl = z.string().url().startsWith('https://');
const linkSchema = z.object({
  href: z.string().regex(/^(tel:|sms:|https:\/\/)/),
  label: z.object({ en: z.string().min(1), es: z.string().min(1) }),
});

export const crisisResourcesSchema = z
  .object({
    lastVerified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    lifeline: z.object({
      name: z.object({ en: z.string(), es: z.string() }),
      call: linkSchema,
      text: linkSchema,
      chat: linkSchema,
      options: z.object({ en: z.string(), es: z.string() }),
      sources: z.array(httpsUrl).min(1),
    }),
    textLine: z.object({
      name: z.object({ en: z.string(), es: z.string() }),
      text: z.object({ en: linkSchema, es: linkSchema }),
      sources: z.array(httpsUrl).min(1),
    }),
    emergency: z.object({ call: linkSchema }),
    domesticViolence: z.object({
      name: z.object({ en: z.string(), es: z.string() }),
      call: linkSchema,
      text: linkSchema,
      sources: z.array(httpsUrl).min(1),
    }),
    intro: z.object({ en: z.string(), es: z.string() }),
    closingLine: z.object({ en: z.string(), es: z.string() }),
  })
  .strict();

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
    call: { href: 'tel:988', label: { en: 'Call 988', es: 'Llame al 988' } },
    text: { href: 'sms:988', label: { en: 'Text 988', es: 'Envíe un texto al 988' } },
    chat: {
      href: 'https://988lifeline.org/chat/',
      label: { en: 'Chat at 988lifeline.org', es: 'Chatee en 988lifeline.org' },
    },
    options: {
      en: 'Veterans: press 1. Spanish: press 2.',
      es: 'Para español, marque 2. Veteranos: marque 1. Por texto en español, escriba AYUDA al 988.',
    },
    sources: ['https://988lifeline.org/get-help/what-to-expect'],
  },
  textLine: {
    name: { en: 'Crisis Text Line', es: 'Crisis Text Line' },
    text: {
      en: { href: 'sms:741741?&body=HOME', label: { en: 'Text HOME to 741741', es: 'Envíe HOME al 741741' } },
      es: { href: 'sms:741741?&body=AYUDA', label: { en: 'Text AYUDA to 741741', es: 'Envíe AYUDA al 741741' } },
    },
    sources: [
      'https://crisistextline.org/blog/2021/10/15/hola-crisis-text-line-is-now-available-in-spanish',
    ],
  },
  emergency: {
    call: {
      href: 'tel:911',
      label: { en: 'In immediate danger, call 911', es: 'Si hay peligro inmediato, llame al 911' },
    },
  },
  domesticViolence: {
    name: { en: 'National Domestic Violence Hotline', es: 'Línea Nacional contra la Violencia Doméstica' },
    call: { href: 'tel:18007997233', label: { en: 'Call 1-800-799-7233', es: 'Llame al 1-800-799-7233' } },
    text: { href: 'sms:88788?&body=START', label: { en: 'Text START to 88788', es: 'Envíe START al 88788' } },
    sources: ['https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts'],
  },
  closingLine: {
    en: 'If you or someone you know is struggling or in crisis, help is available. Call or text 988 or chat 988lifeline.org.',
    es: 'Si usted o alguien que conoce está pasando por un momento difícil o una crisis, hay ayuda disponible. Llame o envíe un mensaje de texto al 988, o chatee en 988lifeline.org.',
  },
});

/** The links a crisis banner shows, in order, for one language. */
export function crisisLinks(locale: SiteLocale): { href: string; label: string }[] {
  const r = CRISIS_RESOURCES;
  return [
    { href: r.lifeline.call.href, label: r.lifeline.call.label[locale] },
    { href: r.lifeline.text.href, label: r.lifeline.text.label[locale] },
    { href: r.lifeline.chat.href, label: r.lifeline.chat.label[locale] },
    { href: r.textLine.text[locale].href, label: r.textLine.text[locale].label[locale] },
    { href: r.emergency.call.href, label: r.emergency.call.label[locale] },
  ];
}

/** Days since the crisis facts were last checked, for the freshness test and the operations page. */
export function daysSinceVerified(now: Date, resources: CrisisResources = CRISIS_RESOURCES): number {
  const verified = Date.parse(`${resources.lastVerified}T00:00:00Z`);
  return Math.floor((now.getTime() - verified) / 86_400_000);
}
