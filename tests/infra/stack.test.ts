import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/src/platform/dynamo/table-definition.ts';
import { ZIP_INDEX_ASSET } from '../../functions/src/platform/zip-index/file-source.ts';
import { REQUEST_TIME_PAGES } from '../../functions/src/request-time-pages.ts';
import { functionStatements, resourceByPrefix, synth } from './synth.ts';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'; // AWS managed CachingDisabled

/** The distribution's cache behaviours by path pattern, in the order CloudFront evaluates them. */
function distributionBehaviors(template: Template): Record<string, Record<string, unknown>> {
  const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as {
    Properties: { DistributionConfig: { CacheBehaviors: Array<Record<string, unknown> & { PathPattern: string }> } };
  }[];
  return Object.fromEntries(dist!.Properties.DistributionConfig.CacheBehaviors.map((b) => [b.PathPattern, b]));
}

/** Set by the first suite's synth, the only bundled one in this file. */
let bundledOutdir = '';
let bundledTemplate: Template;

describe('LocklineStack (synthesised offline)', () => {
  let dev: Template;
  let prod: Template;
    beforeAll(() => {
    // dev is bundled once here, for the bundle test below.
    const bundled = synth('dev', { bundle: true });
    dev = bundled.template;
    bundledOutdir = bundled.outdir;
    bundledTemplate = bundled.template;
    prod = synth('prod').template;
  });

  it('builds the table from the shared definition: keys, index, TTL, on-demand, PITR 14 days, encryption', () => {
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: TABLE.globalIndexes[0].indexName })],
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 14 },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('protects the prod table from deletion, and not the dev one', () => {
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('runs the API on Node.js 22, arm64, with config in the environment and 30-day logs', () => {
    dev.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({ STAGE: 'dev', SITE_URL: 'https://lockline.test', TABLE_NAME: Match.anyValue() }),
      },
    });
    dev.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('keeps the site bucket private behind Origin Access Control, TLS only', () => {
    dev.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    // One for the site bucket, one for the staff exports' function URL (tests/infra/staff-sign-in.test.ts).
    dev.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    dev.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3' }) });
    dev.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('routes /api/* to the HTTP API uncached, with the site as default and HTTPS enforced', () => {
    dev.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: Match.arrayWith([
          // The API first: a page pattern such as `*/staff*` also matches `/api/staff/...`.
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
            CachePolicyId: CACHING_DISABLED,
          }),
          Match.objectLike({ PathPattern: '*/get-a-lock*', CachePolicyId: CACHING_DISABLED }),
        ]),
      }),
    });
    dev.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  });

  it('lets the page behaviours take form POSTs, uncached, and forwards the client address to the API', () => {
    // The app policy, and the one that adds the staff cookies (tests/infra/staff-sign-in.test.ts).
    const all = dev.findResources('AWS::CloudFront::OriginRequestPolicy') as Record<string, { Properties: { OriginRequestPolicyConfig: { CookiesConfig: { CookieBehavior: string } } } }>;
    expect(Object.keys(all)).toHaveLength(2);
    const policies = Object.fromEntries(Object.entries(all).filter(([, p]) => p.Properties.OriginRequestPolicyConfig.CookiesConfig.CookieBehavior === 'none'));
    const ids = Object.keys(policies);
    expect(ids).toHaveLength(1);
    const config = (policies[ids[0]!] as { Properties: { OriginRequestPolicyConfig: Record<string, unknown> } }).Properties
      .OriginRequestPolicyConfig;
    expect(config).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'whitelist', Headers: expect.arrayContaining(['CloudFront-Viewer-Address']) },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    // API Gateway rejects the viewer's Host; Authorization is refused in origin request policies.
    const headers = (config.HeadersConfig as { Headers: string[] }).Headers.map((h) => h.toLowerCase());
    expect(headers).not.toContain('host');
    expect(headers).not.toContain('authorization');

    const behaviors = distributionBehaviors(dev);
    // Pages that take form posts; framed fragments (cached briefly) and cookie pages have their own policies.
    for (const path of [...REQUEST_TIME_PAGES.filter((p) => !p.frameable && !p.forwardCookies).map((p) => p.pattern), '/api/*']) {
      expect(behaviors[path], path).toMatchObject({
        AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'POST']),
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: { Ref: ids[0] },
      });
    }
  });

  it('gives the staff API its own behaviour, ahead of /api/*, that passes Authorization and drops Host', () => {
    const order = Object.keys(distributionBehaviors(dev));
    expect(order.indexOf('/api/staff/*')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('/api/staff/*')).toBeLessThan(order.indexOf('/api/*'));
    expect(distributionBehaviors(dev)['/api/staff/*']).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST']),
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AWS managed AllViewerExceptHostHeader
    });
  });

  it('tells the API to take the client address from CloudFront-Viewer-Address', () => {
    dev.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CLIENT_IP_HEADER: 'cloudfront-viewer-address' }) },
    });
  });

  it('sends the same security headers from CloudFront as the API sets itself', () => {
    const policies = dev.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const configs = Object.values(policies).map(
      (p) => (p as { Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, unknown> } } })
        .Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig,
    );
    // The site's, the API's, and the framed fragments' (our own pages may frame those, nobody else).
    expect(configs).toHaveLength(3);
    for (const config of configs) {
      const framed = JSON.stringify(config).includes("frame-ancestors 'self'");
      expect(JSON.stringify(config)).toContain(framed ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
      expect(config).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: framed ? 'SAMEORIGIN' : 'DENY' },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      });
    }
    expect(configs.filter((c) => JSON.stringify(c).includes("frame-ancestors 'self'"))).toHaveLength(1);
  });
});

describe('lock sweep', () => {
  let template: Template;
  let sweepId: string;
  let sweep: Record<string, unknown>;
  beforeAll(() => {
    template = synth('dev').template;
    ({ id: sweepId, resource: { Properties: sweep } } = resourceByPrefix(template, 'AWS::Lambda::Function', 'LockSweepHandler'));
  });

  it('runs one at a time, for up to 60 s, with the API environment and the table', () => {
    expect(sweep).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: {
          STAGE: 'dev',
          SITE_URL: 'https://lockline.test',
          MAIL_FROM: 'no-reply@lockline.test',
          LOG_LEVEL: 'INFO',
          TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
        },
      },
    });
  });

  it('is invoked every 5 minutes by an EventBridge rule, with bounded retries and a dead-letter queue', () => {
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'LockSweepDeadLetters');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue.id, 'Arn'] } },
        }),
      ],
    });
    expect(queue.resource.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [sweepId, 'Arn'] },
    });
  });

  it('can be deployed paused, with its "not running" alarm silenced', () => {
    const paused = synth('dev', { props: { pauseSweep: true } }).template;
    paused.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' });
    paused.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Sweep: not invoked'), ActionsEnabled: false });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Sweep: not invoked'), ActionsEnabled: true });
  });
});

describe('Lambda bundles', () => {
  const FUNCTIONS = { api: 'ApiHandler', sweep: 'LockSweepHandler', seed: 'ContentSeedHandler', emailEvents: 'EmailEventsHandler', export: 'StaffExportsHandler' };
  /** The staged folder of a function's code, by the asset hash in its S3 key. */
  const bundleOf = (prefix: string) => {
    const fn = resourceByPrefix(bundledTemplate, 'AWS::Lambda::Function', prefix).resource;
    const key = (fn.Properties.Code as { S3Key: string }).S3Key;
    return join(bundledOutdir, `asset.${key.replace(/\.zip$/, '')}`);
  };

  it('gives every function its own bundle, with a handler file and no source maps', () => {
    const dirs = Object.values(FUNCTIONS).map(bundleOf);
    expect(new Set(dirs).size).toBe(dirs.length);
    for (const dir of dirs) {
      const files = readdirSync(dir);
      expect(files).toContain('index.mjs');
      expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
      for (const file of files.filter((f) => f.endsWith('.mjs'))) expect(readFileSync(join(dir, file), 'utf8')).not.toContain('sourceMappingURL');
    }
  });

  it('carries the page shells the lock finder pages are rendered into, in the API only', () => {
    const api = bundleOf(FUNCTIONS.api);
    expect(existsSync(join(api, 'shells', 'get-a-lock', 'index.html'))).toBe(true);
    expect(existsSync(join(api, 'shells', 'es', 'get-a-lock', 'index.html'))).toBe(true);
    expect(existsSync(join(bundleOf(FUNCTIONS.sweep), 'shells'))).toBe(false);
  });

  it('ships the packed ZIP index beside the functions that look up ZIP codes, and not with the email events handler', () => {
    for (const fn of [FUNCTIONS.api, FUNCTIONS.sweep, FUNCTIONS.seed, FUNCTIONS.export]) expect(existsSync(join(bundleOf(fn), ZIP_INDEX_ASSET))).toBe(true);
    expect(existsSync(join(bundleOf(FUNCTIONS.emailEvents), ZIP_INDEX_ASSET))).toBe(false);
  });
});

describe('content seed on deploy', () => {
  it('loads the repository content into the table through a custom resource keyed by the content hash, reading only its object', () => {
    const template = synth('dev').template;
    template.hasResourceProperties('Custom::LocklineContentSeed', {
      Bucket: Match.anyValue(),
      Key: Match.stringLikeRegexp('\\.json$'),
      ContentHash: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
    });
    const s3 = functionStatements(template, 'ContentSeedHandler').filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(s3[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(/\.json"/);
  });
});
