import type { APIRoute } from 'astro';
import type { Campaign } from '#domain/campaign';
import { themeCss } from '#domain/campaign-brand';
import { publishedCampaigns, readLogo } from '../../../lib/campaign-pages.ts';
import { shareImage } from '../../../lib/share-image.ts';

/**
 * Files made for each published campaign at build time: its stylesheet (theme.css, from the brand
 * colours), its logo (logo.svg or logo.png, checked) and a share image per language (og-<lang>.png).
 */
export async function getStaticPaths() {
  return (await publishedCampaigns()).flatMap((campaign) => [
    { params: { slug: campaign.slug, asset: 'theme.css' }, props: { campaign, kind: 'theme' as const } },
    ...(campaign.logo ? [{ params: { slug: campaign.slug, asset: readLogo(campaign)!.src.split('/').pop()! }, props: { campaign, kind: 'logo' as const } }] : []),
    ...campaign.languages.map((language) => ({ params: { slug: campaign.slug, asset: `og-${language}.png` }, props: { campaign, kind: 'og' as const, language } })),
  ]);
}

type Props = { campaign: Campaign; kind: 'theme' | 'logo' | 'og'; language?: string };

export const GET: APIRoute<Props> = async ({ props }) => {
  const { campaign, kind, language } = props;
  if (kind === 'theme') return new Response(themeCss(campaign.brand), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
  if (kind === 'logo') {
    const logo = readLogo(campaign)!;
    return new Response(new Uint8Array(logo.bytes), { headers: { 'Content-Type': logo.extension === 'svg' ? 'image/svg+xml' : 'image/png' } });
  }
  return new Response(new Uint8Array(await shareImage(campaign, language!)), { headers: { 'Content-Type': 'image/png' } });
};
