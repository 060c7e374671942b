import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { notFoundHandlerSource } from '../../infra/lib/edge/not-found-handler.ts';
import { distributionConfig, resourceByPrefix, synth } from './synth.ts';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function hsts(template: Template) {
  return Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
    (p) => (p as { Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: { StrictTransportSecurity: Record<string, unknown> } } } })
      .Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity,
  );
}

describe('custom domain and TLS', () => {
  let withDomain: Template;
  let without: Template;
  beforeAll(() => {
    withDomain = synth('prod', { props: { domain: { names: ['safestorage.example.gov'], certificateArn: CERT } } }).template;
    without = synth('prod').template;
  });

  it('serves the custom domain with the us-east-1 certificate, SNI only, TLS 1.2 (2021) at least', () => {
    expect(distributionConfig(withDomain)).toMatchObject({
      Aliases: ['safestorage.example.gov'],
      ViewerCertificate: { AcmCertificateArn: CERT, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
    });
  });

  it('asks browsers to preload HSTS only once a custom domain is set', () => {
    for (const policy of hsts(withDomain)) expect(policy).toMatchObject({ Preload: true, IncludeSubdomains: true, AccessControlMaxAgeSec: 31536000 });
    for (const policy of hsts(without)) expect(policy.Preload).toBe(false);
    expect(distributionConfig(without)).not.toHaveProperty('Aliases');
  });
});

describe("the site's 404 page for missing static paths", () => {
  let template: Template;
  beforeAll(() => {
    template = synth('dev').template;
  });

  it('runs a Lambda@Edge origin-response function on the S3 behaviour only, with no distribution-wide error pages', () => {
    const config = distributionConfig(template);
    expect(config.DefaultCacheBehavior.LambdaFunctionAssociations).toEqual([
      { EventType: 'origin-response', LambdaFunctionARN: { Ref: expect.stringMatching(/^EdgeNotFoundFunctionFnCurrentVersion/) } },
    ]);
    for (const behaviour of config.CacheBehaviors) expect(behaviour, behaviour.PathPattern).not.toHaveProperty('LambdaFunctionAssociations');
    expect(config).not.toHaveProperty('CustomErrorResponses');
    const fn = resourceByPrefix(template, 'AWS::Lambda::Function', 'EdgeNotFoundFunctionFn').resource.Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 128 });
    expect(fn).not.toHaveProperty('Environment'); // Lambda@Edge has none
    expect(fn.Architectures ?? ['x86_64']).toEqual(['x86_64']);
    const roleId = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const trust = JSON.stringify((template.toJSON().Resources[roleId] as { Properties: { AssumeRolePolicyDocument: unknown } }).Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('edgelambda.amazonaws.com');
    expect(trust).toContain('lambda.amazonaws.com');
  });
});

describe('the 404 origin-response handler', () => {
  type Handler = (event: unknown) => Promise<{ status: string; body?: string; headers?: Record<string, Array<{ value: string }>> }>;
  let handler: Handler;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockline-404-'));
    const file = join(dir, 'index.mjs');
    writeFileSync(file, notFoundHandlerSource({ en: '<html lang="en">Page not found</html>', es: '<html lang="es">Página no encontrada</html>' }));
    ({ handler } = (await import(pathToFileURL(file).href)) as { handler: Handler });
  });

  const event = (uri: string, status: string) => ({
    Records: [{ cf: { request: { uri, method: 'GET', headers: {} }, response: { status, statusDescription: 'x', headers: { 'x-amz-id': [{ key: 'x-amz-id', value: '1' }] } } } }],
  });

  it('answers a missing English path (S3 403) with the English page and status 404', async () => {
    const response = await handler(event('/no-such-page/index.html', '403'));
    expect(response.status).toBe('404');
    expect(response.body).toContain('lang="en"');
    expect(response.headers!['content-type']![0]!.value).toBe('text/html; charset=utf-8');
  });

  it('answers a missing Spanish path with the Spanish page', async () => {
    for (const uri of ['/es/no-existe/index.html', '/es']) {
      const response = await handler(event(uri, '404'));
      expect(response.status, uri).toBe('404');
      expect(response.body, uri).toContain('lang="es"');
    }
    expect((await handler(event('/estados/index.html', '403'))).body).toContain('lang="en"');
  });

  it('passes every other response through untouched', async () => {
    for (const status of ['200', '304', '500']) {
      const original = event('/index.html', status);
      expect(await handler(original)).toBe(original.Records[0]!.cf.response);
    }
  });
});
