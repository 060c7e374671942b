/**
 * `npm run campaign:check <slug>`: checks one campaign file the way the build and the seed do, and
 * says in plain words what to fix: every schema rule (contrast, languages, sites in the state,
 * ...), the logo file, the state's red-flag record, and storage sites not checked for six months.
 * Exits 1 when the file would fail the build; stale storage sites alone are warnings (exit 0).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { campaignSchema, type Campaign } from '../functions/src/domain/campaign.ts';
import { staleStorageSites, STORAGE_STALE_MONTHS } from '../functions/src/domain/storage-site.ts';
import { CAMPAIGN_CONTENT_DIR, ERPO_CONTENT_DIR } from '../functions/src/local/paths.ts';
import { CAMPAIGN_FILE_EXTENSIONS, describeIssues, readContentFile } from '../functions/src/local/seed.ts';
import { checkLogoFile } from '../site/src/lib/campaign-logo-file.ts';

export interface CheckReport {
  file: string | null;
  errors: string[];
  warnings: string[];
  campaign: Campaign | null;
}

export function checkCampaign(slug: string, options: { dir?: string; logoDir?: string; erpoDir?: string; today?: string } = {}): CheckReport {
  const dir = options.dir ?? CAMPAIGN_CONTENT_DIR;
  const file = CAMPAIGN_FILE_EXTENSIONS.map((ext) => join(dir, `${slug}${ext}`)).find((f) => existsSync(f)) ?? null;
  if (!file) return { file, errors: [`There is no campaign file for "${slug}" in ${dir} (looked for ${slug}.json, .yaml and .yml).`], warnings: [], campaign: null };
  let data: unknown;
  try {
    data = readContentFile(file);
  } catch (error) {
    return { file, errors: [`The file is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`], warnings: [], campaign: null };
  }
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) return { file, errors: describeIssues(parsed.error.issues), warnings: [], campaign: null };
  const campaign = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  if (campaign.slug !== slug) errors.push(`slug: the file is named "${slug}" but says "${campaign.slug}". Make them the same.`);
  if (campaign.logo) {
    const logo = checkLogoFile(campaign.slug, campaign.logo, options.logoDir ?? join(dir, 'logos'));
    if (!logo.ok) errors.push(logo.problem);
  }
  if (!existsSync(join(options.erpoDir ?? ERPO_CONTENT_DIR, `${campaign.state.toLowerCase()}.json`))) {
    errors.push(`state: Lockline has no red-flag record for ${campaign.state}.`);
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  for (const site of staleStorageSites(campaign.storageSites, today)) {
    warnings.push(
      `storageSites "${site.id}": last checked on ${site.lastVerified}, more than ${STORAGE_STALE_MONTHS} months ago. Pages tell people to call first. ` +
        `Call ${site.phone}, check the hours and terms, then set lastVerified to the date of your call.`,
    );
  }
  if (campaign.status === 'live' && campaign.pickupSites.length === 0 && !campaign.locks.mail.enabled) {
    warnings.push('pickupSites: a live campaign with no pickup site and no locks by mail offers no free locks yet.');
  }
  return { file, errors, warnings, campaign };
}

function main(args: string[]): number {
  const slug = args.find((a) => !a.startsWith('-'));
  if (!slug) {
    console.error('Usage: npm run campaign:check <slug>   (the name of the file in site/src/content/campaigns/, without .json)');
    return 2;
  }
  const report = checkCampaign(slug);
  console.log(`Checking ${report.file ?? slug}`);
  for (const error of report.errors) console.log(`  ✗ ${error}`);
  for (const warning of report.warnings) console.log(`  ! ${warning}`);
  if (report.errors.length) {
    console.log(`\n${report.errors.length} problem(s) to fix before this campaign can be built.`);
    return 1;
  }
  const c = report.campaign!;
  console.log(`  ✓ ${c.name}: ${c.status}, ${c.languages.join(', ')}, ${c.pickupSites.length} pickup site(s), ${c.storageSites.length} storage site(s).`);
  console.log(report.warnings.length ? `\nThe file is valid. ${report.warnings.length} thing(s) to check soon.` : '\nThe file is valid. Nothing to fix.');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
