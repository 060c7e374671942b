import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, DockerImage, RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HANDLER_FILE, type LambdaName } from '../lambda-bundling.ts';
import { REPO_ROOT } from '../paths.ts';

export interface LocklineFunctionProps {
  /** Which function of infra/lib/lambda-bundling.ts's list: its entry and what ships beside it. */
  bundle: LambdaName;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  /** Reserve (and cap) this many concurrent executions. */
  reservedConcurrentExecutions?: number;
}

const BUNDLER = join(REPO_ROOT, 'infra', 'lib', 'lambda-bundling.ts');

/**
 * Every Lockline Lambda the same way: Node.js 22 on arm64, bundled on this machine (no Docker) by
 * infra/lib/lambda-bundling.ts, the same build the cold-start benchmark measures, JSON logs kept
 * 30 days. The bundler runs in a child process because CDK asks for the bundle synchronously.
 */
export function locklineFunction(scope: Construct, id: string, props: LocklineFunctionProps): LambdaFunction {
  return new LambdaFunction(scope, id, {
    code: Code.fromAsset(REPO_ROOT, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: local bundling always answers (it throws rather than fall back to Docker).
        image: DockerImage.fromRegistry('lockline-local-bundling-only'),
        // CDK caches staged assets by their source path and bundling options, where the local
        // bundler's function does not count: without a difference here, every function would get
        // the first one's bundle (tests/infra/stack.test.ts checks each gets its own).
        environment: { LOCKLINE_FUNCTION: props.bundle },
        local: {
          tryBundle(outputDir) {
            execFileSync(process.execPath, ['--import', 'tsx', BUNDLER, props.bundle, outputDir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
            return true;
          },
        },
      },
    }),
    handler: `${HANDLER_FILE.replace(/\.mjs$/, '')}.handler`,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    loggingFormat: LoggingFormat.JSON,
    environment: props.environment,
  });
}
