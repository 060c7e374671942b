import { z } from 'zod';
import { advocacyHost } from './erpo-sources.ts';

/**
 * What kind of source a figure rests on, in the words of the sourcing policy (docs/content-rules.md,
 * "Sources"): a government agency (CDC, VA), nonpartisan research (a peer-reviewed paper, a
 * university), or news. Advocacy is never a figure's source, and a figure shown on a page
 * (`verified`) rests on an agency or research source, not on news.
 */
export const FIGURE_SOURCE_KINDS = ['agency', 'research', 'news'] as const;
export const FIGURE_KINDS_FOR_VERIFIED: readonly (typeof FIGURE_SOURCE_KINDS)[number][] = ['agency', 'research'];

/**
 * A statistic the site may show. Pages never write numbers as free text: they use a
 * `{{fig:<id>}}` token, and the build replaces it with the value and a link to its source and
 * data year. A figure without a source or a data year fails the build; so does using a figure that
 * is not verified, or a token with no figure.
 */
export const figureSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lower-case words joined by hyphens.' }),
    value: z.object({ en: z.string().trim().min(1), es: z.string().trim().min(1) }).strict(),
    unit: z.string().trim().min(3),
    dataYear: z
      .string()
      .regex(/^(19|20)\d{2}(?:[-–](19|20)\d{2})?$/, { message: 'Give the year the data describe, like 2023 or 2007-2014.' }),
    source: z
      .object({
        title: z.string().trim().min(5, { message: 'Name the source.' }),
        url: z.string().url({ message: 'Link the source.' }),
        kind: z.enum(FIGURE_SOURCE_KINDS, {
          errorMap: () => ({ message: `Say what kind of source this is: one of ${FIGURE_SOURCE_KINDS.join(', ')}.` }),
        }),
      })
      .strict(),
    status: z.enum(['verified', 'unverified']),
  })
  .strict()
  .superRefine((f, ctx) => {
    const advocacy = advocacyHost(f.source.url);
    if (advocacy) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['source', 'url'],
        message: `${advocacy} belongs to a group with a policy position on firearms and is never a figure's source: use the agency or the study itself.`,
      });
    }
    if (f.status === 'verified' && !FIGURE_KINDS_FOR_VERIFIED.includes(f.source.kind)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['source', 'kind'],
        message: 'A verified figure rests on an agency or research source: find the agency page or the study, or mark the figure unverified.',
      });
    }
  });

export type Figure = z.infer<typeof figureSchema>;

export const figuresFileSchema = z.array(figureSchema).superRefine((figures, ctx) => {
  const seen = new Set<string>();
  for (const f of figures) {
    if (seen.has(f.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Figure "${f.id}" is defined twice.` });
    seen.add(f.id);
  }
});

export const FIGURE_TOKEN = /\{\{fig:([a-z0-9-]+)\}\}/g;

/** The figure a token names, or an error message that says what is wrong. */
export function resolveFigure(figures: readonly Figure[], id: string): Figure {
  const figure = figures.find((f) => f.id === id);
  if (!figure) throw new Error(`Unknown figure "{{fig:${id}}}": add it to site/src/content/figures/figures.json with its source and data year.`);
  if (figure.status !== 'verified') throw new Error(`Figure "${id}" is not verified yet; pages may only show verified figures.`);
  return figure;
}
