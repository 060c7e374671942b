import { z } from 'zod';

/**
 * Where a red-flag record's facts come from, and the sourcing policy every record follows
 * (docs/content-rules.md, "Sources"). The order of SOURCE_KINDS is the order pages list them:
 * primary sources first, then nonpartisan research, then news and advocacy.
 */
export const SOURCE_KINDS = ['statute', 'court', 'agency', 'research', 'news', 'advocacy'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds that may only be used with a `why`: what they say that no other kind of source available says. */
export const KINDS_NEEDING_WHY: readonly SourceKind[] = ['news', 'advocacy'];

/** AI-generated or SEO law sites: never a source, whatever they say. Hosts match with their subdomains. */
export const UNACCEPTABLE_SOURCE_HOSTS = [
  'courtgpt.ai',
  'lexace.ai',
  'citizenportal.ai',
  'instalawyer.io',
  'getpocketlaw.com',
  'keepinglawsimple.org',
  'codecond.com',
  'legalfix.com',
  'law.counselstack.com',
] as const;

/**
 * Bill trackers: replace with the legislature's own page. Allowed only where that page could not be
 * found, as kind "research", with the reviewNote naming the tracker and saying why it stays.
 */
export const BILL_TRACKER_HOSTS = [
  'legiplex.com',
  'fastdemocracy.com',
  'billtrack50.com',
  'legiscan.com',
  'pluralpolicy.com',
  'legilist.com',
  'billsponsor.com',
] as const;

/**
 * Groups with a policy position on firearms or related law, of any side (docs/content-rules.md,
 * "Sources"). A source on one of these hosts is advocacy whatever its record says: it must have
 * kind "advocacy" and a `why`, and it may never be the source of a figure. Hosts match with their
 * subdomains. Add any other such group here when a record cites it.
 */
export const ADVOCACY_SOURCE_HOSTS = [
  // Firearm-safety and gun-violence-prevention groups
  'everytown.org',
  'everytownresearch.org',
  'momsdemandaction.org',
  'giffords.org',
  'bradyunited.org',
  'bradycampaign.org',
  'csgv.org',
  'vpc.org',
  'womenslaw.org',
  'disarmdv.org',
  'onethingyoucando.org',
  // Gun-rights groups and gun-owner membership services
  'nra.org',
  'nraila.org',
  'gunowners.org',
  'gunowners.com',
  'firearmspolicy.org',
  'saf.org',
  'nssf.org',
  'uslawshield.com',
] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 2026-11-25.' });
const webUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://') || u.startsWith('http://'), { message: 'Use a web address.' });

export const erpoSourceSchema = z
  .object({
    title: z.string().trim().min(1),
    url: webUrl,
    accessed: isoDate,
    kind: z.enum(SOURCE_KINDS, {
      errorMap: () => ({ message: `Say what kind of source this is: one of ${SOURCE_KINDS.join(', ')}.` }),
    }),
    why: z.string().trim().min(1, { message: 'Leave "why" out or say what this source adds.' }).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.why !== undefined && !KINDS_NEEDING_WHY.includes(s.kind)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['why'],
        message: `"why" is only for news and advocacy sources; remove it from this ${s.kind} source.`,
      });
    }
  });
export type ErpoSource = z.infer<typeof erpoSourceSchema>;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

function matchHost(url: string, hosts: readonly string[]): string | undefined {
  const host = hostOf(url);
  return hosts.find((h) => host === h || host.endsWith(`.${h}`));
}

/** The known advocacy group a URL belongs to (see ADVOCACY_SOURCE_HOSTS), or undefined. */
export function advocacyHost(url: string): string | undefined {
  return matchHost(url, ADVOCACY_SOURCE_HOSTS);
}

/** Sources in the order pages list them (primary first); the order within one kind is kept. */
export function sourcesPrimaryFirst<S extends { kind: SourceKind }>(sources: readonly S[]): S[] {
  return [...sources].sort((a, b) => SOURCE_KINDS.indexOf(a.kind) - SOURCE_KINDS.indexOf(b.kind));
}

export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

interface PolicyInput {
  status: 'in_force' | 'none' | 'prohibited';
  sources: readonly ErpoSource[];
  reviewNote: string;
  /** Fields the reviewer could not verify (the record's `unverified`). */
  unverified?: readonly string[];
}

/**
 * The sourcing policy of the red-flag dataset, as issues naming the field and the fix:
 * 1. news and advocacy sources say why they are needed;
 * 2. a law in force cites at least one statute or court source;
 * 3. a ban on these orders cites the statute that bans them, or, where the statute could not be
 *    found on the legislature's own site, lists "citation" in `unverified` so pages say so;
 * 4. no AI-generated or SEO law site; a bill tracker only as research, explained in reviewNote;
 * 5. a source on a known advocacy group's site (ADVOCACY_SOURCE_HOSTS) has kind "advocacy",
 *    whatever kind the record gives it.
 */
export function sourcePolicyIssues(record: PolicyInput): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  record.sources.forEach((s, i) => {
    if (KINDS_NEEDING_WHY.includes(s.kind) && !s.why?.trim()) {
      issues.push({
        path: ['sources', i, 'why'],
        message: `${s.kind === 'advocacy' ? 'An' : 'A'} ${s.kind} source needs "why": say what it tells that no statute, court, agency or research source available says, or replace it with such a source.`,
      });
    }
    const banned = matchHost(s.url, UNACCEPTABLE_SOURCE_HOSTS);
    if (banned) {
      issues.push({
        path: ['sources', i, 'url'],
        message: `${banned} is an AI-generated or SEO law site and never a source: replace it with the statute, court or agency page.`,
      });
    }
    const advocacy = advocacyHost(s.url);
    if (advocacy && s.kind !== 'advocacy') {
      issues.push({
        path: ['sources', i, 'kind'],
        message: `${advocacy} belongs to a group with a policy position on firearms: give it kind "advocacy" and a "why", or replace it with a statute, court, agency or research source.`,
      });
    }
    const tracker = matchHost(s.url, BILL_TRACKER_HOSTS);
    // "legiscan" is enough to name legiscan.com in a note.
    const named = tracker && record.reviewNote.toLowerCase().includes(tracker.split('.')[0]!);
    if (tracker && (s.kind !== 'research' || !named)) {
      issues.push({
        path: ['sources', i, 'url'],
        message: `${tracker} is a bill tracker: cite the legislature's own page instead; if it cannot be found, keep the tracker with kind "research" and say so in reviewNote, naming ${tracker}.`,
      });
    }
  });
  const kinds = new Set(record.sources.map((s) => s.kind));
  if (record.status === 'in_force' && !kinds.has('statute') && !kinds.has('court')) {
    issues.push({
      path: ['sources'],
      message: 'A law in force needs at least one source of kind "statute" or "court": add the statute on the legislature’s site or the court’s page or form.',
    });
  }
  if (record.status === 'prohibited' && !kinds.has('statute') && !record.unverified?.includes('citation')) {
    issues.push({
      path: ['sources'],
      message:
        'A state that forbids these orders needs at least one source of kind "statute": add the law that forbids them (if it is not on the legislature’s site, list "citation" in unverified and say why in reviewNote).',
    });
  }
  return issues;
}

/** The same issues as "sources.2.why: ..." lines, for tests and scripts. */
export function sourcePolicyProblems(record: PolicyInput): string[] {
  return sourcePolicyIssues(record).map((i) => `${i.path.join('.')}: ${i.message}`);
}
