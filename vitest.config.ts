import { defineConfig } from 'vitest/config';

/**
 * One `npm test` runs six projects. The folder says what a test needs:
 *   unit/         no I/O: pure rules, schemas, the app over in-memory fakes
 *   checks/       the repository itself: architecture boundaries, file sizes, content freshness, the site
 *                 build refusing a bad campaign file (a temporary copy of site/)
 *   site/         the built site (site/dist): content linter, page weight, sitemap, page links, campaign pages
 *   integration/  real DynamoDB Local + aws-ses-v2-local, started on free loopback ports
 *   infra/        CDK synth assertions (offline)
 *   e2e/          the built site + local server in headless Chromium
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { test: { name: 'checks', include: ['tests/checks/**/*.test.ts'], globalSetup: ['tests/checks/global-setup.ts'], testTimeout: 60_000 } },
      { test: { name: 'site', include: ['tests/site/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
