import { Construct } from 'constructs';
import type { StageLimits } from '../stage-limits.ts';
import type { AlarmTopic } from './alarm-topic.ts';
import { EdgeFirewall } from './edge-firewall.ts';
import { REQUEST_TIME_PAGE_PATHS } from './site-distribution.ts';
import { SiteNotFound } from './site-not-found.ts';

export interface EdgeProtectionProps {
  stage: string;
  limits: StageLimits;
  siteDist: string;
  /** A topic in the same region (us-east-1) for the WAF alarm. */
  alarms: AlarmTopic;
}

/**
 * What CloudFront needs from us-east-1: the WAF web ACL (with its blocked-requests alarm, since
 * WAF reports CloudFront metrics there) and the Lambda@Edge 404 function. LocklineStack places this
 * in itself when it is in us-east-1, and in a small `<stack>-edge` stack there otherwise.
 */
export class EdgeProtection extends Construct {
  readonly firewall: EdgeFirewall;
  readonly notFound: SiteNotFound;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    this.firewall = new EdgeFirewall(this, 'Firewall', {
      stage: props.stage,
      submissionLimit: props.limits.wafSubmissionLimit,
      siteLimit: props.limits.wafSiteLimit,
      submissionPathPatterns: REQUEST_TIME_PAGE_PATHS,
    });
    this.notFound = new SiteNotFound(this, 'NotFound', { siteDist: props.siteDist });
    props.alarms.alarm(this, 'WafBlockedSpike', {
      metric: this.firewall.metricBlockedRequests(),
      threshold: props.limits.wafBlockedAlarm,
      description: `WAF: ${props.limits.wafBlockedAlarm} or more requests blocked in 5 minutes (rate limits or managed rules)`,
    });
  }
}
