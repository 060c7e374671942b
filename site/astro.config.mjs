// @ts-check
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// Absolute URLs (hreflang, canonical, sitemap) need the public origin. Set LOCKLINE_SITE_URL to the
// campaign domain before `npm run build` for a deployment; locally the default server URL is used.
const site = process.env.LOCKLINE_SITE_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // External stylesheets only, so the Content-Security-Policy needs no 'unsafe-inline'.
    inlineStylesheets: 'never',
  },
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'es'],
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    sitemap({
      i18n: { defaultLocale: 'en', locales: { en: 'en', es: 'es' } },
      // Error pages and page shells are not content; they stay out of the sitemap (and carry noindex).
      // A campaign's pages in a language it adds (/vi/c/<slug>/...) are the English pages with a
      // notice, whose canonical is the English page: only canonical addresses belong in a sitemap.
      filter: (page) => !page.includes('/zip-error/') && !page.includes('/shells/') && !/\/404\/?$/.test(page) && !/^https?:\/\/[^/]+\/(?!es\/)[a-z]{2}\/c\//.test(page),
    }),
  ],
  // No prefetch, no view transitions, no client islands: content pages ship zero JavaScript.
  prefetch: false,
  devToolbar: { enabled: false },
});
