import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { appEnvironment, grantSendEmailFrom, grantTableAccess, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export interface LockSweepProps extends AppSettings {
  table: ITable;
  /** Run on the schedule; false deploys the rule disabled (a durable pause). Default true. */
  enabled?: boolean;
}

/**
 * The scheduled sweep (`functions/src/sweep-lambda.ts`), every 5 minutes: lapses pickup
 * reservations past their date and sends or retries the queued emails (the outbox in the table).
 * Same environment, table access and SES permission as the API; no page shells. Reserved
 * concurrency 1, so two sweeps never run at once (they could send the same email twice).
 */
export class LockSweep extends Construct {
  readonly fn: NodejsFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: LockSweepProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      entry: 'functions/src/sweep-lambda.ts',
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: 1,
      environment: appEnvironment(props),
    });
    grantTableAccess(this.fn, props.table);
    grantSendEmailFrom(this.fn, props.mailFrom, props.sesConfigurationSet);

    this.rule = new Rule(this, 'Schedule', {
      description: `Lockline sweep (${props.stage}): lapse reservations, send queued emails`,
      schedule: Schedule.rate(Duration.minutes(5)),
      enabled: props.enabled ?? true,
      // A missed run is not worth chasing for long: the next one comes 5 minutes later.
      targets: [new LambdaFunction(this.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(10) })],
    });
  }
}
