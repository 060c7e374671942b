import { App } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { LocklineStack } from '../../infra/lib/stacks/lockline-stack.ts';
import { synth, TEST_ACCOUNT } from './synth.ts';

type Violation = { ruleName: string; severity: string; violatingResources: Array<{ constructPath: string }> };

/** cdk-nag AwsSolutions findings left after our acknowledgements, as "rule at path" lines. */
function findings(...stacks: Array<LocklineStack | undefined>): { errors: string[]; warnings: string[] } {
  const checks = new AwsSolutionsChecks();
  const all = stacks
    .filter((s) => s !== undefined)
    .flatMap((s) => (checks.validateScope(s).violations as Violation[]))
    .flatMap((v) => v.violatingResources.map((r) => ({ severity: v.severity, line: `${v.ruleName} at ${r.constructPath}` })));
  return { errors: all.filter((f) => f.severity === 'error').map((f) => f.line), warnings: all.filter((f) => f.severity !== 'error').map((f) => f.line) };
}

describe('cdk-nag AwsSolutions checks', () => {
  it('finds nothing unacknowledged in dev and prod', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const { stack } = synth(stage);
      expect(findings(stack), stage).toEqual({ errors: [], warnings: [] });
    }
  });

  it('finds nothing unacknowledged with a custom domain, or with the stage in another region', () => {
    const domain = synth('prod', { props: { domain: { names: ['safestorage.example.gov'], certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } } });
    expect(findings(domain.stack)).toEqual({ errors: [], warnings: [] });
    const elsewhere = synth('prod', { region: 'us-west-2' });
    expect(findings(elsewhere.stack, elsewhere.stack.edgeStack as LocklineStack)).toEqual({ errors: [], warnings: [] });
  });

  it('still reports a finding nobody acknowledged (a plain S3 bucket added to the stack)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new LocklineStack(app, 'Live', {
      stage: 'dev',
      siteUrl: 'https://lockline.test',
      mailFrom: 'no-reply@lockline.test',
      env: { account: TEST_ACCOUNT, region: 'us-east-1' },
    });
    new Bucket(stack, 'Unreviewed');
    expect(findings(stack).errors).toEqual(expect.arrayContaining([expect.stringMatching(/^AwsSolutions-S1 at Live\/Unreviewed/)]));
  });
});
