import type { APIRoute } from 'astro';

/** robots.txt with the absolute sitemap address for the configured site URL. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://127.0.0.1:8787').href;
  return new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /shells/\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
