import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { Campaign } from '#domain/campaign';
import { campaignText } from '../i18n/campaign.ts';
import { contentLocale, readLogo } from './campaign-pages.ts';

/**
 * The campaign's Open Graph share image, 1200x630 PNG, made at build time: satori lays out the
 * text with Noto Sans from the npm package @fontsource/noto-sans (no network), resvg draws it.
 */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

const require = createRequire(import.meta.url);
const fontFile = (subset: string, weight: 400 | 700) => readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`));
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;
const loadFonts = () =>
  (fonts ??= ['latin', 'latin-ext', 'vietnamese', 'cyrillic', 'greek'].flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({ name: 'Noto Sans', data: fontFile(subset, weight), weight, style: 'normal' as const })),
  ));

type Node = { type: string; props: Record<string, unknown> };
const el = (type: string, style: Record<string, unknown>, children?: unknown, extra: Record<string, unknown> = {}): Node => ({
  type,
  props: { style, ...(children === undefined ? {} : { children }), ...extra },
});

export async function shareImage(campaign: Campaign, language: string): Promise<Buffer> {
  const t = campaignText(contentLocale(language));
  const { primary, onPrimary } = campaign.brand;
  const logo = readLogo(campaign);
  const logoData = logo ? `data:image/${logo.extension === 'svg' ? 'svg+xml' : 'png'};base64,${logo.bytes.toString('base64')}` : null;
  const tree = el(
    'div',
    { display: 'flex', flexDirection: 'column', justifyContent: 'space-between', // Padding adds to the box (satori sizes the content box), so the box is the image less the padding.
      width: `${SHARE_IMAGE_SIZE.width - 128}px`, height: `${SHARE_IMAGE_SIZE.height - 112}px`, padding: '56px 64px', background: primary, color: onPrimary, fontFamily: 'Noto Sans' },
    [
      el('div', { display: 'flex', alignItems: 'center', gap: '32px' }, [
        ...(logoData ? [el('img', { width: '140px', height: '140px', objectFit: 'contain' }, undefined, { src: logoData, width: 140, height: 140 })] : []),
        el('div', { display: 'flex', flexDirection: 'column' }, [
          el('div', { fontSize: '54px', fontWeight: 700, lineHeight: 1.1, maxWidth: '900px' }, campaign.name),
          ...(campaign.demo ? [el('div', { fontSize: '30px', marginTop: '12px' }, t.demoBadge)] : []),
        ]),
      ]),
      el('div', { fontSize: '50px', fontWeight: 700 }, t.ogHeadline),
      el('div', { display: 'flex', flexDirection: 'column', borderTop: `4px solid ${onPrimary}`, paddingTop: '16px' }, [el('div', { fontSize: '34px', lineHeight: 1.3 }, t.ogHelp)]),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], { ...SHARE_IMAGE_SIZE, fonts: loadFonts() });
  return new Resvg(svg, { fitTo: { mode: 'width', value: SHARE_IMAGE_SIZE.width } }).render().asPng();
}
