import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_HEADER, SECRET_ENV } from '../../infra/lib/constructs/app-secrets.ts';
import { distributionConfig, environmentOf, functionStatements, resourceByPrefix, statementsFor, synth } from './synth.ts';

/** Both secrets' logical IDs. */
function secretIds(template: Template) {
  return {
    origin: resourceByPrefix(template, 'AWS::SecretsManager::Secret', 'SecretsOrigin').id,
    signingKey: resourceByPrefix(template, 'AWS::SecretsManager::Secret', 'SecretsSigningKey').id,
  };
}

/** The secrets a function may read, as logical IDs (GetSecretValue statements resolve to a Ref). */
function readableSecrets(template: Template, functionPrefix: string): string[] {
  return statementsFor(functionStatements(template, functionPrefix), 'secretsmanager:').flatMap((s) => {
    expect([s.Action].flat().sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    return [s.Resource].flat().map((r) => (r as { Ref: string }).Ref);
  });
}

describe('closed origin and the app secrets', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev').template;
    prod = synth('prod').template;
  });

  it('generates both secrets as JSON {"current": 64 letters and digits}, never in the template', () => {
    for (const prefix of ['SecretsOrigin', 'SecretsSigningKey']) {
      expect(resourceByPrefix(dev, 'AWS::SecretsManager::Secret', prefix).resource.Properties).toMatchObject({
        GenerateSecretString: {
          SecretStringTemplate: '{}',
          GenerateStringKey: 'current',
          PasswordLength: 64,
          ExcludePunctuation: true,
          IncludeSpace: false,
        },
      });
      expect(resourceByPrefix(dev, 'AWS::SecretsManager::Secret', prefix).resource.Properties).not.toHaveProperty('SecretString');
    }
  });

  it('keeps the prod signing key when the stack is deleted (the retained table needs it)', () => {
    expect(resourceByPrefix(prod, 'AWS::SecretsManager::Secret', 'SecretsSigningKey').resource.DeletionPolicy).toBe('Retain');
    expect(resourceByPrefix(dev, 'AWS::SecretsManager::Secret', 'SecretsSigningKey').resource.DeletionPolicy).toBe('Delete');
  });

  it('has CloudFront send the origin secret, resolved at deploy time, on the API origin only', () => {
    const { origin } = secretIds(dev);
    const origins = distributionConfig(dev).Origins as Array<{ DomainName: unknown; CustomOriginConfig?: unknown; OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }> }>;
    const api = origins.filter((o) => JSON.stringify(o.DomainName).includes('execute-api'));
    expect(api).toHaveLength(1);
    expect(api[0]!.OriginCustomHeaders).toHaveLength(1);
    const header = api[0]!.OriginCustomHeaders![0]!;
    expect(header.HeaderName).toBe(ORIGIN_HEADER);
    // {{resolve:secretsmanager:<arn>:SecretString:current::}}: CloudFormation reads the value.
    const value = JSON.stringify(header.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(`{"Ref":"${origin}"}`);
    expect(value).toContain(':SecretString:current::}}');
    // Neither the site bucket nor the staff exports' function URL (closed by IAM: origin access control) gets it.
    for (const other of origins.filter((o) => !api.includes(o))) expect(other.OriginCustomHeaders).toBeUndefined();
  });

  it('names the origin secret version after a rotation, so the redeploy changes what CloudFront sends', () => {
    const versionId = '4d1c8f3e-0b7a-4f5e-9c2d-123456789abc';
    const rotated = synth('dev', { props: { originSecretVersion: versionId } }).template;
    const header = (t: Template) =>
      JSON.stringify((distributionConfig(t).Origins as Array<{ OriginCustomHeaders?: unknown }>).find((o) => o.OriginCustomHeaders)!.OriginCustomHeaders);
    expect(header(rotated)).toContain(`:SecretString:current::${versionId}}}`);
    expect(header(dev)).not.toContain(versionId);
  });

  it('gives the API both secret ARNs and read access to exactly those two', () => {
    const { origin, signingKey } = secretIds(dev);
    expect(environmentOf(dev, 'ApiHandler')).toMatchObject({ [SECRET_ENV.origin]: { Ref: origin }, [SECRET_ENV.signingKey]: { Ref: signingKey } });
    expect(readableSecrets(dev, 'ApiHandler').sort()).toEqual([origin, signingKey].sort());
  });

  it('gives the sweep the signing key only, and the content seed no secret', () => {
    const { signingKey } = secretIds(dev);
    expect(environmentOf(dev, 'LockSweepHandler')).toMatchObject({ [SECRET_ENV.signingKey]: { Ref: signingKey } });
    expect(environmentOf(dev, 'LockSweepHandler')).not.toHaveProperty(SECRET_ENV.origin);
    expect(readableSecrets(dev, 'LockSweepHandler')).toEqual([signingKey]);
    expect(readableSecrets(dev, 'ContentSeedHandler')).toEqual([]);
  });

  it('forwards the client address header only with the origin secret, so the API can trust it', () => {
    // The API trusts CloudFront-Viewer-Address only on requests carrying the origin header; every
    // behaviour that reaches the API origin goes through the one origin that adds it.
    const config = distributionConfig(dev);
    const apiOriginId = (config.Origins as Array<{ Id: string; DomainName: unknown }>).find((o) => JSON.stringify(o.DomainName).includes('execute-api'))!.Id;
    const apiBehaviours = config.CacheBehaviors.filter((b) => b.TargetOriginId === apiOriginId);
    expect(apiBehaviours.map((b) => b.PathPattern)).toEqual(expect.arrayContaining(['/api/*', '/api/staff/*', '*/get-a-lock*']));
    expect(environmentOf(dev, 'ApiHandler')).toMatchObject({ CLIENT_IP_HEADER: 'cloudfront-viewer-address' });
  });
});
