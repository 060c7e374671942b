import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../functions/src/domain/campaign.ts';
import { loadCampaignFiles } from '../../functions/src/local/seed.ts';
import { buildCampaign } from '../support/builders.ts';
import { renderLockEmail } from '../../functions/src/locks/emails/lock-emails.ts';
import { lintEnvelope } from '../../scripts/content-lint.ts';

function problems(input: unknown): string[] {
  const result = campaignSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('campaign schema', () => {
  it('accepts a complete campaign', () => {
    expect(problems(buildCampaign())).toEqual([]);
  });

  it('requires English and Spanish, each once', () => {
    expect(problems(buildCampaign({ languages: ['en', 'vi'] })).join()).toMatch(/English \("en"\) and Spanish/);
    expect(problems(buildCampaign({ languages: ['en', 'es', 'es'] })).join()).toMatch(/each language once/);
  });

  it('rejects unknown keys, bad slugs and non-US states with the field name', () => {
    expect(problems({ ...buildCampaign(), mayor: 'x' }).join()).toMatch(/Unrecognized key/);
    expect(problems(buildCampaign({ slug: 'Big City' })).join()).toMatch(/^slug: Use lower-case/);
    expect(problems(buildCampaign({ state: 'XX' as never })).join()).toMatch(/^state: Use a two-letter US state/);
  });

  it('refuses hidden characters in the names and addresses a campaign file types, naming the field', () => {
    expect(problems(buildCampaign({ name: 'Testville\u202e Safe Storage' }))).toEqual([expect.stringMatching(/^name: Remove hidden/)]);
    expect(problems(buildCampaign({ city: 'Test\u200bville' }))).toEqual([expect.stringMatching(/^city: Remove hidden/)]);
    expect(problems(buildCampaign({ shortName: 'Test\u00adville' }))).toEqual([expect.stringMatching(/^shortName: Remove hidden/)]);
  });

  describe('names, which every email signs and its preview (a lock screen) shows', () => {
    const preview = (campaignName: string, language: 'en' | 'es') =>
      renderLockEmail({ kind: 'confirmation', language, campaignName, confirmationCode: 'K7QM-3XPD', statusUrl: 'https://lockline.example/s', delivery: 'mail', lockType: 'cable', quantity: 1 });

    it('puts the campaign name in the preview, so a firearm word in it would reach a lock screen', () => {
      const e = preview('Springfield Gun Lock Program', 'en');
      expect(e.preview).toContain('Springfield Gun Lock Program');
      expect(lintEnvelope(e, 'en').map((f) => f.rule)).toEqual(['discreet-envelope']);
    });

    it.each([
      ['name', 'Springfield Gun Lock Program', 'Gun'],
      ['name', 'Springfield Firearm Safety', 'Firearm'],
      ['name', 'Programa de Armas Seguras', 'Armas'],
      ['name', 'Springfield Suicide Prevention', 'Suicide'],
      ['shortName', 'Gun Locks', 'Gun'],
    ] as const)('refuses the %s "%s" at build, naming the field and the word', (field, value, word) => {
      expect(problems(buildCampaign({ [field]: value }))).toEqual([expect.stringMatching(new RegExp(`^${field}: Leave "${word}" out of the name`))]);
    });

    it('takes names that only contain such letters inside other words, and their previews pass the linter', () => {
      for (const name of ['Gunnison Safe Storage', 'Harmony Lock It Up', 'Springfield Safe Storage']) {
        expect(problems(buildCampaign({ name }))).toEqual([]);
        for (const language of ['en', 'es'] as const) expect(lintEnvelope(preview(name, language), language)).toEqual([]);
      }
    });
  });

  it('validates every campaign file in the repository', () => {
    const campaigns = loadCampaignFiles();
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns.find((c) => c.slug === 'demo-city')).toMatchObject({ demo: true, status: 'live' });
  });
});
