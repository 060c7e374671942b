import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LocklineStack, type LocklineStackProps } from '../../infra/lib/stacks/lockline-stack.ts';

export const TEST_ACCOUNT = '123456789012';

export interface Synthesised {
  stack: LocklineStack;
  template: Template;
  /** The us-east-1 companion stack's template, when the stage is in another region. */
  edge?: Template;
  outdir: string;
}

/**
 * One stage synthesised offline. Lambda bundling is skipped (CDK's `aws:cdk:bundling-stacks`
 * context) unless asked for: the templates are the same, and esbuild is the slow part.
 */
export function synth(
  stage: 'dev' | 'prod',
  options: { region?: string; bundle?: boolean; props?: Partial<LocklineStackProps> } = {},
): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'lockline-cdk-'));
  const app = new App({ outdir, context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new LocklineStack(app, `Test-${stage}`, {
    stage,
    siteUrl: 'https://lockline.test',
    mailFrom: 'no-reply@lockline.test',
    alarmEmail: 'alarms@lockline.test',
    env: { account: TEST_ACCOUNT, region: options.region ?? 'us-east-1' },
    ...options.props,
  });
  return {
    stack,
    template: Template.fromStack(stack),
    edge: stack.edgeStack ? Template.fromStack(stack.edgeStack) : undefined,
    outdir,
  };
}

type Resource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

/** The one resource of a type whose logical ID starts with the construct path (e.g. "ApiHandler"). */
export function resourceByPrefix(template: Template, type: string, prefix: string): { id: string; resource: Resource } {
  const matches = Object.entries(template.findResources(type)).filter(([id]) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id));
  if (matches.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${matches.map(([id]) => id).join(', ') || 'none'}`);
  const [id, resource] = matches[0]!;
  return { id, resource: resource as Resource };
}

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every IAM policy statement attached to the role of the function named by `prefix`. */
export function functionStatements(template: Template, functionPrefix: string): Statement[] {
  const fn = resourceByPrefix(template, 'AWS::Lambda::Function', functionPrefix).resource;
  const role = JSON.stringify({ Ref: (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0] });
  return (Object.values(template.findResources('AWS::IAM::Policy')) as Array<{ Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }>)
    .filter((p) => p.Properties.Roles.some((r) => JSON.stringify(r) === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

export const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => [s.Action].flat());

/** The statements that mention an action with this prefix (e.g. "dynamodb:"). */
export const statementsFor = (statements: Statement[], prefix: string) =>
  statements.filter((s) => [s.Action].flat().some((a) => a.startsWith(prefix)));

/** Function environment variables, by logical-ID prefix. */
export function environmentOf(template: Template, functionPrefix: string): Record<string, unknown> {
  const fn = resourceByPrefix(template, 'AWS::Lambda::Function', functionPrefix).resource;
  return ((fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
}

/** The distribution's config. */
export function distributionConfig(template: Template): Record<string, unknown> & {
  CacheBehaviors: Array<Record<string, unknown> & { PathPattern: string }>;
  DefaultCacheBehavior: Record<string, unknown>;
  Origins: Array<Record<string, unknown>>;
} {
  const [dist] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Array<{ Properties: { DistributionConfig: never } }>;
  return dist!.Properties.DistributionConfig;
}

/** Alarms by the construct id that ends their logical ID path (e.g. "SweepNotRunning"). */
export function alarmNamed(template: Template, name: string): Record<string, unknown> {
  const matches = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(([id]) => new RegExp(`${name}[0-9A-F]{8}$`).test(id));
  if (matches.length !== 1) throw new Error(`expected one alarm named ${name}, found ${matches.length}`);
  return (matches[0]![1] as { Properties: Record<string, unknown> }).Properties;
}
