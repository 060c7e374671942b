/**
 * Every ceiling and alarm threshold of a stage, in one place, so docs/deploying.md can explain
 * each figure and a city can change them in one file. The reasons are in docs/deploying.md
 * ("Limits and why"); the tests read these values rather than repeat them.
 */
export type Stage = 'dev' | 'prod';

export const STAGES: readonly Stage[] = ['dev', 'prod'];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export interface StageLimits {
  /** HTTP API stage throttling: steady requests per second and burst, for the whole API. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Reserved (and so maximum) concurrent executions of the API function. */
  apiReservedConcurrency: number;
  /** DynamoDB on-demand maximum throughput, request units per second, table and each index. */
  tableMaxReadUnits: number;
  tableMaxWriteUnits: number;
  /** WAF: POSTs to /api/* and the request-time pages, per client IP per 5 minutes. */
  wafSubmissionLimit: number;
  /** WAF: any request, per client IP per 5 minutes. */
  wafSiteLimit: number;
  /** Alarm: refused submissions (429s, traps, forged tokens, cross-site) per 5 minutes. */
  refusedSubmissionsAlarm: number;
  /** Alarm: requests blocked by WAF per 5 minutes. */
  wafBlockedAlarm: number;
}

export const STAGE_LIMITS: Record<Stage, StageLimits> = {
  prod: {
    apiRateLimit: 100,
    apiBurstLimit: 200,
    apiReservedConcurrency: 50,
    tableMaxReadUnits: 1000,
    tableMaxWriteUnits: 300,
    wafSubmissionLimit: 100,
    wafSiteLimit: 2000,
    refusedSubmissionsAlarm: 50,
    wafBlockedAlarm: 500,
  },
  dev: {
    apiRateLimit: 20,
    apiBurstLimit: 40,
    apiReservedConcurrency: 5,
    tableMaxReadUnits: 200,
    tableMaxWriteUnits: 50,
    wafSubmissionLimit: 100,
    wafSiteLimit: 2000,
    refusedSubmissionsAlarm: 50,
    wafBlockedAlarm: 500,
  },
};

/**
 * SES reviews an account when its bounce rate reaches 5% or its complaint rate 0.1% (Amazon SES
 * Developer Guide, "Amazon SES sending review process FAQs"); CloudWatch reports them as fractions.
 */
export const SES_REVIEW_THRESHOLDS = { bounceRate: 0.05, complaintRate: 0.001 } as const;

/** The custom metrics the app emits (CloudWatch embedded metric format); docs/operations.md. */
export const APP_METRICS = {
  namespace: 'Lockline',
  dimension: 'Stage',
  refusedSubmissions: 'RefusedSubmissions',
  deadEmails: 'DeadEmails',
  emailsSent: 'EmailsSent',
  emailsFailed: 'EmailsFailed',
} as const;
