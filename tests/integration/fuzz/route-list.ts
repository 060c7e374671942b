import { createApp } from '../../../functions/src/app.ts';
import { buildDeps } from '../../support/builders.ts';
import type { Fixtures } from './harness.ts';
import { appRoutes, routeSpecs, specKey, type AppRoute, type RouteSpec } from './routes.ts';

/**
 * The routes to fuzz, listed from the app itself when the test file is collected (the same
 * `createApp` the harness serves, here over fakes: listing routes touches no dependency), so each
 * gets its own named test.
 */
export const ALL_ROUTES: readonly AppRoute[] = appRoutes(createApp(buildDeps()));

const placeholder: Fixtures = {
  live: 'lockton',
  draft: 'draftton',
  ended: 'endedton',
  request: { code: 'K7QM-3XPD', secret: 'A'.repeat(32) },
  links: Object.fromEntries(['_national', 'lockton'].map((s) => [s, { confirm: 'c', unsubscribe: 'u', delete: 'd' }])),
};

/** The spec table's keys and shapes, without fixtures (for listing and completeness). */
export const SPEC_KEYS: Record<string, RouteSpec> = routeSpecs(placeholder);

export const routesWhere = (test: (spec: RouteSpec | undefined) => boolean) => ALL_ROUTES.filter((r) => test(SPEC_KEYS[specKey(r)]));
