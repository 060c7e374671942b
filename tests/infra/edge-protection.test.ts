import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathPatternRegex, STAFF_PATH_REGEX, WAF_MANAGED_GROUPS, WAF_WINDOW_SECONDS } from '../../infra/lib/constructs/edge-firewall.ts';
import { REQUEST_TIME_PAGE_PATHS } from '../../infra/lib/constructs/site-distribution.ts';
import { LocklineStack } from '../../infra/lib/stacks/lockline-stack.ts';
import { STAGE_LIMITS } from '../../infra/lib/stage-limits.ts';
import { distributionConfig, resourceByPrefix, synth } from './synth.ts';

type Rule = { Name: string; Priority: number; Action?: unknown; OverrideAction?: unknown; Statement: unknown; VisibilityConfig: Record<string, unknown> };

/** Follows a path of keys into synthesised JSON (the assertions check the shape). */
function dig(value: unknown, ...keys: Array<string | number>): unknown {
  return keys.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
}

function webAcl(template: Template): { id: string; props: Record<string, unknown> & { Rules: Rule[] }; rules: Record<string, Rule> } {
  const { id, resource } = resourceByPrefix(template, 'AWS::WAFv2::WebACL', 'EdgeFirewallWebAcl');
  const rules = Object.fromEntries((resource.Properties.Rules as Rule[]).map((r) => [r.Name, r]));
  return { id, props: resource.Properties as Record<string, unknown> & { Rules: Rule[] }, rules };
}

const TOO_MANY = { Block: { CustomResponse: { ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: String(WAF_WINDOW_SECONDS) }] } } };

describe('edge protection', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev').template;
    prod = synth('prod').template;
  });

  it('puts a CLOUDFRONT-scope web ACL on the distribution, allowing by default, with metrics and samples on', () => {
    const { id, props } = webAcl(prod);
    expect(props).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
    });
    for (const rule of props.Rules) {
      expect(rule.VisibilityConfig, rule.Name).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
    expect(distributionConfig(prod).WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
  });

  it('rate limits each IP site-wide, then more tightly on POSTs to /api/* and the request-time pages, answering 429', () => {
    const { rules } = webAcl(prod);
    expect(rules.SiteRatePerIp).toMatchObject({
      Priority: 0,
      Action: TOO_MANY,
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: STAGE_LIMITS.prod.wafSiteLimit, EvaluationWindowSec: 300 } },
    });
    const submission = rules.SubmissionRatePerIp!;
    expect(submission).toMatchObject({
      Priority: 1,
      Action: TOO_MANY,
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: STAGE_LIMITS.prod.wafSubmissionLimit, EvaluationWindowSec: 300 } },
    });
    const [method, paths, notStaff] = dig(submission.Statement, 'RateBasedStatement', 'ScopeDownStatement', 'AndStatement', 'Statements') as unknown[];
    expect(notStaff).toEqual({
      NotStatement: { Statement: { RegexMatchStatement: { FieldToMatch: { UriPath: {} }, RegexString: STAFF_PATH_REGEX, TextTransformations: [{ Priority: 0, Type: 'NONE' }] } } },
    });
    expect(method).toMatchObject({ ByteMatchStatement: { FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'POST' } });
    const alternatives = dig(paths, 'OrStatement', 'Statements') as unknown[];
    expect(alternatives).toContainEqual(
      expect.objectContaining({ ByteMatchStatement: expect.objectContaining({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/' }) }),
    );
    const regexes = alternatives.map((s) => dig(s, 'RegexMatchStatement', 'RegexString')).filter((r) => r !== undefined);
    expect(regexes).toEqual(REQUEST_TIME_PAGE_PATHS.map(pathPatternRegex));
  });

  it('leaves staff POSTs out of the strict submission rule, and only them', () => {
    const staff = new RegExp(STAFF_PATH_REGEX);
    const submissionRegexes = ['/api/*', ...REQUEST_TIME_PAGE_PATHS].map((p) => new RegExp(pathPatternRegex(p)));
    const strict = (path: string) => submissionRegexes.some((r) => r.test(path)) && !staff.test(path);
    // Every staff POST: the API's, and the console's (both languages).
    for (const path of [
      '/api/staff/campaigns/demo-city/lock-requests/K7QM-3XPD/status',
      '/api/staff/campaigns/demo-city/stock',
      '/api/staff/campaigns/demo-city/emails/failed/0b5e0f4c-7d1a-4c8e-9a51-3f0a2b6c1d2e/retry',
      '/staff/sign-out',
      '/es/staff/sign-out',
      '/staff/c/demo-city/requests/K7QM-3XPD',
      '/es/staff/c/demo-city/stock/',
      '/staff/c/demo-city/emails/0b5e0f4c-7d1a-4c8e-9a51-3f0a2b6c1d2e',
      '/staff',
    ]) {
      expect(strict(path), path).toBe(false);
    }
    // Residents' submissions stay strict, including paths dressed up as staff paths.
    for (const path of [
      '/api/locks/requests',
      '/api/pledges',
      '/get-a-lock/request/',
      '/es/c/demo-city/get-a-lock/status/K7QM-3XPD/x/cancel',
      '/c/demo-city/pledge/',
      '/c/staff/get-a-lock/request/',
      '/api/staff/../locks/requests',
      '/api/staff/%2e%2e/locks/requests',
      '/api/staff//../pledges',
      '/staff/../get-a-lock/request/',
      '/c/demo-city/get-a-lock/request/staff',
      '/api/staffing/x',
    ]) {
      expect(strict(path), path).toBe(true);
    }
  });

  it('matches the request-time page paths as CloudFront does, and nothing else', () => {
    const matches = (path: string) => REQUEST_TIME_PAGE_PATHS.some((p) => new RegExp(pathPatternRegex(p)).test(path));
    for (const path of ['/get-a-lock/', '/es/get-a-lock/', '/c/demo-city/get-a-lock/request/', '/es/c/demo-city/get-a-lock/status/K7QM-3XPD/x/cancel']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['/', '/safe-storage/', '/es/red-flag-laws/', '/c/demo-city/', '/xget-a-lock']) expect(matches(path), path).toBe(false);
  });

  it('runs the AWS managed known-bad-inputs and common rule groups after the rate rules, blocking', () => {
    const { rules } = webAcl(prod);
    WAF_MANAGED_GROUPS.forEach((name, i) => {
      expect(rules[name]).toMatchObject({
        Priority: 2 + i,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
      });
      expect(dig(rules[name]!.Statement, 'ManagedRuleGroupStatement')).not.toHaveProperty('RuleActionOverrides');
    });
  });

  it('throttles the HTTP API stage and caps the API function with reserved concurrency, per stage', () => {
    for (const [stage, template] of [['prod', prod], ['dev', dev]] as const) {
      const limits = STAGE_LIMITS[stage];
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: limits.apiRateLimit, ThrottlingBurstLimit: limits.apiBurstLimit },
      });
      expect(resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandler').resource.Properties.ReservedConcurrentExecutions).toBe(
        limits.apiReservedConcurrency,
      );
    }
  });

  it('reserves 56 concurrent executions in prod and 11 in dev, the figures docs/deploying.md adds 100 to', () => {
    for (const [template, total] of [[prod, 56], [dev, 11]] as const) {
      const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: { ReservedConcurrentExecutions?: number } }>;
      expect(fns.reduce((sum, f) => sum + (f.Properties.ReservedConcurrentExecutions ?? 0), 0)).toBe(total);
    }
  });

  it('logs API access without paths, query strings, addresses or user agents', () => {
    const stage = Object.values(prod.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    const format = stage.Properties.AccessLogSettings.Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    for (const leak of ['$context.path', '$context.routeKey', '$context.identity', 'querystring']) expect(format).not.toContain(leak);
  });

  it('sets an on-demand maximum throughput on the table and its index, per stage', () => {
    for (const [stage, template] of [['prod', prod], ['dev', dev]] as const) {
      const limits = STAGE_LIMITS[stage];
      const ceiling = { MaxReadRequestUnits: limits.tableMaxReadUnits, MaxWriteRequestUnits: limits.tableMaxWriteUnits };
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        OnDemandThroughput: ceiling,
        GlobalSecondaryIndexes: [Match.objectLike({ OnDemandThroughput: ceiling })],
      });
    }
    expect(STAGE_LIMITS.prod.tableMaxWriteUnits).toBeGreaterThan(STAGE_LIMITS.dev.tableMaxWriteUnits);
  });
});

describe('a stage outside us-east-1', () => {
  it('moves the web ACL and the 404 function to a us-east-1 companion stack and references them across regions', () => {
    const { stack, template, edge } = synth('prod', { region: 'eu-west-1' });
    expect(stack.edgeStack?.region).toBe('us-east-1');
    expect(edge).toBeDefined();
    edge!.resourceCountIs('AWS::WAFv2::WebACL', 1);
    edge!.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Handler: 'index.handler' });
    edge!.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'BlockedRequests', Namespace: 'AWS/WAFV2' });
    edge!.resourceCountIs('AWS::SNS::Subscription', 1);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const config = distributionConfig(template);
    expect(JSON.stringify(config.WebACLId)).toMatch(/ExportsReader.*WebAcl/);
    expect(JSON.stringify(config.DefaultCacheBehavior.LambdaFunctionAssociations)).toMatch(/ExportsReader.*NotFound/);
  });

  it('refuses a stack without an explicit region, rather than guessing where CloudFront resources go', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(
      () => new LocklineStack(app, 'NoRegion', { stage: 'dev', siteUrl: 'https://lockline.test', mailFrom: 'no-reply@lockline.test' }),
    ).toThrow(/explicit region/);
  });
});
