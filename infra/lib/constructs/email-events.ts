import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { SECRET_ENV, type AppSecrets } from './app-secrets.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { appEnvironment, grantSecretRead, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export interface EmailEventsProps extends AppSettings {
  table: ITable;
  secrets: AppSecrets;
  /** The configuration set's bounce and complaint topic (`EmailSending.topic`). */
  topic: ITopic;
}

/** Lambda's asynchronous retries (its defaults, stated) before a notification goes to the queue. */
export const EMAIL_EVENTS_ASYNC = { retryAttempts: 2, maxEventAgeHours: 6 } as const;

/**
 * SES bounce and complaint notifications (`functions/src/email-events-lambda.ts`): a permanent
 * bounce or a complaint puts the address on the suppression list (a keyed hash, never the
 * address), and every sender checks it before sending, so attacker-chosen recipients cannot wear
 * down the account's reputation. Only PutItem on the table, the signing key and (for what it fails
 * on) its dead-letter queue.
 *
 * SNS invokes Lambda asynchronously: once Lambda has accepted the event, SNS's part is done (an
 * SNS subscription dead-letter queue only catches deliveries Lambda refuses outright, e.g. a
 * missing permission or a deleted function). A notification the function itself fails on (a
 * throttled or failed table write, a timeout) is retried by Lambda's asynchronous invocation, twice,
 * for up to 6 hours, and then dropped unless the function has an on-failure destination. So the
 * queue is the function's on-failure destination: the record keeps the SNS event (with the
 * address, to replay it) and the error, it has an alarm, and docs/operations.md says how to replay.
 */
export class EmailEvents extends Construct {
  readonly fn: LambdaFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'email-events',
      timeout: Duration.seconds(30),
      environment: appEnvironment(props),
    });
    grantTableActions(this.fn, props.table, TABLE_ACTIONS.emailEvents);
    grantSecretRead(this.fn, props.secrets.signingKey, SECRET_ENV.signingKey);
    this.deadLetterQueue = deadLetterQueue(this, 'the bounce and complaint handler (its asynchronous on-failure destination)');
    this.fn.configureAsyncInvoke({
      retryAttempts: EMAIL_EVENTS_ASYNC.retryAttempts,
      maxEventAge: Duration.hours(EMAIL_EVENTS_ASYNC.maxEventAgeHours),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    props.topic.addSubscription(new LambdaSubscription(this.fn));
  }
}
