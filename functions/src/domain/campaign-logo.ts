import { z } from 'zod';
import { campaignTextSchema } from './campaign-languages.ts';

/**
 * A campaign's logo: an SVG or PNG file in site/src/content/campaigns/logos/, published as
 * /c/<slug>/logo.<svg|png>, with a description of it in every language of the campaign.
 */
export const LOGO_MAX_BYTES = 20 * 1024;

export const campaignLogoSchema = z
  .object({
    file: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|png)$/, {
        message: 'Name the logo file in lower case with hyphens, ending in .svg or .png, such as "springfield-logo.svg", and put it in site/src/content/campaigns/logos/.',
      }),
    /** What the logo shows, for people who cannot see it ("City of Springfield seal"). */
    alt: campaignTextSchema,
  })
  .strict();
export type CampaignLogo = z.infer<typeof campaignLogoSchema>;

export const logoExtension = (logo: CampaignLogo): 'svg' | 'png' => (logo.file.endsWith('.png') ? 'png' : 'svg');

/** Where the logo is published (the site copies the file there at build time). */
export const logoPath = (slug: string, logo: CampaignLogo): string => `/c/${slug}/logo.${logoExtension(logo)}`;

/**
 * An SVG logo is served from the site's own origin, so it may hold no script, no event handler,
 * no embedded HTML and nothing loaded from elsewhere.
 */
export function svgLogoProblems(svg: string): string[] {
  const problems: string[] = [];
  if (!/<svg[\s>]/i.test(svg)) problems.push('The file is not an SVG image.');
  if (/<script[\s>]/i.test(svg)) problems.push('Remove the <script> element from the SVG.');
  if (/\son[a-z]+\s*=/i.test(svg)) problems.push('Remove event attributes (onload, onclick, ...) from the SVG.');
  if (/<foreignObject[\s>]/i.test(svg)) problems.push('Remove <foreignObject> from the SVG.');
  if (/(?:href|src)\s*=\s*["']\s*(?:https?:|\/\/|javascript:|data:text\/html)/i.test(svg)) problems.push('Remove links to other files or sites from the SVG; embed everything it needs.');
  if (/@import|url\(\s*["']?\s*(?:https?:|\/\/)/i.test(svg)) problems.push('Remove styles that load files from elsewhere.');
  return problems;
}

/** Width and height of an SVG (from width/height, else the viewBox) or a PNG (its IHDR chunk). */
export function logoSize(bytes: Uint8Array, extension: 'svg' | 'png'): { width: number; height: number } | null {
  if (extension === 'png') {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  const text = new TextDecoder().decode(bytes);
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const w = Number.parseFloat(attr('width') ?? '');
  const h = Number.parseFloat(attr('height') ?? '');
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = (attr('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  return box.length === 4 && box[2]! > 0 && box[3]! > 0 ? { width: box[2]!, height: box[3]! } : null;
}
