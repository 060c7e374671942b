import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  stage: string;
  /** Who is told (`-c alarmEmail=...`); the subscription must be confirmed from that inbox. */
  alarmEmail?: string;
}

export interface AlarmSpec {
  metric: IMetric;
  threshold: number;
  description: string;
  comparison?: ComparisonOperator;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  treatMissingData?: TreatMissingData;
  actionsEnabled?: boolean;
}

/**
 * The SNS topic every alarm of a stack notifies (alarm and back to OK), with an email subscription
 * when an address is given. Alarm messages carry metric names and figures, never personal data.
 * CloudWatch can only notify a topic in its own region, so a stack split across regions has one
 * topic per region, both subscribed to the same address.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: `Lockline (${props.stage}) alarms`, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }

  /** An alarm that tells the topic when it fires and when it clears. */
  alarm(scope: Construct, id: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(scope, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      alarmDescription: spec.description,
      comparisonOperator: spec.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      actionsEnabled: spec.actionsEnabled ?? true,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
