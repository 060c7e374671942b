/**
 * `npm run campaign:new`: writes a new, valid campaign file from flags or, for what the flags do
 * not give, from questions in the terminal. The file starts as a draft (no page, not seeded as
 * live), with Lockline's colours; the city fills in sites, message and logo, runs
 * `npm run campaign:check <slug>`, and sets "status": "live" when ready.
 *
 *   npm run campaign:new -- --slug springfield --name "Springfield Safe Storage" --city Springfield \
 *     --state IL --email safestorage@springfield.gov [--languages en,es,vi] [--format yaml]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { stringify as toYaml } from 'yaml';
import { DEFAULT_BRAND } from '../functions/src/domain/campaign-brand.ts';
import { campaignSchema, type CampaignInput } from '../functions/src/domain/campaign.ts';
import { CAMPAIGN_CONTENT_DIR } from '../functions/src/local/paths.ts';
import { describeIssues } from '../functions/src/local/seed.ts';

export interface NewCampaignAnswers {
  slug: string;
  name: string;
  city: string;
  state: string;
  email: string;
  languages: string[];
}

const QUESTIONS: [keyof NewCampaignAnswers, string][] = [
  ['slug', 'Short web name, lower case with hyphens (it becomes /c/<name>/), e.g. springfield: '],
  ['name', 'Campaign name as people will see it, e.g. Springfield Safe Storage: '],
  ['city', 'City: '],
  ['state', 'Two-letter state code, e.g. IL: '],
  ['email', 'Email address the campaign team reads: '],
];

/** The starting file: a draft with English and Spanish (and any added language), Lockline's colours. */
export function scaffoldCampaign(answers: NewCampaignAnswers): CampaignInput {
  return {
    slug: answers.slug,
    name: answers.name,
    shortName: answers.city.slice(0, 24),
    city: answers.city,
    state: answers.state.toUpperCase() as CampaignInput['state'],
    status: 'draft',
    languages: answers.languages,
    demo: false,
    contactEmail: answers.email,
    dataRetentionDays: 90,
    brand: { ...DEFAULT_BRAND },
    localResources: [],
    pickupSites: [],
    storageSites: [],
  };
}

function parseFlags(args: string[]): Partial<NewCampaignAnswers> & { format?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(args[i]!);
    if (match) out[match[1]!] = match[2] ?? args[++i] ?? '';
  }
  return {
    ...(out.slug ? { slug: out.slug } : {}),
    ...(out.name ? { name: out.name } : {}),
    ...(out.city ? { city: out.city } : {}),
    ...(out.state ? { state: out.state } : {}),
    ...(out.email ? { email: out.email } : {}),
    ...(out.languages ? { languages: out.languages.split(',').map((l) => l.trim()) } : {}),
    ...(out.format ? { format: out.format } : {}),
  };
}

export async function main(args: string[], dir = CAMPAIGN_CONTENT_DIR): Promise<number> {
  const flags = parseFlags(args);
  const answers: Partial<NewCampaignAnswers> = { languages: ['en', 'es'], ...flags };
  const missing = QUESTIONS.filter(([key]) => !answers[key]);
  if (missing.length) {
    if (!process.stdin.isTTY) {
      console.error(`Missing: ${missing.map(([k]) => `--${k}`).join(', ')}. Give them as flags, or run this in a terminal to be asked.`);
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    for (const [key, question] of missing) (answers as Record<string, unknown>)[key] = (await rl.question(question)).trim();
    rl.close();
  }
  const format = flags.format === 'yaml' ? 'yaml' : 'json';
  const campaign = scaffoldCampaign(answers as NewCampaignAnswers);
  const parsed = campaignSchema.safeParse(campaign);
  if (!parsed.success) {
    console.error('The answers do not make a valid campaign yet:');
    for (const line of describeIssues(parsed.error.issues)) console.error(`  ✗ ${line}`);
    return 1;
  }
  const file = join(dir, `${campaign.slug}.${format}`);
  if (['json', 'yaml', 'yml'].some((ext) => existsSync(join(dir, `${campaign.slug}.${ext}`)))) {
    console.error(`A campaign named "${campaign.slug}" already exists in ${dir}. Pick another name or edit that file.`);
    return 1;
  }
  writeFileSync(file, format === 'json' ? `${JSON.stringify(campaign, null, 2)}\n` : toYaml(campaign));
  console.log(`Wrote ${file} (status: draft, so it has no page yet).`);
  console.log('Next: add pickup and storage sites, a message and a logo (see docs/launching-a-campaign.md),');
  console.log(`then run: npm run campaign:check ${campaign.slug}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
