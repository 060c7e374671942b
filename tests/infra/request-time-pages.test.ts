import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { routesToApp } from '../../functions/src/local/platform.ts';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { patternToRegExp } from '../../functions/src/platform/pages/registry.ts';
import { APP_PATTERNS, REQUEST_TIME_PAGES } from '../../functions/src/request-time-pages.ts';
import { builtPages } from '../../scripts/content-lint.ts';
import { buildDeps } from '../support/builders.ts';
import { synth } from './synth.ts';

/**
 * One registry of request-time pages (functions/src/request-time-pages.ts), read by the app, the
 * local server and the CloudFront distribution: every registered path must reach the app on all
 * three, no static page may be shadowed by a pattern, and the CloudFront behaviour count must not
 * grow with campaigns (CloudFront's default quota is 25 cache behaviours per distribution).
 */
const CLOUDFRONT_BEHAVIOUR_QUOTA = 25;

function distributionBehaviours(): { PathPattern: string; TargetOriginId: string }[] {
  const [dist] = Object.values(synth('dev').template.findResources('AWS::CloudFront::Distribution')) as {
    Properties: { DistributionConfig: { CacheBehaviors: { PathPattern: string; TargetOriginId: string }[]; DefaultCacheBehavior: { TargetOriginId: string } } };
  }[];
  return dist!.Properties.DistributionConfig.CacheBehaviors;
}

/**
 * True when one of the app's own routes (not its catch-all not-found, not a middleware) answers
 * the path: asked of Hono's router, so a route that answers 404 for unknown data still counts.
 */
function appRoutes(app: ReturnType<typeof createApp>, method: string, path: string): boolean {
  // Hono's router answers [[handler, route], params] pairs; middleware is registered as method ALL.
  const [matched] = app.router.match(method, path) as unknown as [[[unknown, { method: string }], unknown][]];
  return matched.some(([[, route]]) => route.method !== 'ALL');
}

/** CloudFront takes the first behaviour whose pattern matches, else the default (the S3 site). */
const cloudFrontTarget = (behaviours: { PathPattern: string; TargetOriginId: string }[], path: string) =>
  behaviours.find((b) => patternToRegExp(b.PathPattern).test(path))?.TargetOriginId;

describe('request-time pages: one registry for the app, the local server and CloudFront', () => {
  const behaviours = distributionBehaviours();
  const apiOrigin = cloudFrontTarget(behaviours, '/api/health');
  const app = createApp(buildDeps());
  const examples = REQUEST_TIME_PAGES.flatMap((family) => family.examples.map((path) => [family.capability, path] as const));

  it('has an API origin behind /api/*', () => {
    expect(apiOrigin).toBeTruthy();
  });

  it.each(examples)('%s: %s reaches the app through CloudFront and the local server, and the app routes it', (_capability, path) => {
    expect(cloudFrontTarget(behaviours, path)).toBe(apiOrigin);
    expect(routesToApp(path)).toBe(true);
    expect(appRoutes(app, 'GET', path), path).toBe(true);
  });

  it('does not call a path routed that no route answers (the check above can fail)', () => {
    expect(appRoutes(app, 'GET', '/c/demo-city/get-a-lock/no-such-page/')).toBe(false);
    expect(appRoutes(app, 'GET', '/api/campaigns')).toBe(true);
  });

  it('shadows no page of the static site, so no built page becomes unreachable in production', () => {
    const shadowed = builtPages(SITE_DIST)
      .map((p) => p.page)
      .filter((page) => APP_PATTERNS.some((pattern) => patternToRegExp(pattern).test(page)));
    expect(shadowed).toEqual([]);
  });

  it('spends one CloudFront behaviour per page family whatever the number of campaigns and languages', () => {
    for (const family of REQUEST_TIME_PAGES) {
      expect(family.pattern, 'a campaign slug in a pattern would cost a behaviour per campaign').not.toMatch(/\/c\/[a-z0-9-]+\//);
      expect(behaviours.map((b) => b.PathPattern)).toContain(family.pattern);
    }
    // Every campaign and language shares its family's behaviour: a path for a campaign that does
    // not exist yet, in a language no campaign has yet, already goes to the app.
    expect(cloudFrontTarget(behaviours, '/vi/c/a-city-launched-next-year/get-a-lock/request/')).toBe(apiOrigin);
    expect(behaviours.length).toBeLessThanOrEqual(CLOUDFRONT_BEHAVIOUR_QUOTA);
  });
});
