import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledgements.ts';

/**
 * A dead-letter queue for a function's failed invocations (the sweep's schedule, the email
 * stream's records, the bounce and complaint notifications): encrypted, TLS only, kept 14 days to
 * look into. The sweep's and the stream's hold AWS's record of the failure only, never personal
 * data; the email-events queue holds the failed SES notification, which names the recipient's
 * address (docs/privacy.md). `whose` completes cdk-nag's reason for it having no DLQ of its own
 * ("the dead-letter queue of ...").
 */
export function deadLetterQueue(scope: Construct, whose: string): Queue {
  const queue = new Queue(scope, 'DeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  acknowledge(queue, 'AwsSolutions-SQS3', `This queue is itself the dead-letter queue of ${whose}; it has an alarm and needs no DLQ of its own.`);
  return queue;
}
