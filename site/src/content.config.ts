import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { campaignSchema } from '#domain/campaign';

/**
 * Content collections, validated at build time by the same zod schemas the API uses
 * (functions/src/domain). A bad file fails `npm run build` with the field and the reason.
 */
const campaigns = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/campaigns' }),
  schema: campaignSchema,
});

export const collections = { campaigns };
