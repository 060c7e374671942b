import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AppSecrets } from './app-secrets.ts';
import { SECRET_ENV } from './app-secrets.ts';
import { appEnvironment, grantSecretRead, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';
import { acknowledge } from '../nag/acknowledgements.ts';

export interface ApiProps extends AppSettings {
  /** Stage throttling of the whole HTTP API (requests per second, and burst). */
  rateLimit: number;
  burstLimit: number;
  /** Reserved, and so maximum, concurrent executions of the function. */
  reservedConcurrency: number;
}

/**
 * The header CloudFront puts the viewer's address in ("ip:port"). Behind CloudFront the Lambda's
 * source IP is CloudFront's, so the API reads the client address (rate limits) from this header;
 * `SiteDistribution` forwards it on every behaviour that reaches the API. It is trusted only on
 * requests that carry the origin secret (closed origin).
 */
export const CLIENT_IP_HEADER = 'cloudfront-viewer-address';

/**
 * The HTTP API's access log: enough to follow a 5xx (request id, status, latency, integration
 * error), and nothing that identifies a person or a request's content: no path (status links
 * carry secrets in it), no query string (ZIP codes), no source IP, no user agent.
 */
export const API_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
} as const;

/**
 * The Hono app as one Lambda function (Node.js 22, arm64, bundled by the local esbuild: no
 * Docker) behind an HTTP API. CloudFront sends `/api/*` and the request-time pages here, so the
 * API is same-origin with the site. The stage is throttled and the function's concurrency is
 * reserved (and so capped): a flood is refused at the door instead of scaling the bill.
 */
export class Api extends Construct {
  readonly fn: LambdaFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'api',
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { ...appEnvironment(props), CLIENT_IP_HEADER },
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Lockline API (${props.stage})`,
      defaultIntegration: new HttpLambdaIntegration('Integration', this.fn),
      createDefaultStage: false,
    });
    acknowledge(
      this.httpApi,
      'AwsSolutions-APIG4',
      'Public pages and forms need no sign-in. Only CloudFront may call the API: the app refuses (403), before any other work, a request without the origin secret header. Staff routes are authorised by the app (deny by default, per campaign).',
    );
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The API's table actions (TABLE_ACTIONS.api), and the table name in the environment. */
  bindTable(table: ITable): void {
    grantTableActions(this.fn, table, TABLE_ACTIONS.api);
  }

  /** Both secrets: the origin value it checks and the signing key. */
  bindSecrets(secrets: AppSecrets): void {
    grantSecretRead(this.fn, secrets.origin, SECRET_ENV.origin);
    grantSecretRead(this.fn, secrets.signingKey, SECRET_ENV.signingKey);
  }
}
