import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { TABLE } from '../../../functions/src/platform/dynamo/table-definition.ts';

/** The settings every function that runs the app's code (the API and the sweep) is given. */
export interface AppSettings {
  stage: string;
  siteUrl: string;
  mailFrom: string;
  /** SES configuration set for sent mail (bounce/complaint events, no tracking). */
  sesConfigurationSet?: string;
}

/**
 * The environment `functions/src/config.ts` parses, shared by the API and the sweep so both send
 * mail and build links the same way. `TABLE_NAME` is added by `grantTableActions`, the secret ARNs
 * by `grantSecretRead`. LOG_LEVEL is INFO in every stage: security events (refused submissions,
 * staff sign-in failures, exports) are logged at INFO, and the app logs no personal data.
 */
export function appEnvironment(settings: AppSettings): Record<string, string> {
  return {
    STAGE: settings.stage,
    SITE_URL: settings.siteUrl,
    MAIL_FROM: settings.mailFrom,
    LOG_LEVEL: 'INFO',
    ...(settings.sesConfigurationSet ? { SES_CONFIGURATION_SET: settings.sesConfigurationSet } : {}),
  };
}

/** DynamoDB actions, without the `dynamodb:` prefix. */
export type TableAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'ConditionCheckItem'
  | 'DescribeTable'
  | 'BatchGetItem'
  | 'BatchWriteItem';

/**
 * What each function may do to the table, by what its code calls (grep the store for `Command`).
 * Transactions (TransactWriteItems) are authorised per item action, so they need no action of
 * their own. No function may Scan. The content seed writes the red-flag records in batches
 * (`red-flag/store.ts` `putAll`), so it alone has BatchWriteItem. BatchGetItem sums the pledge
 * counter shards, checks the suppression list (`platform/email/suppressions.ts`) and reads a
 * household's claims before a lock request (`locks/store/household-claims.ts`).
 */
export const TABLE_ACTIONS = {
  api: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'ConditionCheckItem', 'DescribeTable'],
  sweep: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'ConditionCheckItem'],
  contentSeed: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchWriteItem'],
  /** Staff CSV exports: read the lists and the suppression list, write the audit record. */
  staffExports: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
  /** SES bounce and complaint events: put an address's keyed hash on the suppression list. */
  emailEvents: ['PutItem'],
  /**
   * The email stream consumer: claim, record and delete outbox entries; read what a message needs
   * (the request or pledge, the campaign, the suppression list); mark a lock request reminded
   * before its reminder goes (`locks/store/reminders.ts`); during a key rotation, put a
   * suppression found under the previous key under the current one.
   */
  emailDelivery: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
} as const satisfies Record<string, readonly TableAction[]>;

/**
 * Exactly these actions on the table and its indexes (named, not `index/*`), and the table name in
 * the environment.
 */
export function grantTableActions(fn: LambdaFunction, table: ITable, actions: readonly TableAction[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [table.tableArn, ...TABLE.globalIndexes.map((gsi) => `${table.tableArn}/index/${gsi.indexName}`)],
    }),
  );
  fn.addEnvironment('TABLE_NAME', table.tableName);
}

/** Read access to one secret, and its ARN in the environment under `envName`. */
export function grantSecretRead(fn: LambdaFunction, secret: ISecret, envName: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretArn],
    }),
  );
  fn.addEnvironment(envName, secret.secretArn);
}

/**
 * Permission to send as the mail-from domain's SES identity through the configuration set, and
 * nothing else. SES authorises a send against both the identity and the configuration set a
 * message names, so both ARNs are listed; any other identity or set is refused.
 */
export function grantSendEmail(fn: LambdaFunction, identityArn: string, configurationSetName: string): void {
  const configurationSetArn = fn.stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName });
  fn.addToRolePolicy(
    new PolicyStatement({ effect: Effect.ALLOW, actions: ['ses:SendEmail'], resources: [identityArn, configurationSetArn] }),
  );
}
