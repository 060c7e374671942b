import { Duration } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { locklineFunction } from './lockline-function.ts';

export interface ApiProps {
  stage: string;
  siteUrl: string;
  mailFrom: string;
}

/**
 * The Hono app as one Lambda function (Node.js 22, arm64, bundled by the local esbuild: no
 * Docker) behind an HTTP API. CloudFront sends `/api/*` here, so the API is same-origin with the
 * site. Logs are JSON and kept 30 days.
 */
export class Api extends Construct {
  readonly fn: NodejsFunction;
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      entry: 'functions/src/lambda.ts',
      timeout: Duration.seconds(10),
      withPageShells: true,
      environment: {
        STAGE: props.stage,
        SITE_URL: props.siteUrl,
        MAIL_FROM: props.mailFrom,
        LOG_LEVEL: props.stage === 'prod' ? 'WARN' : 'INFO',
      },
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Lockline API (${props.stage})`,
      defaultIntegration: new HttpLambdaIntegration('Integration', this.fn),
    });
  }

  /** Permission to send as the mail-from domain's verified SES identity, and nothing else. */
  allowSendEmailFrom(mailFrom: string): void {
    const domain = mailFrom.split('@')[1] ?? mailFrom;
    const stack = this.fn.stack;
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain })],
      }),
    );
  }

  /** Least-privilege access to the table, and the table name in the environment. */
  bindTable(table: ITable): void {
    table.grantReadWriteData(this.fn);
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
  }
}
