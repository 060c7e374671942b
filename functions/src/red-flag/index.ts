/**
 * The red-flag law guide: the 50-state + DC dataset (site/src/content/erpo-states, validated by
 * domain/erpo.ts), its API and ZIP lookup. The static pages are built by the site.
 */
export type { ErpoRepository } from './ports.ts';
export { ERPO_DATASET_LICENSE, erpoRoutes } from './routes.ts';
export { erpoRepository } from './store.ts';
