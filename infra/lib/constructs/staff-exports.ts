import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SECRET_ENV, type AppSecrets } from './app-secrets.ts';
import { appEnvironment, grantSecretRead, grantTableActions, TABLE_ACTIONS, type AppSettings } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';
import type { StaffSignIn } from './staff-sign-in.ts';

export interface StaffExportsProps extends AppSettings {
  table: ITable;
  signIn: StaffSignIn;
  secrets: AppSecrets;
}

/**
 * Staff CSV exports past API Gateway's buffered limit: the app's code on its own function with a
 * function URL in RESPONSE_STREAM mode (up to 200 MB, constant memory), reachable only through
 * CloudFront (IAM auth, signed by origin access control). `SiteDistribution` routes
 * `/api/staff/campaigns/*.csv` here.
 */
export class StaffExports extends Construct {
  readonly fn: LambdaFunction;
  readonly url: FunctionUrl;

  constructor(scope: Construct, id: string, props: StaffExportsProps) {
    super(scope, id);
    this.fn = locklineFunction(this, 'Handler', {
      bundle: 'export',
      // 100,000 rows take seconds; the ceiling leaves room for the 2 MB/s past the first 6 MB.
      timeout: Duration.minutes(5),
      environment: appEnvironment(props),
    });
    grantTableActions(this.fn, props.table, TABLE_ACTIONS.staffExports);
    // The session's CSRF token and the suppression list's keys are HMACs under the signing key.
    // No origin secret: the function URL takes only requests CloudFront signs (IAM).
    grantSecretRead(this.fn, props.secrets.signingKey, SECRET_ENV.signingKey);
    props.signIn.bindTo(this.fn);
    this.url = this.fn.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM, invokeMode: InvokeMode.RESPONSE_STREAM });
  }
}
