import { Hono } from 'hono';
import { z } from 'zod';
import { stateCodeSchema, stateForZip, isStateOrDc, lookupZip } from '../domain/erpo-lookup.ts';
import { toPublicErpoRecord, type ErpoRecord } from '../domain/erpo.ts';
import { NotFoundError } from '../domain/errors.ts';
import { zipInputSchema } from '../domain/zip.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import type { ErpoRepository } from './ports.ts';

export const ERPO_DATASET_LICENSE = 'CC BY 4.0';

const lookupQuerySchema = z.object({ zip: zipInputSchema }).strict();

const findFormSchema = z
  .object({
    zip: z.string().max(20).optional(),
    state: z.string().max(4).optional(),
    lang: z.enum(['en', 'es']).default('en'),
  })
  .strict();

function datasetInfo(records: ErpoRecord[]) {
  const lastReviewed = records.map((r) => r.lastReviewed).sort().at(-1) ?? null;
  return { license: ERPO_DATASET_LICENSE, lastReviewed, count: records.length };
}

/**
 * The red-flag law dataset and ZIP lookup. Nothing here logs a ZIP code or a state a person asked
 * about: the access log records only the route pattern.
 */
export function erpoRoutes(erpo: ErpoRepository) {
  const findRecord = async (code: string) => {
    const record = isStateOrDc(code) ? await erpo.get(code) : null;
    if (!record) throw new NotFoundError('There is no state or DC with that code.');
    return record;
  };

  return new Hono<AppEnv>()
    .get('/states', async (c) => {
      parseInput(z.object({}).strict(), queryObject(c));
      const records = await erpo.list();
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ dataset: datasetInfo(records), states: records.map(toPublicErpoRecord) });
    })
    .get('/states/:code', async (c) => {
      const code = parseInput(z.object({ code: stateCodeSchema }), { code: c.req.param('code') }).code;
      const record = await findRecord(code);
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ state: toPublicErpoRecord(record) });
    })
    .get('/lookup', async (c) => {
      const { zip } = parseInput(lookupQuerySchema, queryObject(c));
      const record = await findRecord(stateForZip(zip));
      // A lookup says where someone is, or is worried about: keep it out of every cache.
      c.header('Cache-Control', 'private, no-store');
      return c.json({ zip, state: record.state, record: toPublicErpoRecord(record) });
    })
    .post('/find', async (c) => {
      // The no-JavaScript finder form posts here (POST keeps the ZIP out of URLs and history);
      // the answer is always a redirect to a page of the static site, in the form's language.
      const form = parseInput(findFormSchema, await c.req.parseBody());
      const base = form.lang === 'es' ? '/es/red-flag-laws/' : '/red-flag-laws/';
      c.header('Cache-Control', 'no-store');
      if (form.state) {
        const code = stateCodeSchema.safeParse(form.state);
        return c.redirect(code.success && isStateOrDc(code.data) ? `${base}${code.data.toLowerCase()}/` : base, 303);
      }
      const zip = zipInputSchema.safeParse(form.zip ?? '');
      if (!zip.success) return c.redirect(`${base}zip-error/invalid/`, 303);
      const result = lookupZip(zip.data);
      if (result.kind === 'unknown') return c.redirect(`${base}zip-error/not-found/`, 303);
      if (result.kind === 'outside') return c.redirect(`${base}zip-error/outside/`, 303);
      return c.redirect(`${base}${result.state.toLowerCase()}/`, 303);
    });
}
