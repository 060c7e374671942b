import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { loadSeedContent } from '../../../functions/src/local/seed.ts';
import { grantTableActions, TABLE_ACTIONS } from './function-access.ts';
import { locklineFunction } from './lockline-function.ts';
import { acknowledge, printedArn } from '../nag/acknowledgements.ts';

export interface ContentSeedProps {
  table: ITable;
  stage: string;
}

/**
 * Loads the repository's content (campaigns, red-flag records) into the table on every deploy
 * that changes it. The content is validated at synth time, uploaded as an asset, and written by a
 * custom resource whose properties include the asset hash, so unchanged content does nothing.
 */
export class ContentSeed extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: ContentSeedProps) {
    super(scope, id);
    const dir = mkdtempSync(join(tmpdir(), 'lockline-seed-'));
    writeFileSync(join(dir, 'content.json'), JSON.stringify(loadSeedContent()));
    const asset = new Asset(this, 'Content', { path: join(dir, 'content.json') });

    const fn = locklineFunction(this, 'Handler', {
      bundle: 'seed',
      timeout: Duration.minutes(2),
      environment: {
        STAGE: props.stage,
        // The seed sends no mail and builds no links; these satisfy the shared config schema.
        MAIL_FROM: 'no-reply@lockline.invalid',
        SITE_URL: 'https://lockline.invalid',
      },
    });
    this.fn = fn;
    grantTableActions(fn, props.table, TABLE_ACTIONS.contentSeed);
    // The one content object, not the whole asset bucket.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [asset.bucket.arnForObjects(asset.s3ObjectKey)] }));

    const provider = new Provider(this, 'Provider', {
      onEventHandler: fn,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    new CustomResource(this, 'Seed', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::LocklineContentSeed',
      properties: { Bucket: asset.s3BucketName, Key: asset.s3ObjectKey, ContentHash: asset.assetHash },
    });
    acknowledge(
      provider,
      `AwsSolutions-IAM5[Resource::${printedArn(Stack.of(this), fn.node.defaultChild as CfnElement)}:*]`,
      'The CDK custom-resource provider framework may invoke the seed function and its versions (":*"); that one function and nothing else.',
    );
  }
}
