import { z } from 'zod';
import { contrastRatio, formatRatio, HEX_COLOUR } from './contrast.ts';

/**
 * A campaign's brand colours and the one stylesheet made from them. The stylesheet is generated
 * (a campaign never writes CSS) and every rule in it starts with `main`, so it cannot reach the
 * crisis banner or the footer's crisis lines, which sit outside `<main>` and keep their own styles.
 */
const colour = (what: string) =>
  z.string().regex(HEX_COLOUR, { message: `Write ${what} as a hex colour, such as "#1d4f91".` });

export const brandSchema = z
  .object({
    /** Background of the campaign's header band and of its buttons. */
    primary: colour('the main brand colour'),
    /** Text on that background (the campaign's name in the band, button labels). */
    onPrimary: colour('the text colour on the main brand colour'),
    /** Links in the campaign's pages, on white and on the light grey panels. */
    link: colour('the link colour'),
    /** The ring that shows which link or button the keyboard is on. */
    focus: colour('the focus ring colour'),
  })
  .strict();
export type Brand = z.infer<typeof brandSchema>;

/** Lockline's own colours: what a campaign gets when its file gives none. */
export const DEFAULT_BRAND: Brand = { primary: '#0b2e4f', onPrimary: '#ffffff', link: '#1d4f91', focus: '#e0550f' };

/**
 * Every background a link, button or field inside <main> can sit on, so every one its text and
 * focus ring are checked against: the page, and the light panels of site/src/styles/global.css
 * and site/src/components (local help `.local-help` #f3f5f7, action callout and pledge text
 * `.callout--action`/`.pledge-text` #eef3fa, callout `.callout` #f3f8f5). The campaign header band
 * is the brand's own primary colour. Add a panel colour here when a stylesheet adds one.
 */
export const PAGE_BACKGROUND = '#ffffff';
export const PANEL_BACKGROUNDS = ['#f3f5f7', '#eef3fa', '#f3f8f5'] as const;

/** WCAG 2.2 AA: 1.4.3 for text, 1.4.11 for the edges of controls and for focus indicators. */
export const MIN_TEXT_CONTRAST = 4.5;
export const MIN_NON_TEXT_CONTRAST = 3;

export interface ColourPair {
  /** Which colours, in the words of the campaign file. */
  name: string;
  /** Where the pair appears on the page. */
  use: string;
  foreground: string;
  background: string;
  minimum: number;
}

/** A button's edge: whichever of its fill or its label stands out more from the page. */
export function buttonEdge(brand: Brand): string {
  return contrastRatio(brand.primary, PAGE_BACKGROUND) >= contrastRatio(brand.onPrimary, PAGE_BACKGROUND) ? brand.primary : brand.onPrimary;
}

/** One brand colour on each light panel a page draws (local help, callouts, the pledge text). */
const onPanels = (field: string, colour: string, use: string, minimum: number): ColourPair[] =>
  PANEL_BACKGROUNDS.map((panel) => ({ name: `${field} ${colour} on panel ${panel}`, use, foreground: colour, background: panel, minimum }));

/** Every colour pair the generated stylesheet puts side by side, with the contrast it needs. */
export function themePairs(brand: Brand): ColourPair[] {
  return [
    { name: `onPrimary ${brand.onPrimary} on primary ${brand.primary}`, use: 'text in the campaign header and on buttons', foreground: brand.onPrimary, background: brand.primary, minimum: MIN_TEXT_CONTRAST },
    { name: `link ${brand.link} on white ${PAGE_BACKGROUND}`, use: 'links on the page', foreground: brand.link, background: PAGE_BACKGROUND, minimum: MIN_TEXT_CONTRAST },
    ...onPanels('link', brand.link, 'links inside the light grey boxes', MIN_TEXT_CONTRAST),
    { name: `button edge ${buttonEdge(brand)} on white ${PAGE_BACKGROUND}`, use: 'the outline of buttons, drawn in primary or onPrimary', foreground: buttonEdge(brand), background: PAGE_BACKGROUND, minimum: MIN_NON_TEXT_CONTRAST },
    { name: `focus ${brand.focus} on white ${PAGE_BACKGROUND}`, use: 'the focus ring on the page', foreground: brand.focus, background: PAGE_BACKGROUND, minimum: MIN_NON_TEXT_CONTRAST },
    { name: `focus ${brand.focus} on primary ${brand.primary}`, use: 'the focus ring in the campaign header', foreground: brand.focus, background: brand.primary, minimum: MIN_NON_TEXT_CONTRAST },
    ...onPanels('focus', brand.focus, 'the focus ring inside the light grey boxes', MIN_NON_TEXT_CONTRAST),
  ];
}

/** One message per pair below WCAG AA, naming the pair, its ratio and what it needs. */
export function brandContrastProblems(brand: Brand): string[] {
  return themePairs(brand)
    .map((pair) => ({ pair, ratio: contrastRatio(pair.foreground, pair.background) }))
    .filter(({ pair, ratio }) => ratio < pair.minimum)
    .map(
      ({ pair, ratio }) =>
        `The colour pair ${pair.name} (${pair.use}) has a contrast of ${formatRatio(ratio)}; it needs at least ${pair.minimum}:1. ` +
        'Choose a darker or lighter colour so the two stand further apart.',
    );
}

/**
 * The campaign's stylesheet (served as /c/<slug>/theme.css). Colours only; every selector starts
 * with `main`, and a test checks that it stays so.
 */
export function themeCss(brand: Brand): string {
  const { primary, onPrimary, link, focus } = brand;
  const edge = buttonEdge(brand);
  return `/* Generated from the campaign file's brand colours. Only what is inside <main> is themed. */
main .campaign-band { background: ${primary}; color: ${onPrimary}; }
main .campaign-band h1, main .campaign-band p, main .campaign-band a { color: ${onPrimary}; }
main a { color: ${link}; }
main a:hover { color: ${link}; }
main .button, main .button:hover, main .button--secondary, main .button--secondary:hover { background: ${primary}; color: ${onPrimary}; border: 2px solid ${edge}; }
main .campaign-accent { border-color: ${primary}; }
main a:focus-visible, main button:focus-visible, main input:focus-visible, main select:focus-visible, main textarea:focus-visible, main summary:focus-visible { outline: 3px solid ${focus}; outline-offset: 2px; box-shadow: none; }
`;
}
