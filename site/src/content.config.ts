import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { campaignSchema } from '#domain/campaign';
import { erpoRecordSchema } from '#domain/erpo';
import { figureSchema } from '#domain/figure';

/**
 * Content collections, validated at build time by the same zod schemas the API uses
 * (functions/src/domain). A bad file fails `npm run build` with the field and the reason.
 */
const campaigns = defineCollection({
  loader: glob({ pattern: '*.{json,yaml,yml}', base: './src/content/campaigns' }),
  schema: campaignSchema,
});

/** One record per state and DC; see docs/erpo-dataset.md for how to update one. */
const erpoStates = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/erpo-states' }),
  schema: erpoRecordSchema,
});

/** Statistics, each with its value, data year and source; pages use them through {{fig:id}} tokens. */
const figures = defineCollection({
  loader: file('./src/content/figures/figures.json'),
  schema: figureSchema,
});

/** Education pages: the same slug in pages/en/ and pages/es/. */
const pages = defineCollection({
  loader: glob({ pattern: '{en,es}/*.md', base: './src/content/pages' }),
  schema: z
    .object({
      title: z.string().min(3).max(80),
      description: z.string().min(20).max(160),
      action: z.string().min(10),
      hope: z.string().min(10),
      reviewed: z.coerce.date(),
      /** Pages a person may need to leave fast (domestic violence) show the quick-exit link. */
      quickExit: z.boolean().optional(),
    })
    .strict(),
});

export const collections = { campaigns, erpoStates, figures, pages };
