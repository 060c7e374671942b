import { z } from 'zod';

/**
 * Configuration is parsed once, from the environment, by these schemas. Nothing else in the code
 * reads `process.env`: the Lambda handler and the local server call `loadConfig()` at start-up and
 * pass the result down.
 */

/** An empty value counts as unset, so `FOO= npm start` behaves like leaving FOO out. */
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .pipe(z.string().url().optional());

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const csvList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().url()));

const envSchema = z.object({
  STAGE: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: z.string().min(3).max(255),
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  MAIL_FROM: z.string().email(),
  SITE_URL: z.string().url(),
  ALLOWED_ORIGINS: csvList,
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(8192),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /** Public submissions (lock requests, pledges, ...) allowed per IPv4 address or IPv6 /64 per hour. */
  SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  /** AWS: the Secrets Manager secret holding the signing key (`{"current": "...", "previous"?: "..."}`). */
  SIGNING_KEY_SECRET_ARN: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** AWS: the Secrets Manager secret CloudFront sends in `x-lockline-origin` (the API refuses requests without it). */
  ORIGIN_SECRET_ARN: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** `npm start` and tests: a file with the signing key in the same format (made if missing). */
  SIGNING_KEY_FILE: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** A form sent sooner than this after it was shown is treated as a bot's. */
  FORM_MIN_FILL_SECONDS: z.coerce.number().int().min(0).max(60).default(3),
  /**
   * The header that carries the client address, set by the CDN in front (CloudFront's
   * `cloudfront-viewer-address`). Unset: the connection's own address.
   */
  CLIENT_IP_HEADER: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim().toLowerCase() : undefined)),
  /** Staff sign-in (docs/operations.md): the Cognito user pool and its app client; unset, staff routes deny everyone. */
  STAFF_USER_POOL_ID: optionalText,
  STAFF_CLIENT_ID: optionalText,
  /** The login domain (Cognito managed login: `https://<prefix>.auth.<region>.amazoncognito.com`). */
  STAFF_AUTH_URL: optionalUrl,
  /** The token issuer; derived from the user pool on AWS, the local issuer's URL for `npm start` and tests. */
  STAFF_ISSUER: optionalUrl,
});

export interface AppConfig {
  stage: 'local' | 'test' | 'dev' | 'prod';
  region: string;
  tableName: string;
  /** Set only when talking to an emulator (DynamoDB Local); absent on AWS. */
  dynamodbEndpoint?: string;
  /** Set only when talking to aws-ses-v2-local; absent on AWS. */
  sesEndpoint?: string;
  sesConfigurationSet?: string;
  mailFrom: string;
  siteUrl: string;
  allowedOrigins: string[];
  maxBodyBytes: number;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  submissionsPerHour: number;
  signingKeySecretArn?: string;
  /** Set on the deployed API: requests must come through CloudFront (platform/http/origin-guard.ts). */
  originSecretArn?: string;
  signingKeyFile?: string;
  formMinFillSeconds: number;
  clientIpHeader?: string;
  /** Staff sign-in; absent where it is not configured (every staff route then answers 401). */
  staffSignIn?: StaffSignInConfig;
}

export interface StaffSignInConfig {
  clientId: string;
  /** Base URL of the login pages (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  authUrl: string;
  /** Expected `iss` of tokens; the JWKS is at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
}

export class ConfigError extends Error {
  constructor(readonly variables: string[]) {
    // Names only: a value could be a secret.
    super(`Invalid or missing environment variables: ${variables.join(', ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function parseOrThrow<T extends z.ZodTypeAny>(schema: T, env: Env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((i) => String(i.path[0])))];
    throw new ConfigError(names);
  }
  return result.data;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const e = parseOrThrow(envSchema, env);
  return {
    stage: e.STAGE,
    region: e.AWS_REGION,
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    mailFrom: e.MAIL_FROM,
    siteUrl: e.SITE_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    submissionsPerHour: e.SUBMISSIONS_PER_HOUR,
    signingKeySecretArn: e.SIGNING_KEY_SECRET_ARN,
    originSecretArn: e.ORIGIN_SECRET_ARN,
    signingKeyFile: e.SIGNING_KEY_FILE,
    formMinFillSeconds: e.FORM_MIN_FILL_SECONDS,
    clientIpHeader: e.CLIENT_IP_HEADER,
    staffSignIn: staffSignInFrom(e),
  };
}

/** All three parts or none: a half-configured sign-in is an error, not a silent deny. */
function staffSignInFrom(e: z.infer<typeof envSchema>): StaffSignInConfig | undefined {
  const issuer = e.STAFF_ISSUER ?? (e.STAFF_USER_POOL_ID ? `https://cognito-idp.${e.AWS_REGION}.amazonaws.com/${e.STAFF_USER_POOL_ID}` : undefined);
  const parts = { STAFF_CLIENT_ID: e.STAFF_CLIENT_ID, STAFF_AUTH_URL: e.STAFF_AUTH_URL, STAFF_USER_POOL_ID: issuer };
  const missing = Object.entries(parts).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length === 3) return undefined;
  if (missing.length) throw new ConfigError(missing);
  return { clientId: e.STAFF_CLIENT_ID!, authUrl: e.STAFF_AUTH_URL!.replace(/\/$/, ''), issuer: issuer!.replace(/\/$/, '') };
}

const port = z.coerce.number().int().min(0).max(65535);

const localEnvSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.lockline-data'),
  /** Point the local server at an existing DynamoDB endpoint instead of starting DynamoDB Local. */
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_PORT: port.optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
});

export interface LocalSettings {
  port: number;
  host: string;
  dataDir: string;
  dynamodbEndpoint?: string;
  /** Defaults to the port after the site's, so two instances with different PORTs don't collide. */
  sesPort: number;
  logLevel: AppConfig['logLevel'];
}

/** Settings of `npm start` (the embedded default): everything has a default, nothing needs AWS. */
export function loadLocalSettings(env: Env = process.env): LocalSettings {
  const e = parseOrThrow(localEnvSchema, env);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    sesPort: e.SES_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1),
    logLevel: e.LOG_LEVEL,
  };
}
