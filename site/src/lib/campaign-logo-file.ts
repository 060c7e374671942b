import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logoExtension, logoPath, logoSize, LOGO_MAX_BYTES, svgLogoProblems, type CampaignLogo } from '#domain/campaign-logo';

/**
 * A campaign's logo file, read and checked: present, small, safe (SVG) and with a readable size.
 * Shared by the site build and `npm run campaign:check`; plain Node, no Astro.
 */

// The build runs from the repository (astro build --root site) or from site/; bundling moves this
// module, so the folder is found from the working directory rather than from import.meta.url.
export const LOGO_DIR =
  [resolve('site/src/content/campaigns/logos'), resolve('src/content/campaigns/logos')].find((d) => existsSync(d)) ?? resolve('site/src/content/campaigns/logos');

export interface CampaignLogoFile {
  src: string;
  width: number;
  height: number;
  bytes: Buffer;
  extension: 'svg' | 'png';
}

export type LogoCheck = { ok: true; logo: CampaignLogoFile } | { ok: false; problem: string };

export function checkLogoFile(slug: string, logo: CampaignLogo, dir = LOGO_DIR): LogoCheck {
  const where = `logo.file "${logo.file}"`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, logo.file));
  } catch {
    return { ok: false, problem: `${where}: there is no such file in site/src/content/campaigns/logos/. Add the file there or fix its name.` };
  }
  if (bytes.length > LOGO_MAX_BYTES) {
    return { ok: false, problem: `${where} is ${Math.ceil(bytes.length / 1024)} KB; make it smaller than ${LOGO_MAX_BYTES / 1024} KB so pages stay light on phones.` };
  }
  const extension = logoExtension(logo);
  if (extension === 'svg') {
    const problems = svgLogoProblems(bytes.toString('utf8'));
    if (problems.length) return { ok: false, problem: `${where}: ${problems.join(' ')}` };
  }
  const size = logoSize(bytes, extension);
  if (!size) return { ok: false, problem: `${where}: cannot read the image's width and height. Give the SVG a viewBox, or check the PNG file.` };
  return { ok: true, logo: { src: logoPath(slug, logo), ...size, bytes, extension } };
}
