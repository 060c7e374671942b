import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_STREAM_FILTER } from '../../../functions/src/platform/outbox/stream-filter.ts';
import { acknowledge } from '../nag/acknowledgements.ts';
import { SECRET_ENV, type AppSecrets } from './app-secrets.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { appEnvironment, grantSecretRead, grantSendEmail, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export interface EmailDeliveryProps extends AppSettings {
  table: ITable;
  secrets: AppSecrets;
}

/** How the stream hands records over; the figures are in docs/operations.md. */
export const DELIVERY_STREAM = {
  batchSize: 10,
  /** A batch waits at most this long to fill: email goes out within about a second. */
  maxBatchingWindowSeconds: 0,
  retryAttempts: 5,
  /** Older records are not chased: the sweep sends anything the stream gave up on. */
  maxRecordAgeHours: 1,
  reservedConcurrency: 5,
} as const;

/**
 * Email off the request path (decision 0018): the table's stream (keys only), filtered to new
 * outbox entries, invokes `functions/src/stream-lambda.ts`, which claims and sends each one. A
 * record the function cannot handle is retried (batch item failures, the batch split on error),
 * then its stream position (no personal data: the stream carries keys only) lands in a dead-letter
 * queue with an alarm, and the sweep sends the entry anyway after its grace period.
 */
export class EmailDelivery extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EmailDeliveryProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'email-delivery',
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: DELIVERY_STREAM.reservedConcurrency,
      environment: appEnvironment(props),
    });
    grantTableActions(this.fn, props.table, TABLE_ACTIONS.emailDelivery);
    grantSecretRead(this.fn, props.secrets.signingKey, SECRET_ENV.signingKey);

    this.deadLetterQueue = deadLetterQueue(this, 'the email stream consumer (its on-failure destination)');

    this.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: DELIVERY_STREAM.batchSize,
        maxBatchingWindow: Duration.seconds(DELIVERY_STREAM.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: DELIVERY_STREAM.retryAttempts,
        maxRecordAge: Duration.hours(DELIVERY_STREAM.maxRecordAgeHours),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(OUTBOX_STREAM_FILTER as unknown as Record<string, unknown>)],
      }),
    );
    acknowledge(
      this.fn.role!,
      'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams supports no resource-level permission (the Lambda event source needs it to find the stream); every other stream action is granted on this table\'s stream only.',
    );
  }

  /** Sending as the identity through the configuration set, and nothing else. */
  allowSendEmail(identityArn: string, configurationSetName: string): void {
    grantSendEmail(this.fn, identityArn, configurationSetName);
  }
}
