import { z } from 'zod';
import { erpoSourceSchema, sourcePolicyIssues, sourcesPrimaryFirst } from './erpo-sources.ts';
import { STATES_AND_DC } from './us-states.ts';

/**
 * One state's (or DC's) red-flag law record: the dataset published at /api/erpo/states and on the
 * /red-flag-laws/ pages. Records live in site/src/content/erpo-states/<xx>.json and are validated
 * by this schema at build time, in tests and when seeded. See docs/erpo-dataset.md.
 */

export const PETITIONERS = [
  'law_enforcement',
  'prosecutor',
  'family',
  'household',
  'intimate_partner',
  'medical_professional',
  'mental_health_professional',
  'school',
  'employer',
  'coworker',
  'other',
] as const;
export type Petitioner = (typeof PETITIONERS)[number];

/**
 * How an emergency (ex parte) order ends:
 * - `at_hearing`: it lasts only until a full hearing, held within `emergencyOrderMaxDays`;
 * - `unless_contested`: it lasts its full `emergencyOrderMaxDays` (e.g. one year in Michigan and
 *   Oregon) unless the person asks for a hearing; pages label it so states are not compared wrongly.
 */
export const EMERGENCY_ORDER_ENDS = ['at_hearing', 'unless_contested'] as const;
export type EmergencyOrderEnds = (typeof EMERGENCY_ORDER_ENDS)[number];

export const ERPO_STATUSES = ['in_force', 'none', 'prohibited'] as const;
export type ErpoStatus = (typeof ERPO_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 2026-11-25.' });
const text = z.object({ en: z.string().trim().min(1), es: z.string().trim().min(1) }).strict();
const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://') || u.startsWith('http://'), { message: 'Use a web address.' });

const FIELD_NAMES = [
  'state',
  'name',
  'status',
  'lawName',
  'enacted',
  'effective',
  'citation',
  'petitioners',
  'petitionersNote',
  'requesters',
  'requestersNote',
  'emergencyOrderMaxDays',
  'emergencyOrderEnds',
  'finalOrderMaxDays',
  'durationNote',
  'summary',
  'steps',
  'alternatives',
  'officialLinks',
  'sources',
  'lastReviewed',
] as const;

export const erpoRecordSchema = z
  .object({
    state: z.enum(STATES_AND_DC, { errorMap: () => ({ message: 'Use the USPS code of a state or DC.' }) }),
    name: text,
    status: z.enum(ERPO_STATUSES),
    lawName: text.nullable(),
    enacted: z.number().int().min(1990).max(2100).nullable(),
    effective: isoDate.nullable(),
    citation: z.string().trim().min(1).nullable(),
    petitioners: z.array(z.enum(PETITIONERS)),
    petitionersNote: text.nullable(),
    /** People who may ask the police, a prosecutor or the court to start an investigation but cannot file. */
    requesters: z.array(z.enum(PETITIONERS)),
    requestersNote: text.nullable(),
    emergencyOrderMaxDays: z.number().int().positive().max(3650).nullable(),
    emergencyOrderEnds: z.enum(EMERGENCY_ORDER_ENDS).nullable(),
    finalOrderMaxDays: z.number().int().positive().max(3650).nullable(),
    durationNote: text.nullable(),
    summary: text,
    steps: z.array(text),
    alternatives: z.array(text),
    officialLinks: z.array(z.object({ title: text, url: httpsUrl }).strict()),
    /** Primary first on pages; the sourcing policy (erpo-sources.ts) applies to every one. */
    sources: z.array(erpoSourceSchema).min(1),
    lastReviewed: isoDate,
    confidence: z.enum(['high', 'medium', 'low']),
    /** Fields the reviewer could not verify; pages say so next to them. */
    unverified: z.array(z.enum(FIELD_NAMES)),
    /** For the next reviewer; never shown to the public. */
    reviewNote: z.string(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (r.status === 'in_force') {
      if (!r.lawName) issue('lawName', 'A state with a law in force needs the law’s name.');
      if (!r.enacted) issue('enacted', 'A state with a law in force needs the year it was enacted.');
      if (!r.citation) issue('citation', 'A state with a law in force needs a citation.');
      if (r.petitioners.length === 0) issue('petitioners', 'List who may ask the court for an order.');
      if (r.steps.length === 0) issue('steps', 'Explain the steps to ask for an order.');
      if (r.finalOrderMaxDays === null && !r.durationNote) {
        issue('durationNote', 'Explain in a note why the final order has no fixed end.');
      }
      if (r.emergencyOrderMaxDays !== null && r.emergencyOrderEnds === null) {
        issue('emergencyOrderEnds', 'Say how the emergency order ends: "at_hearing" or "unless_contested".');
      }
      if (r.emergencyOrderEnds === 'unless_contested' && !r.durationNote) {
        issue('durationNote', 'Explain in a note how the person can contest an emergency order that lasts unless contested.');
      }
    } else {
      if (r.petitioners.length > 0) issue('petitioners', 'Only a state with a law in force has petitioners.');
      if (r.requesters.length > 0) issue('requesters', 'Only a state with a law in force has requesters.');
      if (r.emergencyOrderEnds !== null) issue('emergencyOrderEnds', 'Only a state with a law in force has an emergency order; use null.');
      if (r.emergencyOrderMaxDays !== null || r.finalOrderMaxDays !== null) {
        issue('finalOrderMaxDays', 'Only a state with a law in force has order durations.');
      }
      if (r.alternatives.length === 0) {
        issue('alternatives', 'Say what a worried family can still do where there is no such order.');
      }
    }
    if (r.petitioners.includes('other') && !r.petitionersNote) {
      issue('petitionersNote', 'Explain who "other" petitioners are.');
    }
    if (new Set(r.petitioners).size !== r.petitioners.length) issue('petitioners', 'List each petitioner once.');
    if (new Set(r.requesters).size !== r.requesters.length) issue('requesters', 'List each requester once.');
    const both = r.requesters.filter((p) => r.petitioners.includes(p));
    if (both.length > 0) {
      issue('requesters', `${both.join(', ')} may file, so list them only in petitioners, not in requesters.`);
    }
    if (r.requesters.includes('other') && !r.requestersNote) issue('requestersNote', 'Explain who "other" requesters are.');
    if (r.requestersNote && r.requesters.length === 0) {
      issue('requestersNote', 'A note on requesters needs at least one requester; remove it or list them.');
    }
    if (r.effective && r.enacted && Number(r.effective.slice(0, 4)) < r.enacted) {
      issue('effective', 'The law cannot take effect before it was enacted.');
    }
    // The sourcing policy (docs/content-rules.md, "Sources") fails the build, the seeding and the tests alike.
    for (const i of sourcePolicyIssues(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
  });

export type ErpoRecord = z.infer<typeof erpoRecordSchema>;

/** The public view of a record: everything except the internal review note, sources primary first. */
export type PublicErpoRecord = Omit<ErpoRecord, 'reviewNote'>;

export function toPublicErpoRecord(record: ErpoRecord): PublicErpoRecord {
  const { reviewNote: _internal, ...rest } = record;
  return { ...rest, sources: sourcesPrimaryFirst(rest.sources) };
}

/** Checks a whole dataset: every state and DC exactly once. Returns human-readable problems. */
export function datasetProblems(records: readonly ErpoRecord[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const r of records) seen.set(r.state, (seen.get(r.state) ?? 0) + 1);
  for (const code of STATES_AND_DC) {
    const count = seen.get(code) ?? 0;
    if (count === 0) problems.push(`${code}: missing record`);
    if (count > 1) problems.push(`${code}: ${count} records (expected one)`);
  }
  return problems;
}
