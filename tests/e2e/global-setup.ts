import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform } from '../../functions/src/local/platform.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    mailUrl: string;
    staffPassword: string;
  }
}

/** The built site and the API, served by the same local server `npm start` runs (DynamoDB in memory). */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockline-e2e-'));
  const platform = await startPlatform({
    port: 0,
    host: '127.0.0.1',
    sesPort: 0,
    dataDir,
    inMemory: true,
    logLevel: 'SILENT',
    // A person takes more than a second; the limit is tested in tests/integration.
    formMinFillSeconds: 1,
    submissionsPerHour: 10_000,
  });
  project.provide('baseUrl', platform.url);
  project.provide('mailUrl', platform.mailUrl);
  project.provide('staffPassword', platform.staffSignIn.password);
  return async () => {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
