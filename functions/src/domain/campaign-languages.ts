import { z } from 'zod';

/**
 * Languages of a campaign. English and Spanish are complete everywhere; a campaign may add more.
 * Platform pages in an added language fall back to English, page by page, and say so in that
 * language; the campaign's own words (its message, its logo's description) are written in every
 * language it lists.
 */

/** Text a campaign writes itself: English and Spanish, and one entry for each added language. */
export const campaignTextSchema = z
  .object({ en: z.string().trim().min(1), es: z.string().trim().min(1) })
  .catchall(z.string().trim().min(1, { message: 'Write the text, or remove this language.' }))
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text)) {
      if (!/^[a-z]{2}$/.test(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `"${key}" is not a two-letter language code such as "vi".` });
    }
  });
export type CampaignText = z.infer<typeof campaignTextSchema>;

/**
 * "This page is not available in <language> yet; it is shown in English", for languages often
 * spoken in US homes: Chinese, Tagalog, Vietnamese and Arabic are the most common after Spanish
 * (US Census Bureau, "Language Use in the United States: 2019", census.gov/library/stories/2022/12/
 * languages-we-speak-in-united-states.html); French, Korean, Russian and Portuguese follow in
 * secondary tabulations of the same survey. A campaign adding any other language writes this
 * sentence itself (`fallbackNotice`). These sentences still need a native speaker's review
 * (docs/launching-a-campaign.md).
 */
export const PLATFORM_FALLBACK_NOTICES: Readonly<Record<string, string>> = {
  zh: '本页面暂无中文版本，因此以英文显示。',
  tl: 'Wala pang bersyong Tagalog ang pahinang ito, kaya ipinapakita ito sa Ingles.',
  vi: 'Trang này chưa có bản tiếng Việt, nên được hiển thị bằng tiếng Anh.',
  ar: 'هذه الصفحة غير متوفرة باللغة العربية بعد، لذلك تظهر باللغة الإنجليزية.',
  fr: 'Cette page n’est pas encore disponible en français ; elle s’affiche donc en anglais.',
  ko: '이 페이지는 아직 한국어로 제공되지 않아 영어로 표시됩니다.',
  ru: 'Эта страница пока недоступна на русском языке, поэтому она показана на английском.',
  pt: 'Esta página ainda não está disponível em português, por isso aparece em inglês.',
};

/** Languages written right to left: their notices carry dir="rtl". */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

/** Languages a campaign adds beyond English and Spanish. */
export const addedLanguages = (languages: readonly string[]): string[] => languages.filter((l) => l !== 'en' && l !== 'es');

/** The fallback sentence for an added language: the campaign's own, else the platform's, else none. */
export function fallbackNotice(language: string, campaignNotices: Readonly<Record<string, string>> = {}): string | undefined {
  return campaignNotices[language] ?? PLATFORM_FALLBACK_NOTICES[language];
}

/** A campaign text found in the file, and where it is (for messages that name the field). */
export interface TextAt {
  path: (string | number)[];
  text: Readonly<Record<string, string>>;
}

/**
 * What is missing or stray: every text in every listed language, a fallback sentence for every
 * added language, and no text in a language the campaign does not list.
 */
export function languageProblems(
  languages: readonly string[],
  texts: readonly TextAt[],
  notices: Readonly<Record<string, string>> = {},
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const listed = new Set(languages);
  for (const { path, text } of texts) {
    for (const language of languages) {
      if (!text[language]?.trim()) problems.push({ path: [...path, language], message: `Write this text in "${language}" too: the campaign lists that language.` });
    }
    for (const language of Object.keys(text)) {
      if (!listed.has(language)) problems.push({ path: [...path, language], message: `This text is in "${language}", which the campaign does not list. Add "${language}" to languages or remove this text.` });
    }
  }
  for (const language of addedLanguages(languages)) {
    if (!fallbackNotice(language, notices)) {
      problems.push({
        path: ['fallbackNotice', language],
        message: `Lockline has no "${language}" sentence saying a page is shown in English. Write it in fallbackNotice.${language}, for example "This page is not available in your language yet; it is shown in English."`,
      });
    }
  }
  for (const language of Object.keys(notices)) {
    if (!addedLanguages(languages).includes(language)) problems.push({ path: ['fallbackNotice', language], message: `Only languages added beyond "en" and "es" need this sentence; "${language}" is not one of them.` });
  }
  return problems;
}
