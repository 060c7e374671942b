import { Token, Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag (AwsSolutions) findings we accept, each with its reason. Findings on resources we
 * define are acknowledged next to them (the constructs call `acknowledge`); this file handles the
 * ones that repeat on every Lambda function and those on constructs CDK creates for us
 * (BucketDeployment's singleton function, the custom-resource provider framework). Each id is one
 * exact finding: cdk-nag v3 has no prefix matching, so a new wildcard or a new managed policy is a
 * new, unacknowledged error.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

const BASIC_EXECUTION_ROLE =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** How cdk-nag prints a value that may be a CloudFormation pseudo parameter. */
function printed(stack: Stack, value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
}

/** The CDK bootstrap asset bucket (default synthesizer), as cdk-nag prints it in a finding. */
function assetBucketObjects(stack: Stack): string {
  return `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${printed(stack, stack.account, 'AccountId')}-${printed(stack, stack.region, 'Region')}/*`;
}

/** `<LogicalId.Arn>` as cdk-nag prints a GetAtt. */
export function printedArn(stack: Stack, element: CfnElement): string {
  return `<${stack.getLogicalId(element)}.Arn>`;
}

export function acknowledgeStackFindings(stack: Stack): void {
  for (const node of stack.node.findAll()) {
    if (node instanceof CfnRole && JSON.stringify(stack.resolve(node.managedPolicyArns) ?? []).includes('AWSLambdaBasicExecutionRole')) {
      acknowledge(
        node,
        BASIC_EXECUTION_ROLE,
        'AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents, which every function needs to write its logs; it grants no data access.',
      );
    }
    if (node instanceof CfnFunction) {
      acknowledge(
        node,
        'AwsSolutions-L1',
        node.runtime === 'nodejs22.x'
          ? 'Lockline runs on Node.js 22 (docs/decisions, ENGINEERING.md): the code is built and tested for it (esbuild target node22), and Lambda supports nodejs22.x until 2027-04-30. Moving to Node.js 24 is a deliberate, tested change.'
          : 'This function is created by CDK itself (BucketDeployment); its runtime is chosen by the pinned aws-cdk-lib version and moves with CDK upgrades.',
      );
    }
  }

  const deployment = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (deployment) {
    const reason =
      'CDK BucketDeployment copies the built site from the CDK asset bucket into the site bucket and invalidates CloudFront: its grants are CDK-generated, limited to those two buckets, and cloudfront:CreateInvalidation (which supports no resource scoping beyond the distribution, granted on * by CDK).';
    const siteBucket = stack.node.findAll().find((c) => c.node.path.endsWith('/Site/Bucket/Resource')) as CfnElement | undefined;
    const ids = [
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[${assetBucketObjects(stack)}]`,
      ...(siteBucket ? [`AwsSolutions-IAM5[Resource::${printedArn(stack, siteBucket)}/*]`] : []),
    ];
    for (const id of ids) acknowledge(deployment, id, reason);
  }
}
