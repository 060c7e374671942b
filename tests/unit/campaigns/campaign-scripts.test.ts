import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCampaign } from '../../../scripts/campaign-check.ts';
import { main as campaignNew } from '../../../scripts/campaign-new.ts';
import { buildCampaign } from '../../support/builders.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-scripts-'));
  mkdirSync(join(dir, 'logos'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const flags = ['--slug', 'springfield', '--name', 'Springfield Safe Storage', '--city', 'Springfield', '--state', 'IL', '--email', 'safe@springfield.example'];

describe('npm run campaign:new', () => {
  it('scaffolds a valid draft campaign file from flags, in JSON or YAML', async () => {
    expect(await campaignNew(flags, dir)).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'springfield.json'), 'utf8'));
    expect(written).toMatchObject({ slug: 'springfield', status: 'draft', languages: ['en', 'es'], state: 'IL' });
    expect(checkCampaign('springfield', { dir })).toMatchObject({ errors: [] });

    expect(await campaignNew([...flags.slice(0, 1), 'shelbyville', ...flags.slice(2), '--languages', 'en,es,vi', '--format', 'yaml'], dir)).toBe(0);
    expect(readFileSync(join(dir, 'shelbyville.yaml'), 'utf8')).toContain('  - vi');
    expect(checkCampaign('shelbyville', { dir }).errors).toEqual([]);
  });

  it('never overwrites a campaign, and refuses answers that do not make a valid file', async () => {
    expect(await campaignNew(flags, dir)).toBe(0);
    expect(await campaignNew(flags, dir)).toBe(1);
    expect(await campaignNew([...flags.slice(0, 8), '--email', 'nobody'], join(dir, 'other'))).toBe(1);
  });
});

describe('npm run campaign:check', () => {
  const write = (campaign: Record<string, unknown>) => writeFileSync(join(dir, `${String(campaign.slug)}.json`), JSON.stringify(campaign));
  const storage = (id: string, lastVerified: string) => ({
    id,
    kind: 'range',
    name: { en: 'Range', es: 'Campo de tiro' },
    address: { line1: '2 Range Road', city: 'Portland', state: 'OR', zip: '97203' },
    phone: '503-555-0100',
    hours: { en: 'Weekends', es: 'Fines de semana' },
    terms: { en: 'Free.', es: 'Gratis.' },
    lastVerified,
  });

  it('lists storage sites not checked for six months, with what to do, as warnings', () => {
    write({ ...buildCampaign(), storageSites: [storage('old-range', '2026-01-15'), storage('new-range', '2026-11-01')] });
    const report = checkCampaign('testville', { dir, today: '2026-11-28' });
    expect(report.errors).toEqual([]);
    const storageWarnings = report.warnings.filter((w) => w.startsWith('storageSites'));
    expect(storageWarnings).toEqual([expect.stringMatching(/^storageSites "old-range": last checked on 2026-01-15, more than 6 months ago\. .*Call 503-555-0100/)]);
  });

  it('prints every rule the file breaks, and a missing or unsafe logo', () => {
    write({ ...buildCampaign(), brand: { primary: '#ffdd00', onPrimary: '#ffffff', link: '#1d4f91', focus: '#e0550f' } });
    const errors = checkCampaign('testville', { dir }).errors;
    expect(errors).toContainEqual(expect.stringMatching(/^brand: The colour pair onPrimary #ffffff on primary #ffdd00 \(text in the campaign header and on buttons\) has a contrast of 1\.34:1/));
    expect(errors).toContainEqual(expect.stringMatching(/^brand: The colour pair focus #e0550f on primary #ffdd00 \(the focus ring in the campaign header\) has a contrast of 2\.84:1; it needs at least 3:1/));

    write({ ...buildCampaign(), logo: { file: 'testville-logo.svg', alt: { en: 'Seal', es: 'Sello' } } });
    expect(checkCampaign('testville', { dir }).errors).toEqual([expect.stringMatching(/no such file in site\/src\/content\/campaigns\/logos/)]);
    writeFileSync(join(dir, 'logos', 'testville-logo.svg'), '<svg viewBox="0 0 10 10" onload="alert(1)"></svg>');
    expect(checkCampaign('testville', { dir }).errors).toEqual([expect.stringMatching(/Remove event attributes/)]);
  });

  it('checks every campaign in the repository without errors', () => {
    for (const slug of ['demo-city', 'mesa-alta', 'pine-hollow', 'harbor-point', 'riverside-draft']) expect(checkCampaign(slug).errors, slug).toEqual([]);
  });
});
