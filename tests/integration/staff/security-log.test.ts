import { Logger } from '@aws-lambda-powertools/logger';
import { generateKeyPair, exportJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, captureOutput } from '../../support/builders.ts';
import { mintStaffToken, signInThroughIssuer } from '../../support/staff-sign-in.ts';
import { mailRequest, postJson, type LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, issuer, tokenFor, twoCampaigns } from './staff-support.ts';

const LIST = '/api/staff/campaigns/lockton/lock-requests';
const now = () => Math.floor(Date.now() / 1000);
/** A username that must never reach the log. */
const WHO = 'Quentin-Logsecret';

type Line = Record<string, unknown> & { level: string; message: string };
const linesOf = (output: string): Line[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
const events = (output: string, event: string) => linesOf(output).filter((l) => l['event'] === event);

describe('staff security events in the log', () => {
  let h: LockHarness;
  beforeAll(async () => {
    h = await twoCampaigns({ logger: new Logger({ serviceName: 'lockline-test', logLevel: 'INFO' }) });
  });

  it('logs each refused token at WARN with its reason only: never the token or who it names', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const claims = { username: WHO };
    const cases: [string, Record<string, string>][] = [
      ['no_token', {}],
      ['no_token', { authorization: 'Basic abc' }],
      ['malformed', bearer('not.a.jwt')],
      ['expired', bearer(await tokenFor(groupsFor('lockton', 'admin'), { ...claims, iat: now() - 7200, exp: now() - 60 }))],
      ['bad_signature', bearer(await mintStaffToken(issuer(), ['platform-admin'], claims, { ...(await exportJWK(privateKey)), kid: issuer().signingKey.kid! }))],
      ['wrong_client', bearer(await tokenFor(['platform-admin'], { ...claims, client_id: 'some-other-client' }))],
      ['wrong_token_use', bearer(await tokenFor(['platform-admin'], { ...claims, token_use: 'id', aud: issuer().clientId }))],
      ['wrong_issuer', bearer(await tokenFor(['platform-admin'], { ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' }))],
    ];
    for (const [reason, headers] of cases) {
      let status = 0;
      const output = await captureOutput(async () => {
        status = (await h.app.request(LIST, { headers })).status;
      });
      expect(status, reason).toBe(401);
      const refused = events(output, 'staff.sign_in_refused');
      expect(refused, reason).toHaveLength(1);
      expect(refused[0]).toMatchObject({ level: 'WARN', message: 'staff sign-in refused', reason, via: headers.authorization?.startsWith('Bearer') ? 'bearer' : 'none' });
      const token = headers.authorization?.replace(/^\w+ /, '');
      if (token) expect(output, reason).not.toContain(token);
      // Nor any part of a JWT (its header, claims or signature).
      for (const part of token?.split('.').filter((p) => p.length >= 16) ?? []) expect(output, reason).not.toContain(part);
      expect(output, reason).not.toContain(WHO);
    }
  });

  it('logs a refused console cookie, a failed callback (with why) and a sign-in (INFO), with no token or username', async () => {
    const expired = await tokenFor(groupsFor('lockton', 'admin'), { username: WHO, iat: now() - 7200, exp: now() - 60 });
    let session = '';
    const output = await captureOutput(async () => {
      expect((await h.app.request('/staff/c/lockton/', { headers: { cookie: `lockline-staff=${expired}` } })).status).toBe(303);
      expect((await h.app.request('/staff/callback?code=abc&state=en.forged', { headers: { cookie: 'lockline-sign-in=en.mine' } })).status).toBe(400);
      expect((await h.app.request('/staff/callback?code=abc&state=en.forged')).status).toBe(400);
      expect((await h.app.request('/staff/callback?error=access_denied&state=en.mine', { headers: { cookie: 'lockline-sign-in=en.mine' } })).status).toBe(400);
      session = await signInThroughIssuer({ siteUrl: buildConfig().siteUrl, app: async (url, init) => h.app.request(url, init), username: 'admin', password: issuer().password });
    });
    const refused = events(output, 'staff.sign_in_refused').map((l) => [l.level, l['reason'], l['via']]);
    expect(refused).toEqual([
      ['WARN', 'expired', 'cookie'],
      ['WARN', 'state_mismatch', 'callback'],
      ['WARN', 'state_missing', 'callback'],
      ['WARN', 'no_code', 'callback'],
    ]);
    const signedIn = events(output, 'staff.signed_in');
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]!.level).toBe('INFO');
    expect(Object.keys(signedIn[0]!).filter((k) => /user|name|email|sub|id$|token|ip|address/i.test(k) && !['service', 'function_request_id', 'xray_trace_id', 'requestId', 'request_id'].includes(k))).toEqual([]);
    expect(output).not.toContain(session);
    expect(output).not.toContain(expired);
    expect(output).not.toContain(WHO);
    expect(output).not.toContain('"admin"');
  });

  it('logs each export at INFO: campaign, kind and row count, nothing from the rows', async () => {
    const request = mailRequest({ name: 'Ottoline Exportsecret' });
    await captureOutput(async () => {
      expect((await postJson(h.app, '/api/campaigns/lockton/lock-requests', request)).status).toBe(201);
    });
    const token = await tokenFor(groupsFor('lockton', 'admin'), { username: WHO });
    const output = await captureOutput(async () => {
      const locks = await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv', { headers: bearer(token) });
      expect(locks.status).toBe(200);
      await locks.text();
      const pledges = await h.app.request('/api/staff/campaigns/lockton/pledges.csv', { headers: bearer(token) });
      expect(pledges.status).toBe(200);
      await pledges.text();
    });
    const exports = events(output, 'staff.export');
    expect(exports.map((l) => [l.level, l['campaign'], l['kind'], l['rows']])).toEqual([
      ['INFO', 'lockton', 'lock-requests', 1],
      ['INFO', 'lockton', 'pledges', 0],
    ]);
    for (const secret of ['Ottoline', 'Exportsecret', String(request.email), WHO, token]) expect(output, secret).not.toContain(secret);
  });
});
