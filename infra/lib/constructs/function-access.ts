import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** The settings every function that runs the app's code (the API and the sweep) is given. */
export interface AppSettings {
  stage: string;
  siteUrl: string;
  mailFrom: string;
  /** SES configuration set for sent mail (bounce/complaint handling); none yet. */
  sesConfigurationSet?: string;
}

/**
 * The environment `functions/src/config.ts` parses, shared by the API and the sweep so both send
 * mail and build links the same way. `TABLE_NAME` is added by `grantTableAccess`.
 */
export function appEnvironment(settings: AppSettings): Record<string, string> {
  return {
    STAGE: settings.stage,
    SITE_URL: settings.siteUrl,
    MAIL_FROM: settings.mailFrom,
    LOG_LEVEL: settings.stage === 'prod' ? 'WARN' : 'INFO',
    ...(settings.sesConfigurationSet ? { SES_CONFIGURATION_SET: settings.sesConfigurationSet } : {}),
  };
}

/** Least-privilege access to the table, and the table name in the environment. */
export function grantTableAccess(fn: LambdaFunction, table: ITable): void {
  table.grantReadWriteData(fn);
  fn.addEnvironment('TABLE_NAME', table.tableName);
}

/**
 * Permission to send as the mail-from domain's verified SES identity, and nothing else. SES also
 * checks the configuration set a message names, so that is granted too when there is one.
 */
export function grantSendEmailFrom(fn: LambdaFunction, mailFrom: string, configurationSet?: string): void {
  const domain = mailFrom.split('@')[1] ?? mailFrom;
  const stack = fn.stack;
  const resources = [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain })];
  if (configurationSet) {
    resources.push(stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet }));
  }
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['ses:SendEmail'], resources }));
}
