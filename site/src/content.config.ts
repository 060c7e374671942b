import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { campaignSchema } from '#domain/campaign';
import { erpoRecordSchema } from '#domain/erpo';

/**
 * Content collections, validated at build time by the same zod schemas the API uses
 * (functions/src/domain). A bad file fails `npm run build` with the field and the reason.
 */
const campaigns = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/campaigns' }),
  schema: campaignSchema,
});

/** One record per state and DC; see docs/erpo-dataset.md for how to update one. */
const erpoStates = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/erpo-states' }),
  schema: erpoRecordSchema,
});

export const collections = { campaigns, erpoStates };
