import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { SECRET_ENV, type AppSecrets } from './app-secrets.ts';
import { appEnvironment, grantSecretRead, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export interface EmailEventsProps extends AppSettings {
  table: ITable;
  secrets: AppSecrets;
  /** The configuration set's bounce and complaint topic (`EmailSending.topic`). */
  topic: ITopic;
}

/**
 * SES bounce and complaint notifications (`functions/src/email-events-lambda.ts`): a permanent
 * bounce or a complaint puts the address on the suppression list (a keyed hash, never the
 * address), and every sender checks it before sending, so attacker-chosen recipients cannot wear
 * down the account's reputation. Only PutItem on the table and the signing key.
 */
export class EmailEvents extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'email-events',
      timeout: Duration.seconds(30),
      environment: appEnvironment(props),
    });
    grantTableActions(this.fn, props.table, TABLE_ACTIONS.emailEvents);
    grantSecretRead(this.fn, props.secrets.signingKey, SECRET_ENV.signingKey);
    props.topic.addSubscription(new LambdaSubscription(this.fn));
  }
}
