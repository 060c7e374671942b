import { z } from 'zod';
import { languageCodeSchema } from './locales.ts';

/**
 * The safe-storage pledge a person signs. A campaign may word its own (`pledge` in its file); the
 * platform's text below is the default and the national pledge. Every wording has a version: the
 * version a person signed is stored with their pledge, so a later change of wording never rewrites
 * what they agreed to. Raise `version` whenever the meaning of the text changes.
 */
export const pledgeTextSchema = z
  .object({
    version: z.number().int().min(1).max(1000),
    /** The pledge in each language the campaign offers: English and Spanish at least. */
    text: z
      .record(languageCodeSchema, z.string().trim().min(20).max(1200))
      .refine((t) => Boolean(t.en && t.es), { message: 'Give the pledge in English ("en") and Spanish ("es") at least.' }),
  })
  .strict();

export type PledgeText = z.infer<typeof pledgeTextSchema>;

/** The platform's own pledge: the national pledge, and every campaign that words none of its own. */
export const PLATFORM_PLEDGE: PledgeText = {
  version: 1,
  text: {
    en: 'I will store firearms in my home locked and unloaded, with ammunition kept apart. I will keep keys and codes away from children and from anyone who may be at risk. If someone I care about is going through a hard time, I will ask how they are, help them reach support, and offer to store firearms away from home for a while.',
    es: 'Guardaré las armas de mi casa bajo llave y descargadas, con las municiones aparte. Mantendré las llaves y las claves lejos de los niños y de cualquier persona que pueda estar en riesgo. Si alguien que me importa pasa por un momento difícil, le preguntaré cómo está, le ayudaré a buscar apoyo y le ofreceré guardar las armas fuera de casa por un tiempo.',
  },
};

/** The pledge a campaign uses: its own wording, or the platform's. */
export const pledgeOf = (campaign: { pledge?: PledgeText | undefined } | null): PledgeText => campaign?.pledge ?? PLATFORM_PLEDGE;

/** The pledge in a language: that language's text, or English where the campaign has none. */
export const pledgeTextIn = (pledge: PledgeText, language: string): string => pledge.text[language] ?? pledge.text.en!;
