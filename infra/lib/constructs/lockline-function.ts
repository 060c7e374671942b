import { join } from 'node:path';
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from '../lambda-bundling.ts';
import { REPO_ROOT } from '../paths.ts';

export interface LocklineFunctionProps {
  /** Entry file, relative to the repository root. */
  entry: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  /** Reserve (and cap) this many concurrent executions. */
  reservedConcurrentExecutions?: number;
  /** Copy the site build's page shells next to the handler (the lock finder pages need them). */
  withPageShells?: boolean;
}

/**
 * Every Lockline Lambda the same way: Node.js 22 on arm64, bundled by the local esbuild (no Docker)
 * with the shared settings, JSON logs kept 30 days.
 */
export function locklineFunction(scope: Construct, id: string, props: LocklineFunctionProps): NodejsFunction {
  return new NodejsFunction(scope, id, {
    entry: join(REPO_ROOT, props.entry),
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    loggingFormat: LoggingFormat.JSON,
    environment: props.environment,
    bundling: {
      format: OutputFormat.ESM,
      target: LAMBDA_BUNDLING.target,
      minify: LAMBDA_BUNDLING.minify,
      // No source maps: --enable-source-maps on a 2 MB map costs cold-start time on every init.
      sourceMap: false,
      externalModules: [...LAMBDA_BUNDLING.external],
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      banner: LAMBDA_BUNDLING.banner,
      ...(props.withPageShells
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [`cp -r "${inputDir}/site/dist/shells" "${outputDir}/shells"`],
            },
          }
        : {}),
    },
  });
}
