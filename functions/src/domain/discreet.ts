/**
 * Words an email's subject and preview (what a phone's lock screen or a shared inbox shows) must
 * never use: a notification on a shared screen must not tell the household that someone asked
 * about firearms or a crisis (issue 14). The content linter checks every email's subject and
 * preview against them, and the campaign schema checks a campaign's names, which the emails'
 * previews and signatures show.
 */
export const NOT_ON_THE_ENVELOPE = {
  en: /\b(?:guns?|firearms?|handguns?|rifles?|shotguns?|pistols?|weapons?|ammo|ammunition|suicid\w*|crisis|red[- ]flag|ERPO)\b/i,
  es: /\b(?:armas?|pistolas?|rifles?|escopetas?|revólver(?:es)?|municiones?|suicid\w*|crisis|bandera roja|ERPO)\b/i,
} as const;

/** The first word of either language's list that `text` holds, or null. */
export function notOnTheEnvelope(text: string): string | null {
  for (const pattern of Object.values(NOT_ON_THE_ENVELOPE)) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
}
