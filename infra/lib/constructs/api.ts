import { Duration } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { appEnvironment, grantSendEmailFrom, grantTableAccess, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';

export type ApiProps = AppSettings;

/**
 * The header CloudFront puts the viewer's address in ("ip:port"). Behind CloudFront the Lambda's
 * source IP is CloudFront's, so the API reads the client address (rate limits) from this header;
 * `SiteDistribution` forwards it on every behaviour that reaches the API.
 */
export const CLIENT_IP_HEADER = 'cloudfront-viewer-address';

/**
 * The Hono app as one Lambda function (Node.js 22, arm64, bundled by the local esbuild: no
 * Docker) behind an HTTP API. CloudFront sends `/api/*` here, so the API is same-origin with the
 * site. Logs are JSON and kept 30 days.
 */
export class Api extends Construct {
  readonly fn: NodejsFunction;
  readonly httpApi: HttpApi;
  private readonly sesConfigurationSet?: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.sesConfigurationSet = props.sesConfigurationSet;
    this.fn = locklineFunction(this, 'Handler', {
      entry: 'functions/src/lambda.ts',
      timeout: Duration.seconds(10),
      withPageShells: true,
      environment: { ...appEnvironment(props), CLIENT_IP_HEADER },
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Lockline API (${props.stage})`,
      defaultIntegration: new HttpLambdaIntegration('Integration', this.fn),
    });
  }

  /** Permission to send as the mail-from domain's verified SES identity, and nothing else. */
  allowSendEmailFrom(mailFrom: string): void {
    grantSendEmailFrom(this.fn, mailFrom, this.sesConfigurationSet);
  }

  /** Least-privilege access to the table, and the table name in the environment. */
  bindTable(table: ITable): void {
    grantTableAccess(this.fn, table);
  }
}
