/**
 * Source of the Lambda@Edge origin-response function on the site's (S3) behaviour only: when S3
 * answers a missing object (403 without ListBucket, or 404), the viewer gets the site's own 404
 * page in the path's language with status 404. Other responses pass through untouched, and the
 * API's behaviours never run it, so its JSON 404s stay as they are. docs/decisions/0013.
 *
 * The pages are the site build's `404.html` and `es/404/index.html`, embedded at synth time:
 * Lambda@Edge has no environment variables and no access to the bucket at run time.
 */
export interface NotFoundPages {
  en: string;
  es: string;
}

/** Paths under `/es/` (and `/es` itself) are the Spanish site. */
export function notFoundHandlerSource(pages: NotFoundPages): string {
  return `const PAGES = ${JSON.stringify(pages)};
const MISSING = new Set(['403', '404']);
export const handler = async (event) => {
  const { request, response } = event.Records[0].cf;
  if (!MISSING.has(response.status)) return response;
  const spanish = request.uri === '/es' || request.uri.startsWith('/es/');
  return {
    status: '404',
    statusDescription: 'Not Found',
    headers: {
      'content-type': [{ key: 'Content-Type', value: 'text/html; charset=utf-8' }],
      'cache-control': [{ key: 'Cache-Control', value: 'max-age=60' }],
    },
    body: spanish ? PAGES.es : PAGES.en,
  };
};
`;
}
