import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentOf, functionStatements, resourceByPrefix, statementsFor, synth } from './synth.ts';

describe('email reputation', () => {
  let template: Template;
  let configurationSetId: string;
  beforeAll(() => {
    template = synth('prod').template;
    configurationSetId = resourceByPrefix(template, 'AWS::SES::ConfigurationSet', 'EmailConfigurationSet').id;
  });

  it('makes the mail-from domain an SES identity with Easy DKIM, using the configuration set by default', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'lockline.test',
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    const outputs = Object.values(template.findOutputs('*')).filter((o) => /^DKIM CNAME/.test(String(o.Description)));
    expect(outputs).toHaveLength(3);
  });

  it('requires TLS, suppresses bounced and complaining addresses, publishes reputation metrics, and tracks no opens or clicks', () => {
    const config = resourceByPrefix(template, 'AWS::SES::ConfigurationSet', 'EmailConfigurationSet').resource.Properties;
    expect(config).toMatchObject({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      VdmOptions: { DashboardOptions: { EngagementMetrics: 'DISABLED' } },
    });
    expect(config).not.toHaveProperty('TrackingOptions');
  });

  it('sends only bounce and complaint events, to an encrypted SNS topic SES may publish to', () => {
    const topic = resourceByPrefix(template, 'AWS::SNS::Topic', 'EmailEvents');
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination')) as Array<{
      Properties: { ConfigurationSetName: unknown; EventDestination: { MatchingEventTypes: string[]; SnsDestination: { TopicARN: unknown }; Enabled?: boolean } };
    }>;
    expect(destinations).toHaveLength(1);
    expect(destinations[0]!.Properties.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(destinations[0]!.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    expect(destinations[0]!.Properties.EventDestination.SnsDestination.TopicARN).toEqual({ Ref: topic.id });
    expect(topic.resource.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EmailEventsKey/), 'Arn'] });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 'sns:Publish', Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] })]) },
    });
  });

  it('tells the app which configuration set to send through', () => {
    for (const fn of ['EmailDeliveryHandler', 'LockSweepHandler']) {
      expect(environmentOf(template, fn)).toMatchObject({ SES_CONFIGURATION_SET: { Ref: configurationSetId } });
    }
  });

  it('lets only the senders (the stream consumer and the sweep) send, only as the identity through the configuration set', () => {
    for (const fn of ['EmailDeliveryHandler', 'LockSweepHandler']) {
      const ses = statementsFor(functionStatements(template, fn), 'ses:');
      expect(ses, fn).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      const resources = JSON.stringify(ses[0]!.Resource);
      const identityId = resourceByPrefix(template, 'AWS::SES::EmailIdentity', 'EmailIdentity').id;
      expect(resources).toContain(`:identity/",{"Ref":"${identityId}"}`);
      expect(resources).toContain(`:configuration-set/",{"Ref":"${configurationSetId}"}`);
      expect([ses[0]!.Resource].flat()).toHaveLength(2);
    }
    for (const fn of ['ApiHandler', 'ContentSeedHandler', 'StaffExportsHandler', 'EmailEventsHandler']) {
      expect(statementsFor(functionStatements(template, fn), 'ses:'), fn).toEqual([]);
    }
  });

  it('sends queued email from the table\'s keys-only stream, only for new outbox entries, with partial retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
    const fnId = resourceByPrefix(template, 'AWS::Lambda::Function', 'EmailDeliveryHandler').id;
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    const mapping = (Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))[0] as { Properties: Record<string, unknown> }).Properties as Record<string, unknown>;
    expect(mapping).toMatchObject({
      FunctionName: { Ref: fnId },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
    });
    const [filter] = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(JSON.parse(filter!.Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } });
    expect(JSON.stringify(mapping.DestinationConfig)).toContain('EmailDeliveryDeadLetters');
  });
});
