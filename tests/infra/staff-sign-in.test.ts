import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_PAGES } from '../../functions/src/locks/pages.ts';
import { STAFF_PAGES } from '../../functions/src/staff/pages.ts';
import { LocklineStack } from '../../infra/lib/stacks/lockline-stack.ts';

function synth(stage: 'dev' | 'prod'): Template {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'lockline-cdk-staff-')) });
  return Template.fromStack(new LocklineStack(app, `Staff-${stage}`, { stage, siteUrl: 'https://lockline.test', mailFrom: 'no-reply@lockline.test', env: { account: '123456789012', region: 'us-east-1' } }));
}

type Behavior = Record<string, unknown> & { PathPattern: string; OriginRequestPolicyId?: unknown; TargetOriginId: string };

describe('staff sign-in and exports (synthesised offline)', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it('requires MFA with an authenticator app (no SMS), and lets only admins create users', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
    prod.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    prod.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });

  it('has one public app client: authorization code only, openid, our callback and sign-out URLs, no password flows, no secret', () => {
    const clients = dev.findResources('AWS::Cognito::UserPoolClient');
    expect(Object.keys(clients)).toHaveLength(1);
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://lockline.test/staff/callback'],
      LogoutURLs: ['https://lockline.test/staff/'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
    });
    const flows = (Object.values(clients)[0] as { Properties: { ExplicitAuthFlows?: string[] } }).Properties.ExplicitAuthFlows ?? [];
    expect(flows.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH')).toEqual([]);
  });

  it('uses the managed login pages on a Cognito domain, with Cognito’s own style', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2, Domain: 'lockline-dev-123456789012' });
    dev.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  it('gives the API and the export function the pool, client and login URL', () => {
    const functions = Object.values(dev.findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    const withStaff = functions.filter((f) => f.Properties.Environment?.Variables?.STAFF_CLIENT_ID);
    expect(withStaff).toHaveLength(2);
    for (const f of withStaff) expect(Object.keys(f.Properties.Environment!.Variables!)).toEqual(expect.arrayContaining(['STAFF_USER_POOL_ID', 'STAFF_CLIENT_ID', 'STAFF_AUTH_URL']));
  });

  it('streams exports from a function URL (IAM auth, response streaming) reached through CloudFront with origin access control', () => {
    dev.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' });
    dev.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always' }) });
  });

  it('forwards cookies only for page families that ask (the staff console), API behaviours first, the CSV exports before /api/staff/*', () => {
    const [dist] = Object.values(dev.findResources('AWS::CloudFront::Distribution')) as { Properties: { DistributionConfig: { CacheBehaviors: Behavior[] } } }[];
    const behaviors = dist!.Properties.DistributionConfig.CacheBehaviors;
    const order = behaviors.map((b) => b.PathPattern);
    expect(order.indexOf('/api/staff/campaigns/*.csv')).toBeLessThan(order.indexOf('/api/staff/*'));
    expect(order.indexOf('/api/*')).toBeLessThan(order.indexOf(STAFF_PAGES.pattern));
    expect(order.indexOf('/api/*')).toBeLessThan(order.indexOf(LOCK_PAGES.pattern));
    expect(behaviors.find((b) => b.PathPattern === '/api/staff/campaigns/*.csv')!.AllowedMethods).toEqual(['GET', 'HEAD']);

    const policies = dev.findResources('AWS::CloudFront::OriginRequestPolicy') as Record<string, { Properties: { OriginRequestPolicyConfig: { CookiesConfig: { CookieBehavior: string; Cookies?: string[] } } } }>;
    const cookiesOf = (b: Behavior) => {
      const ref = (b.OriginRequestPolicyId as { Ref?: string }).Ref;
      return ref ? policies[ref]!.Properties.OriginRequestPolicyConfig.CookiesConfig : 'managed';
    };
    expect(STAFF_PAGES.forwardCookies).toBe(true);
    expect(cookiesOf(behaviors.find((b) => b.PathPattern === STAFF_PAGES.pattern)!)).toEqual({ CookieBehavior: 'whitelist', Cookies: ['__Host-lockline-staff', '__Host-lockline-sign-in'] });
    expect(cookiesOf(behaviors.find((b) => b.PathPattern === LOCK_PAGES.pattern)!)).toEqual({ CookieBehavior: 'none' });
  });
});
