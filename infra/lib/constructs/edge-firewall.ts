import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  stage: string;
  /** POSTs to /api/* and to these CloudFront path patterns (the request-time pages), staff paths excepted, per IP per 5 minutes. */
  submissionLimit: number;
  submissionPathPatterns: readonly string[];
  /** Any request, per IP per 5 minutes. */
  siteLimit: number;
}

/** WAF rate-based rules count over this window (seconds). */
export const WAF_WINDOW_SECONDS = 300;

/** The managed rule groups, in evaluation order after the rate rules. */
export const WAF_MANAGED_GROUPS = ['AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesCommonRuleSet'] as const;

const NONE = [{ priority: 0, type: 'NONE' }];

/**
 * Staff paths, left out of the strict submission rule (they stay under the site-wide one): the
 * staff API (`/api/staff/...`) and the console (`/staff...`, `/es/staff...`). A busy fulfilment
 * session from an office address would otherwise get the whole office, residents on its network
 * too, refused; staff requests are signed in, CSRF-protected and audited. Only plain segments
 * (letters, digits, `-`, `_`) are exempt, so a path that merely starts like a staff path
 * (`/api/staff/../locks/...`, `%2e%2e`, `//`) is still counted strictly.
 */
export const STAFF_PATH_REGEX = '^(/api/staff|(/[a-z]{2})?/staff)(/[A-Za-z0-9_-]+)*/?$';

/** A CloudFront path pattern (`*` matches anything, `/` included) as an anchored regex. */
export function pathPatternRegex(pattern: string): string {
  return `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}`;
}

/**
 * AWS WAF in front of CloudFront (scope CLOUDFRONT, so this construct must sit in a us-east-1
 * stack): per-IP rate limits, answered with 429 and Retry-After, a strict one on submissions (not
 * staff requests: STAFF_PATH_REGEX) and a loose one site-wide, then AWS's known-bad-inputs and common rule groups. Every rule has its
 * CloudWatch metrics and sampled requests on. The figures and why: docs/deploying.md.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region) || stack.region !== 'us-east-1') {
      throw new Error(`A CloudFront web ACL must be created in us-east-1; this stack is in ${stack.region}.`);
    }
    this.webAclName = `lockline-${props.stage}-edge`;
    const metricPrefix = `lockline-${props.stage}`;
    const visibility = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`,
    });
    const tooManyRequests = {
      block: {
        customResponse: {
          responseCode: 429,
          responseHeaders: [{ name: 'retry-after', value: String(WAF_WINDOW_SECONDS) }],
        },
      },
    };

    const submissionPaths = [
      { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: '/api/', textTransformations: NONE } },
      ...props.submissionPathPatterns.map((pattern) => ({
        regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: pathPatternRegex(pattern), textTransformations: NONE },
      })),
    ];

    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'SiteRatePerIp',
        priority: 0,
        action: tooManyRequests,
        statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.siteLimit, evaluationWindowSec: WAF_WINDOW_SECONDS } },
        visibilityConfig: visibility('site-rate'),
      },
      {
        name: 'SubmissionRatePerIp',
        priority: 1,
        action: tooManyRequests,
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: props.submissionLimit,
            evaluationWindowSec: WAF_WINDOW_SECONDS,
            scopeDownStatement: {
              andStatement: {
                statements: [
                  { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: NONE } },
                  submissionPaths.length > 1 ? { orStatement: { statements: submissionPaths } } : submissionPaths[0]!,
                  {
                    notStatement: {
                      statement: { regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: STAFF_PATH_REGEX, textTransformations: NONE } },
                    },
                  },
                ],
              },
            },
          },
        },
        visibilityConfig: visibility('submission-rate'),
      },
      ...WAF_MANAGED_GROUPS.map((name, i) => ({
        name,
        priority: 2 + i,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: visibility(name),
      })),
    ];

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      description: `Lockline ${props.stage}: rate limits and AWS managed rules in front of CloudFront`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules,
    });
  }

  /**
   * Requests blocked by any rule, per 5 minutes. CloudFront web ACLs report in us-east-1 with the
   * WebACL and Rule dimensions only (no Region dimension, which is for regional web ACLs).
   */
  metricBlockedRequests(): Metric {
    return new Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: this.webAclName, Rule: 'ALL' },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
  }
}
