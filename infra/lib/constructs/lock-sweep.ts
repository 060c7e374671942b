import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Function as CdkFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SECRET_ENV, type AppSecrets } from './app-secrets.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { appEnvironment, grantSecretRead, grantSendEmail, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export interface LockSweepProps extends AppSettings {
  table: ITable;
  secrets: AppSecrets;
  /** Run on the schedule; false deploys the rule disabled (a durable pause). Default true. */
  enabled?: boolean;
}

/**
 * The scheduled sweep (`functions/src/sweep-lambda.ts`), every 5 minutes: lapses pickup
 * reservations past their date and sends or retries the queued emails (the outbox in the table).
 * Same environment as the API, its own table actions (TABLE_ACTIONS.sweep), the signing key (not
 * the origin secret: nothing calls it through CloudFront), no page shells. Reserved concurrency 1,
 * so two sweeps never run at once (they could send the same email twice). An invocation that
 * EventBridge cannot deliver after its retries lands in a dead-letter queue, which has an alarm.
 */
export class LockSweep extends Construct {
  readonly fn: CdkFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: LockSweepProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'sweep',
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: 1,
      environment: appEnvironment(props),
    });
    grantTableActions(this.fn, props.table, TABLE_ACTIONS.sweep);
    grantSecretRead(this.fn, props.secrets.signingKey, SECRET_ENV.signingKey);

    this.deadLetterQueue = deadLetterQueue(this, 'the sweep schedule (EventBridge target)');

    this.rule = new Rule(this, 'Schedule', {
      description: `Lockline sweep (${props.stage}): lapse reservations, send queued emails`,
      schedule: Schedule.rate(Duration.minutes(5)),
      enabled: props.enabled ?? true,
      // A missed run is not worth chasing for long: the next one comes 5 minutes later.
      targets: [
        new LambdaFunction(this.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(10), deadLetterQueue: this.deadLetterQueue }),
      ],
    });
  }

  /** Sending as the identity through the configuration set, and nothing else. */
  allowSendEmail(identityArn: string, configurationSetName: string): void {
    grantSendEmail(this.fn, identityArn, configurationSetName);
  }
}
