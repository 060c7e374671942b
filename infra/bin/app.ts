import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readAppContext } from '../lib/app-context.ts';
import { LocklineStack } from '../lib/stacks/lockline-stack.ts';

/**
 * One stack per stage (plus a us-east-1 companion when the stage's region is elsewhere):
 * `npm run deploy -- -c stage=prod -c siteUrl=https://... -c mailFrom=... -c alarmEmail=...`.
 * Synth needs no AWS account; deployment is documented in docs/deploying.md. cdk-nag's
 * AwsSolutions checks run on every synth: an unacknowledged finding stops it.
 */
const app = new App();
const context = readAppContext((key) => app.node.tryGetContext(key));

const stack = new LocklineStack(app, `Lockline-${context.stage}`, {
  stage: context.stage,
  siteUrl: context.siteUrl,
  mailFrom: context.mailFrom,
  pauseSweep: context.pauseSweep,
  alarmEmail: context.alarmEmail,
  domain: context.domain,
  originSecretVersion: context.originSecretVersion,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
  description: `Lockline (${context.stage}): safe-storage campaign site, API, data and email`,
});
for (const key of context.placeholders) {
  Annotations.of(stack).addWarningV2(`lockline:${key}`, `${key} is not set; a placeholder is used. Pass -c ${key}=... before deploying.`);
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
