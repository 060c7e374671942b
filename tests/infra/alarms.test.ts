import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALARM_THRESHOLDS } from '../../infra/lib/constructs/app-alarms.ts';
import { STAGE_LIMITS } from '../../infra/lib/stage-limits.ts';
import { alarmNamed, resourceByPrefix, synth } from './synth.ts';

const ALARMS = [
  'Api5xxRate',
  'ApiErrors',
  'ApiThrottles',
  'SweepErrors',
  'SweepThrottles',
  'SweepNotRunning',
  'SweepDeadLetters',
  'EmailDeliveryErrors',
  'EmailDeliveryThrottles',
  'EmailDeliveryLag',
  'EmailDeliveryDeadLetters',
  'EmailEventsErrors',
  'EmailEventsThrottles',
  'EmailEventsDeadLetters',
  'StaffExportsErrors',
  'StaffExportsThrottles',
  'ContentSeedErrors',
  'DeadEmails',
  'RefusedSubmissionsSpike',
  'SesBounceRate',
  'SesComplaintRate',
  'TableThrottles',
  'WafBlockedSpike',
];

describe('alarms', () => {
  let template: Template;
  let topicId: string;
  beforeAll(() => {
    template = synth('prod').template;
    topicId = resourceByPrefix(template, 'AWS::SNS::Topic', 'AlarmsTopic').id;
  });

  it('sends every alarm, and its recovery, to the alarm topic, which emails the configured address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alarms@lockline.test', TopicArn: { Ref: topicId } });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{ Properties: Record<string, unknown> }>;
    expect(alarms).toHaveLength(ALARMS.length);
    for (const name of ALARMS) {
      const alarm = alarmNamed(template, name);
      expect(alarm.AlarmActions, name).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, name).toEqual([{ Ref: topicId }]);
      expect(alarm.AlarmDescription, name).toEqual(expect.any(String));
    }
  });

  it('fires on an API 5xx rate of 5% over two 5-minute periods, ignoring quiet periods', () => {
    const alarm = alarmNamed(template, 'Api5xxRate');
    expect(alarm).toMatchObject({ Threshold: ALARM_THRESHOLDS.api5xxPercent, EvaluationPeriods: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const metrics = alarm.Metrics as Array<{ Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string } } }>;
    expect(metrics.find((m) => m.Expression)!.Expression).toBe('IF(requests >= 10, 100 * errors / requests, 0)');
    expect(metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName).sort()).toEqual(['5xx', 'Count']);
  });

  it('watches errors and throttles of every Lockline function', () => {
    const fnId = (prefix: string) => resourceByPrefix(template, 'AWS::Lambda::Function', prefix).id;
    const api = fnId('ApiHandler');
    const sweep = fnId('LockSweepHandler');
    const delivery = fnId('EmailDeliveryHandler');
    const events = fnId('EmailEventsHandler');
    const exports = fnId('StaffExportsHandler');
    const seed = fnId('ContentSeedHandler');
    for (const [name, fn, metric, threshold] of [
      ['EmailDeliveryErrors', delivery, 'Errors', ALARM_THRESHOLDS.deliveryErrors],
      ['EmailDeliveryThrottles', delivery, 'Throttles', 1],
      ['ApiErrors', api, 'Errors', ALARM_THRESHOLDS.apiErrors],
      ['ApiThrottles', api, 'Throttles', 1],
      ['SweepErrors', sweep, 'Errors', ALARM_THRESHOLDS.sweepErrors],
      ['SweepThrottles', sweep, 'Throttles', 1],
      ['EmailEventsErrors', events, 'Errors', ALARM_THRESHOLDS.emailEventsErrors],
      ['EmailEventsThrottles', events, 'Throttles', 1],
      ['StaffExportsErrors', exports, 'Errors', ALARM_THRESHOLDS.exportsErrors],
      ['StaffExportsThrottles', exports, 'Throttles', 1],
      ['ContentSeedErrors', seed, 'Errors', ALARM_THRESHOLDS.seedErrors],
    ] as const) {
      expect(alarmNamed(template, name), name).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Threshold: threshold,
        Period: 300,
        Statistic: 'Sum',
      });
    }
  });

  it('has an errors alarm for every Lambda function in the template, in every stage and region layout', () => {
    // Not ours to watch: CDK's own deploy-time helpers (a failure fails the deploy, in plain
    // sight) and the Lambda@Edge function, whose metrics CloudWatch keeps in whichever region
    // ran it (a regional alarm would see a fraction; the 404 page it serves is static).
    const exempt = [
      /^ContentSeedProviderframeworkonEvent/,
      /^CustomS3AutoDeleteObjects/,
      /^CustomCDKBucketDeployment/,
      /^CustomCrossRegionExport(Reader|Writer)/,
      /^EdgeNotFoundFunction/,
    ];
    const watched = (t: Template) => {
      const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')) as Array<{ Properties: Record<string, unknown> }>;
      return new Set(
        alarms
          .filter((a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === 'Errors')
          .map((a) => JSON.stringify((a.Properties.Dimensions as Array<{ Value: unknown }>)[0]!.Value)),
      );
    };
    const split = synth('dev', { region: 'eu-west-1' });
    for (const [name, t] of [['prod', template], ['dev in eu-west-1', split.template], ['its edge stack', split.edge!]] as const) {
      const alarmed = watched(t);
      const fns = Object.keys(t.findResources('AWS::Lambda::Function')).filter((id) => !exempt.some((e) => e.test(id)));
      for (const id of fns) expect(alarmed.has(JSON.stringify({ Ref: id })), `${name}: ${id} has no errors alarm`).toBe(true);
      if (t === template) expect(fns).toHaveLength(6);
    }
  });

  it('keeps a bounce or complaint the handler fails on: async retries, then an encrypted dead-letter queue with an alarm', () => {
    const fn = resourceByPrefix(template, 'AWS::Lambda::Function', 'EmailEventsHandler').id;
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'EmailEventsDeadLetters');
    expect(queue.resource.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue.id, 'Arn'] } } },
    });
    expect(alarmNamed(template, 'EmailEventsDeadLetters')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue.id, 'QueueName'] } }],
      Threshold: ALARM_THRESHOLDS.emailEventsDeadLetters,
    });
  });

  it('fires when the sweep has not run for 15 minutes, counting silence as breaching', () => {
    expect(alarmNamed(template, 'SweepNotRunning')).toMatchObject({
      MetricName: 'Invocations',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      Period: 300,
      EvaluationPeriods: 3,
      TreatMissingData: 'breaching',
    });
  });

  it('fires when the sweep schedule dead-letters an invocation', () => {
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'LockSweepDeadLetters').id;
    expect(alarmNamed(template, 'SweepDeadLetters')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('fires when queued email lags on the stream for 10 minutes, or the stream consumer gives up on records', () => {
    const delivery = resourceByPrefix(template, 'AWS::Lambda::Function', 'EmailDeliveryHandler').id;
    expect(alarmNamed(template, 'EmailDeliveryLag')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: delivery } }],
      Statistic: 'Maximum',
      Threshold: ALARM_THRESHOLDS.deliveryLagSeconds * 1000,
      EvaluationPeriods: 2,
    });
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'EmailDeliveryDeadLetters').id;
    expect(alarmNamed(template, 'EmailDeliveryDeadLetters')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('reads the app metrics from the Lockline namespace with the Stage dimension', () => {
    expect(alarmNamed(template, 'DeadEmails')).toMatchObject({
      Namespace: 'Lockline',
      MetricName: 'DeadEmails',
      Dimensions: [{ Name: 'Stage', Value: 'prod' }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarmNamed(template, 'RefusedSubmissionsSpike')).toMatchObject({
      Namespace: 'Lockline',
      MetricName: 'RefusedSubmissions',
      Dimensions: [{ Name: 'Stage', Value: 'prod' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: STAGE_LIMITS.prod.refusedSubmissionsAlarm,
    });
  });

  it("fires at SES's own review thresholds: 5% bounces, 0.1% complaints", () => {
    expect(alarmNamed(template, 'SesBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    expect(alarmNamed(template, 'SesComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });

  it('fires on a spike of WAF-blocked requests and on table throttling', () => {
    const acl = resourceByPrefix(template, 'AWS::WAFv2::WebACL', 'EdgeFirewallWebAcl').resource.Properties.Name;
    expect(alarmNamed(template, 'WafBlockedSpike')).toMatchObject({
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Dimensions: expect.arrayContaining([{ Name: 'WebACL', Value: acl }, { Name: 'Rule', Value: 'ALL' }]),
      Threshold: STAGE_LIMITS.prod.wafBlockedAlarm,
    });
    expect(alarmNamed(template, 'TableThrottles')).toMatchObject({ Threshold: ALARM_THRESHOLDS.tableThrottles });
  });

  it('keeps the alarm topic without a subscriber when no address is given (dev)', () => {
    const dev = synth('dev', { props: { alarmEmail: undefined } }).template;
    // The only subscription left is the email-events function's to the SES bounce/complaint topic.
    expect(Object.values(dev.findResources('AWS::SNS::Subscription')).map((s) => (s as { Properties: { Protocol: string } }).Properties.Protocol)).toEqual(['lambda']);
    dev.resourceCountIs('AWS::CloudWatch::Alarm', ALARMS.length);
  });

  it('runs the functions at LOG_LEVEL INFO in prod, so security events are kept', () => {
    for (const fn of ['ApiHandler', 'LockSweepHandler']) {
      const env = (resourceByPrefix(template, 'AWS::Lambda::Function', fn).resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.LOG_LEVEL, fn).toBe('INFO');
    }
  });
});
