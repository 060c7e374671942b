import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { APP_METRICS, SES_REVIEW_THRESHOLDS, type StageLimits } from '../stage-limits.ts';
import type { AlarmTopic } from './alarm-topic.ts';
import type { Api } from './api.ts';
import type { ContentSeed } from './content-seed.ts';
import type { EmailDelivery } from './email-delivery.ts';
import type { EmailEvents } from './email-events.ts';
import type { LockSweep } from './lock-sweep.ts';
import type { StaffExports } from './staff-exports.ts';

export interface AppAlarmsProps {
  stage: string;
  limits: StageLimits;
  alarms: AlarmTopic;
  api: Api;
  sweep: LockSweep;
  delivery: EmailDelivery;
  emailEvents: EmailEvents;
  exports: StaffExports;
  seed: ContentSeed;
  table: ITable;
  /** The sweep is deployed paused: its "not running" alarm stays silent. */
  sweepPaused: boolean;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Thresholds that are the same in every stage; the per-stage ones are in StageLimits. */
export const ALARM_THRESHOLDS = {
  api5xxPercent: 5,
  api5xxMinRequests: 10,
  apiErrors: 5,
  sweepErrors: 1,
  throttles: 1,
  sweepSilentPeriods: 3,
  deadEmails: 1,
  sweepDeadLetters: 1,
  tableThrottles: 10,
  deliveryErrors: 1,
  /** Seconds the email stream may lag (its oldest unread record's age) before anyone is told. */
  deliveryLagSeconds: 60,
  deliveryDeadLetters: 1,
  emailEventsErrors: 1,
  emailEventsDeadLetters: 1,
  exportsErrors: 1,
  seedErrors: 1,
} as const;

/**
 * Every Lockline function, each with an errors alarm and (where a refusal can happen unseen) a
 * throttles alarm. A function added to the stack must be added here: tests/infra/alarms.test.ts
 * fails for any Lambda function in the template without an errors alarm (CDK's own deploy-time
 * helpers and the Lambda@Edge function excepted, with their reasons there).
 */
export function watchedFunctions(props: Pick<AppAlarmsProps, 'api' | 'sweep' | 'delivery' | 'emailEvents' | 'exports' | 'seed'>) {
  const t = ALARM_THRESHOLDS;
  return [
    { id: 'Api', fn: props.api.fn, errors: t.apiErrors, throttles: true },
    { id: 'Sweep', fn: props.sweep.fn, errors: t.sweepErrors, throttles: true },
    { id: 'EmailDelivery', fn: props.delivery.fn, errors: t.deliveryErrors, throttles: true },
    // Invoked asynchronously by SNS: Lambda retries a throttled event for up to 6 hours, so the
    // throttles alarm is the early warning, the dead-letter queue's the last one.
    { id: 'EmailEvents', fn: props.emailEvents.fn, errors: t.emailEventsErrors, throttles: true },
    { id: 'StaffExports', fn: props.exports.fn, errors: t.exportsErrors, throttles: true },
    // Runs only during a deploy (custom resource): a throttle fails the deploy itself, in plain
    // sight; the errors alarm keeps the record of a failed seed.
    { id: 'ContentSeed', fn: props.seed.fn, errors: t.seedErrors, throttles: false },
  ] as const;
}

/**
 * The stage's alarms in its own region (the WAF alarm sits with the web ACL in us-east-1). Each
 * one's threshold and what to do are listed in docs/operations.md.
 */
export class AppAlarms extends Construct {
  constructor(scope: Construct, id: string, props: AppAlarmsProps) {
    super(scope, id);
    const { alarms, api, sweep, limits } = props;
    const t = ALARM_THRESHOLDS;
    const appMetric = (metricName: string, statistic: string) =>
      new Metric({ namespace: APP_METRICS.namespace, metricName, dimensionsMap: { [APP_METRICS.dimension]: props.stage }, statistic, period: FIVE_MINUTES });

    alarms.alarm(this, 'Api5xxRate', {
      metric: new MathExpression({
        expression: `IF(requests >= ${t.api5xxMinRequests}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: api.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: api.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: 'API 5xx responses, % of requests',
      }),
      threshold: t.api5xxPercent,
      evaluationPeriods: 2,
      description: `API: ${t.api5xxPercent}% or more of requests answered 5xx for 10 minutes (at least ${t.api5xxMinRequests} requests per 5 minutes)`,
    });

    for (const { id: name, fn, errors, throttles } of watchedFunctions(props)) {
      alarms.alarm(this, `${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: errors,
        description: `${name} function: ${errors} or more failed invocations (crash or timeout) in 5 minutes`,
      });
      if (!throttles) continue;
      alarms.alarm(this, `${name}Throttles`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: t.throttles,
        description: `${name} function: invocations refused for lack of concurrency (reserved concurrency reached) in 5 minutes`,
      });
    }

    alarms.alarm(this, 'SweepNotRunning', {
      metric: sweep.fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: t.sweepSilentPeriods,
      treatMissingData: TreatMissingData.BREACHING,
      actionsEnabled: !props.sweepPaused,
      description: 'Sweep: not invoked for 15 minutes (reservations are not lapsing, queued emails are not sent)',
    });

    alarms.alarm(this, 'SweepDeadLetters', {
      metric: sweep.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: t.sweepDeadLetters,
      description: 'Sweep: EventBridge could not invoke the sweep after its retries (see the dead-letter queue)',
    });

    alarms.alarm(this, 'EmailDeliveryLag', {
      metric: props.delivery.fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: t.deliveryLagSeconds * 1000,
      evaluationPeriods: 2,
      description: `Email: the stream consumer is ${t.deliveryLagSeconds} s or more behind for 10 minutes (confirmation emails are late; the sweep sends them after 2 minutes)`,
    });

    alarms.alarm(this, 'EmailDeliveryDeadLetters', {
      metric: props.delivery.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: t.deliveryDeadLetters,
      description: 'Email: stream records the consumer gave up on after its retries (the sweep still sends their entries; see the dead-letter queue)',
    });

    alarms.alarm(this, 'EmailEventsDeadLetters', {
      metric: props.emailEvents.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: t.emailEventsDeadLetters,
      description: 'Email: bounce or complaint notifications the handler failed on after its retries; those addresses are not suppressed yet (see the dead-letter queue, docs/operations.md)',
    });

    alarms.alarm(this, 'DeadEmails', {
      metric: appMetric(APP_METRICS.deadEmails, 'Maximum'),
      threshold: t.deadEmails,
      description: 'Email: outbox entries gave up after every retry and wait for staff (state dead)',
    });

    alarms.alarm(this, 'RefusedSubmissionsSpike', {
      metric: appMetric(APP_METRICS.refusedSubmissions, 'Sum'),
      threshold: limits.refusedSubmissionsAlarm,
      description: `Abuse: ${limits.refusedSubmissionsAlarm} or more submissions refused (429, honeypot, too fast, forged token, cross-site) in 5 minutes`,
    });

    const sesRate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarms.alarm(this, 'SesBounceRate', {
      metric: sesRate('Reputation.BounceRate'),
      threshold: SES_REVIEW_THRESHOLDS.bounceRate,
      description: 'SES: account bounce rate at 5%, where SES places the account under review (10% may pause sending)',
    });
    alarms.alarm(this, 'SesComplaintRate', {
      metric: sesRate('Reputation.ComplaintRate'),
      threshold: SES_REVIEW_THRESHOLDS.complaintRate,
      description: 'SES: account complaint rate at 0.1%, where SES places the account under review (0.5% may pause sending)',
    });

    const tableMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: props.table.tableName }, statistic: 'Sum', period: FIVE_MINUTES });
    alarms.alarm(this, 'TableThrottles', {
      metric: new MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
        period: FIVE_MINUTES,
        label: 'DynamoDB throttle events',
      }),
      threshold: t.tableThrottles,
      description: `Table: ${t.tableThrottles} or more throttled reads or writes in 5 minutes (the on-demand maximum throughput is reached)`,
    });
  }
}
