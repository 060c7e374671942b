import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRecovery, CfnManagedLoginBranding, FeaturePlan, ManagedLoginVersion, Mfa, OAuthScope, StandardThreatProtectionMode, UserPool, type UserPoolClient, UserPoolClientIdentityProvider, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface StaffSignInProps {
  stage: string;
  siteUrl: string;
  /** The managed login domain's prefix (globally unique in the region). Default `lockline-<stage>-<account>`. */
  domainPrefix?: string;
}

/**
 * Staff sign-in (issue 12): a Cognito user pool with MFA required (TOTP apps only, no SMS), no
 * self sign-up (admins create users), Cognito's managed login pages, and one public app client
 * for the authorization-code flow with PKCE. Roles are groups named `campaign:<slug>:<role>` and
 * `platform-admin` (docs/operations.md). The API verifies the access tokens (aws-jwt-verify).
 */
export class StaffSignIn extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    this.userPool = new UserPool(this, 'Pool', {
      userPoolName: `lockline-staff-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: Cognito's threat protection blocks sign-ins with leaked or attacked credentials (a few
      // staff accounts: cents a month). cdk-nag AwsSolutions-COG8.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `lockline-${props.stage}-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = this.userPool.addClient('Console', {
      userPoolClientName: 'lockline-staff-console',
      generateSecret: false,
      // Only the managed login pages sign people in: no password APIs for the client.
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID],
        callbackUrls: [`${props.siteUrl}/staff/callback`],
        logoutUrls: [`${props.siteUrl}/staff/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      authSessionValidity: Duration.minutes(5),
    });
    // The newer managed login needs a style; Cognito's own is accessible and plain.
    new CfnManagedLoginBranding(this, 'Branding', { userPoolId: this.userPool.userPoolId, clientId: this.client.userPoolClientId, useCognitoProvidedValues: true });
  }

  /** The managed login pages' base URL (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  get authUrl(): string {
    return this.domain.baseUrl();
  }

  /** The variables `functions/src/config.ts` reads to check staff tokens. */
  bindTo(fn: LambdaFunction): void {
    fn.addEnvironment('STAFF_USER_POOL_ID', this.userPool.userPoolId);
    fn.addEnvironment('STAFF_CLIENT_ID', this.client.userPoolClientId);
    fn.addEnvironment('STAFF_AUTH_URL', this.authUrl);
  }
}
