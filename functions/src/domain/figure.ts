import { z } from 'zod';

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
      })
      .strict(),
    status: z.enum(['verified', 'unverified']),
  })
  .strict();

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
