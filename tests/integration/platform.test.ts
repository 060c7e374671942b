import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../functions/src/local/net.ts';
import { DataDirError, startPlatform, type PlatformOptions } from '../../functions/src/local/platform.ts';
import { buildCampaign } from '../support/builders.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lockline-platform-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function options(overrides: Partial<PlatformOptions> = {}): PlatformOptions {
  return { port: 0, host: '127.0.0.1', dataDir: join(scratch, 'data'), sesPort: 0, logLevel: 'SILENT', ...overrides };
}

describe('the local platform (npm start)', () => {
  it('serves the site and a healthy API, and keeps data across a restart', async () => {
    const first = await startPlatform(options());
    try {
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
      const home = await fetch(`${first.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await home.text()).toContain('data-crisis-banner');
      await first.deps.campaigns.put(buildCampaign({ slug: 'survives-restart' }));
    } finally {
      await first.stop();
    }
    // The server is really gone after stop().
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();

    const second = await startPlatform(options());
    try {
      const res = await fetch(`${second.url}/api/campaigns/survives-restart`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { campaign: { slug: string } }).campaign.slug).toBe('survives-restart');
    } finally {
      await second.stop();
    }
  });

  it('says which port is taken and starts nothing', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startPlatform(options({ port, sesPort: 0 }))).rejects.toBeInstanceOf(PortInUseError);
      await expect(startPlatform(options({ port, sesPort: 0 }))).rejects.toThrow(`Port ${port} (site and API) is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('says when the data folder cannot be written', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'x');
    const attempt = startPlatform(options({ dataDir: join(file, 'data') }));
    await expect(attempt).rejects.toBeInstanceOf(DataDirError);
    await expect(startPlatform(options({ dataDir: join(file, 'data') }))).rejects.toThrow(/Cannot write to the data folder/);
  });
});
