import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/src/local/net.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lockline-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Children of `pid` running DynamoDB Local (the JVM the server starts). */
function javaChildren(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'DynamoDBLocal'])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (functions/src/local.ts) as a process', () => {
  it('prints its URLs, answers, and on Ctrl-C stops cleanly leaving no child process', async () => {
    const port = await freePort();
    const sesPort = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/src/local.ts'], {
      env: { ...process.env, PORT: String(port), SES_PORT: String(sesPort), DATA_DIR: join(scratch, 'data'), LOG_LEVEL: 'SILENT' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 45_000;
    while (!output.includes('Press Ctrl-C to stop.') && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`local server exited early:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain(`http://127.0.0.1:${port}/api/health`);
    expect(output).toContain(`Sent email:       http://127.0.0.1:${sesPort}/`);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    // Staff sign-in: how to sign in as a sample staff member, through the local issuer (code + PKCE).
    expect(output).toMatch(new RegExp(`Staff console: +http://127\\.0\\.0\\.1:${port}/staff/ +\\(sign in as "admin" with password \\S+`));
    const signIn = await fetch(`http://127.0.0.1:${port}/staff/sign-in`, { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?.*code_challenge_method=S256/);

    const java = javaChildren(child.pid!);
    expect(java).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped cleanly.');
    for (const pid of java) expect(alive(pid)).toBe(false);
  });

  it('explains a taken port in plain words and exits non-zero', async () => {
    const port = await freePort();
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'functions/src/local.ts'], {
        env: { ...process.env, PORT: String(port), DATA_DIR: join(scratch, 'data2') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} (site and API) is already in use.`);
      expect(output).toContain(`PORT=${port + 10} npm start`);
    } finally {
      blocker.close();
    }
  });
});
