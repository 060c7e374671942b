import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brandContrastProblems } from '../../../functions/src/domain/campaign-brand.ts';
import { loadCampaignFiles } from '../../../functions/src/local/seed.ts';
import { buildCampaign } from '../../support/builders.ts';

/**
 * One test per rule of issue 11: a campaign file that breaks it is refused with a message that
 * names the file, the field and how to fix it. The loader is the one `npm start`, the deploy seed
 * and `npm run campaign:check` use; the site build applies the same schema to the same files.
 */
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function loadOne(file: Record<string, unknown>, name = 'testville.json'): () => unknown {
  dir = mkdtempSync(join(tmpdir(), 'campaign-rules-'));
  writeFileSync(join(dir, name), JSON.stringify(file));
  const folder = dir;
  return () => loadCampaignFiles(folder);
}

const site = (overrides: Record<string, unknown> = {}) => ({
  id: 'main-library',
  name: { en: 'Main Library', es: 'Biblioteca Principal' },
  address: { line1: '1 Main Street', city: 'Portland', state: 'OR', zip: '97201' },
  hours: { en: 'Every day', es: 'Todos los días' },
  lockTypes: ['cable'],
  noQuestionsAsked: true,
  ...overrides,
});

const storage = (overrides: Record<string, unknown> = {}) => ({
  id: 'north-range',
  kind: 'range',
  name: { en: 'North Range', es: 'Campo de Tiro Norte' },
  address: { line1: '2 Range Road', city: 'Portland', state: 'OR', zip: '97203' },
  phone: '503-555-0100',
  hours: { en: 'Weekends', es: 'Fines de semana' },
  terms: { en: 'Free for 30 days.', es: 'Gratis por 30 días.' },
  lastVerified: '2026-10-01',
  ...overrides,
});

const file = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...buildCampaign(), ...overrides });

describe('campaign file rules', () => {
  it('accepts a complete file with every new field', () => {
    const good = file({
      shortName: 'Testville',
      logo: { file: 'testville-logo.svg', alt: { en: 'Testville seal', es: 'Sello de Testville' } },
      message: { name: 'Ana Díaz', title: { en: 'Mayor', es: 'Alcaldesa' }, text: { en: 'Welcome.', es: 'Bienvenidos.' } },
      pickupSites: [site()],
      storageSites: [storage()],
    });
    expect(loadOne(good)()).toHaveLength(1);
  });

  it('contrast: names the failing colour pair and its ratio', () => {
    const pale = file({ brand: { primary: '#ffdd00', onPrimary: '#ffffff', link: '#1d4f91', focus: '#e0550f' } });
    expect(loadOne(pale)).toThrow(
      /testville\.json[\s\S]*brand: The colour pair onPrimary #ffffff on primary #ffdd00 \(text in the campaign header and on buttons\) has a contrast of 1\.\d\d:1; it needs at least 4\.5:1/,
    );
  });

  it('contrast: a focus ring that does not stand out from the page fails at 3:1', () => {
    const faint = file({ brand: { primary: '#0b2e4f', onPrimary: '#ffffff', link: '#1d4f91', focus: '#ffbf47' } });
    expect(loadOne(faint)).toThrow(/brand: The colour pair focus #ffbf47 on white #ffffff \(the focus ring on the page\) has a contrast of 1\.\d\d:1; it needs at least 3:1/);
  });

  // Focus rings are drawn on the light boxes too (local help, action callout, pledge text, callout).
  // Each colour below passes on white and on the header band; the panel named is the darkest it fails on.
  it.each([
    ['#f0600f', '#eef3fa', ['#eef3fa']],
    ['#e0700f', '#f3f5f7', ['#f3f5f7', '#eef3fa']],
    ['#e0740f', '#f3f8f5', ['#f3f5f7', '#eef3fa', '#f3f8f5']],
  ])('contrast: a focus ring %s that fades on the panel %s fails at 3:1', (focus, panel, failing) => {
    const brand = { primary: '#0b2e4f', onPrimary: '#ffffff', link: '#1d4f91', focus };
    const problems = brandContrastProblems(brand);
    expect(problems.map((p) => p.match(/on panel (#[0-9a-f]{6})/)?.[1])).toEqual(failing);
    expect(loadOne(file({ brand }))).toThrow(
      new RegExp(`brand: The colour pair focus ${focus} on panel ${panel} \\(the focus ring inside the light grey boxes\\) has a contrast of 2\\.\\d\\d:1; it needs at least 3:1`),
    );
  });

  it('crisis lines: a file cannot carry styles, and a colour cannot smuggle CSS', () => {
    expect(loadOne({ ...file(), css: '.crisis { display: none }' })).toThrow(/css: Unrecognized key/);
    const injected = file({ brand: { primary: '#000; } .crisis { display: none', onPrimary: '#ffffff', link: '#1d4f91', focus: '#e0550f' } });
    expect(loadOne(injected)).toThrow(/brand\.primary: Write the main brand colour as a hex colour/);
  });

  it('languages: every campaign text exists in every language the campaign lists', () => {
    const missing = file({
      languages: ['en', 'es', 'vi'],
      message: { name: 'Ana Díaz', title: { en: 'Mayor', es: 'Alcaldesa', vi: 'Thị trưởng' }, text: { en: 'Welcome.', es: 'Bienvenidos.' } },
    });
    expect(loadOne(missing)).toThrow(/message\.text\.vi: Write this text in "vi" too: the campaign lists that language\./);
  });

  it('languages: an added language without a platform sentence needs the campaign’s own fallback notice', () => {
    expect(loadOne(file({ languages: ['en', 'es', 'so'] }))).toThrow(/fallbackNotice\.so: Lockline has no "so" sentence saying a page is shown in English/);
    expect(loadOne(file({ languages: ['en', 'es', 'so'], fallbackNotice: { so: 'Boggan weli laguma hayo Af-Soomaali; waxaa lagu soo bandhigay Ingiriis.' } }))()).toHaveLength(1);
  });

  it('languages: text in a language the campaign does not list is refused', () => {
    const stray = file({ logo: { file: 'testville-logo.svg', alt: { en: 'Seal', es: 'Sello', fr: 'Sceau' } } });
    expect(loadOne(stray)).toThrow(/logo\.alt\.fr: This text is in "fr", which the campaign does not list/);
  });

  it('sites: a pickup or storage site outside the campaign’s state needs a reason', () => {
    const across = { line1: '3 River Road', city: 'Vancouver', state: 'WA', zip: '98660' };
    expect(loadOne(file({ pickupSites: [site({ address: across })] }))).toThrow(
      /pickupSites\.0\.address\.state: "main-library" is in WA, outside the campaign's state \(OR\)\. Check the address, or say why it is listed in outOfStateReason\./,
    );
    expect(loadOne(file({ storageSites: [storage({ address: across })] }))).toThrow(/storageSites\.0\.address\.state: "north-range" is in WA/);
    const withReason = storage({ address: across, outOfStateReason: 'Across the river; many residents work there.' });
    expect(loadOne(file({ storageSites: [withReason] }))()).toHaveLength(1);
  });

  it('sites: the ZIP code must belong to the address’s state', () => {
    const wrongZip = site({ address: { line1: '1 Main Street', city: 'Portland', state: 'OR', zip: '98101' } });
    expect(loadOne(file({ pickupSites: [wrongZip] }))).toThrow(/pickupSites\.0\.address\.zip: ZIP code 98101 is in WA, not OR\. Check the ZIP code or the state\./);
  });

  it('storage sites: lastVerified must be a real date', () => {
    expect(loadOne(file({ storageSites: [storage({ lastVerified: '2026-02-30' })] }))).toThrow(/storageSites\.0\.lastVerified: This is not a real date/);
  });

  it('retention: lock requests are never kept longer than the campaign promises', () => {
    const long = file({ dataRetentionDays: 30 });
    expect(loadOne(long)).toThrow(/locks\.retentionDays: Lock requests are kept 90 days, longer than the campaign's dataRetentionDays \(30\)\. Make locks\.retentionDays 30 or less\./);
  });

  it('contact: a campaign gives an email address its team reads', () => {
    const { contactEmail: _, ...noEmail } = file();
    expect(loadOne(noEmail)).toThrow(/contactEmail: Required/);
    expect(loadOne(file({ contactEmail: 'not an address' }))).toThrow(/contactEmail: Give an email address the campaign team reads/);
  });

  it('logo: a file name that is not a lower-case .svg or .png is refused', () => {
    expect(loadOne(file({ logo: { file: 'Logo.gif', alt: { en: 'Seal', es: 'Sello' } } }))).toThrow(/logo\.file: Name the logo file in lower case with hyphens, ending in \.svg or \.png/);
  });

  it('reads YAML campaign files the same way', () => {
    dir = mkdtempSync(join(tmpdir(), 'campaign-rules-'));
    writeFileSync(join(dir, 'testville.yaml'), 'slug: testville\nname: Testville\ncity: Testville\nstate: OR\nstatus: draft\nlanguages: [en, es]\ncontactEmail: team@testville.example\n');
    expect(loadCampaignFiles(dir)).toMatchObject([{ slug: 'testville', status: 'draft' }]);
  });
});
