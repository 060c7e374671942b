import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { securityHeaders, SITE_CSP } from '../platform/http/security-headers.ts';

/**
 * Serves the built Astro site the way CloudFront does in production: the same security headers,
 * long caching for fingerprinted assets, and a 404 page in the visitor's language.
 */
export function createSiteApp(distDir: string) {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`The site is not built (no ${join(distDir, 'index.html')}). Run: npm run build`);
  }
  const headers = securityHeaders(SITE_CSP);
  const app = new Hono();
  app.use(compress());
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    if (!c.res.headers.has('Cache-Control')) {
      const immutable = c.req.path.startsWith('/_astro/');
      c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
    }
  });
  app.use('*', serveStatic({ root: distDir }));
  app.notFound((c) => {
    const localized = c.req.path.startsWith('/es/') ? join(distDir, 'es', '404', 'index.html') : join(distDir, '404.html');
    const file = existsSync(localized) ? localized : join(distDir, '404.html');
    return c.html(existsSync(file) ? readFileSync(file, 'utf8') : 'Not found', 404);
  });
  return app;
}
