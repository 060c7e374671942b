import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../functions/src/domain/campaign.ts';
import { loadCampaignFiles } from '../../functions/src/local/seed.ts';
import { buildCampaign } from '../support/builders.ts';

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

  it('validates every campaign file in the repository', () => {
    const campaigns = loadCampaignFiles();
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns.find((c) => c.slug === 'demo-city')).toMatchObject({ demo: true, status: 'live' });
  });
});
