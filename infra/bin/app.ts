import { App, Annotations } from 'aws-cdk-lib';
import { LocklineStack } from '../lib/stacks/lockline-stack.ts';

/**
 * One stack per stage: `npm run deploy -- -c stage=prod -c siteUrl=https://... -c mailFrom=...`.
 * Synth needs no AWS account; deployment is documented in docs/operations.md.
 */
const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
if (!['dev', 'prod'].includes(stage)) throw new Error(`Unknown stage "${stage}": use dev or prod.`);

// `.invalid` is reserved (RFC 2606): an unconfigured value can never reach a real domain.
const siteUrl = (app.node.tryGetContext('siteUrl') as string | undefined) ?? `https://${stage}.lockline.invalid`;
const mailFrom = (app.node.tryGetContext('mailFrom') as string | undefined) ?? `no-reply@${stage}.lockline.invalid`;
if (stage === 'prod' && siteUrl.endsWith('.invalid')) {
  throw new Error('Set the public site URL for prod: -c siteUrl=https://your-campaign-domain');
}

// `-c pauseSweep=true` deploys the sweep's schedule disabled (docs/operations.md).
const pauseSweep = String(app.node.tryGetContext('pauseSweep') ?? 'false') === 'true';

const stack = new LocklineStack(app, `Lockline-${stage}`, {
  stage,
  siteUrl,
  mailFrom,
  pauseSweep,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
  description: `Lockline (${stage}): safe-storage campaign site, API, data and email`,
});
if (siteUrl.endsWith('.invalid')) {
  Annotations.of(stack).addWarningV2('lockline:siteUrl', `siteUrl is not set; using ${siteUrl}. Pass -c siteUrl=... before deploying.`);
}
