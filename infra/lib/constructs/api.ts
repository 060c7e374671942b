import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from '../lambda-bundling.ts';
import { REPO_ROOT } from '../paths.ts';

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
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Handler', {
      entry: join(REPO_ROOT, 'functions/src/lambda.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        STAGE: props.stage,
        SITE_URL: props.siteUrl,
        MAIL_FROM: props.mailFrom,
        LOG_LEVEL: props.stage === 'prod' ? 'WARN' : 'INFO',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        // No source maps: --enable-source-maps on a 2 MB map costs cold-start time on every init.
        sourceMap: false,
        externalModules: [...LAMBDA_BUNDLING.external],
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
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
