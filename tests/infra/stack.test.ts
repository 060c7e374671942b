import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/src/store/table-definition.ts';
import { LocklineStack } from '../../infra/lib/stacks/lockline-stack.ts';

let lastOutdir = '';

function synth(stage: 'dev' | 'prod'): Template {
  lastOutdir = mkdtempSync(join(tmpdir(), 'lockline-cdk-'));
  const app = new App({ outdir: lastOutdir });
  const stack = new LocklineStack(app, `Test-${stage}`, {
    stage,
    siteUrl: 'https://lockline.test',
    mailFrom: 'no-reply@lockline.test',
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

describe('LocklineStack (synthesised offline)', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
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

  it('lets the API describe the table, which the health check needs', () => {
    dev.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:DescribeTable']) })]),
      },
    });
  });

  it('lets the API send mail only as the configured domain identity', () => {
    dev.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Resource: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':identity/lockline.test$')])],
            }),
          }),
        ]),
      },
    });
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
    dev.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
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
          Match.objectLike({ PathPattern: '/get-a-lock*', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' }),
          Match.objectLike({ PathPattern: '/es/c/*/get-a-lock*' }),
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // AWS managed CachingDisabled
          }),
        ]),
      }),
    });
    dev.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  });

  it('sends the same security headers from CloudFront as the API sets itself', () => {
    const policies = dev.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const configs = Object.values(policies).map(
      (p) => (p as { Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, unknown> } } })
        .Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig,
    );
    expect(configs).toHaveLength(2);
    for (const config of configs) {
      expect(JSON.stringify(config)).toContain("frame-ancestors 'none'");
      expect(config).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY' },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      });
    }
  });
});

describe('API bundle', () => {
  it('carries the page shells the lock finder pages are rendered into', () => {
    synth('dev');
    const bundles = readdirSync(lastOutdir).filter((d) => existsSync(join(lastOutdir, d, 'index.mjs')));
    const withShells = bundles.filter((d) => existsSync(join(lastOutdir, d, 'shells', 'get-a-lock', 'index.html')));
    expect(withShells).toHaveLength(1);
    expect(existsSync(join(lastOutdir, withShells[0]!, 'shells', 'es', 'get-a-lock', 'index.html'))).toBe(true);
  });
});

describe('content seed on deploy', () => {
  it('loads the repository content into the table through a custom resource keyed by the content hash', () => {
    const template = synth('dev');
    template.hasResourceProperties('Custom::LocklineContentSeed', {
      Bucket: Match.anyValue(),
      Key: Match.stringLikeRegexp('\\.json$'),
      ContentHash: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:BatchWriteItem']) })]),
      },
    });
  });
});
