import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from '../constructs/api.ts';
import { ContentSeed } from '../constructs/content-seed.ts';
import { DataTable } from '../constructs/data-table.ts';
import type { AppSettings } from '../constructs/function-access.ts';
import { LockSweep } from '../constructs/lock-sweep.ts';
import { SiteDistribution } from '../constructs/site-distribution.ts';
import { StaffExports } from '../constructs/staff-exports.ts';
import { StaffSignIn } from '../constructs/staff-sign-in.ts';

export interface LocklineStackProps extends StackProps {
  stage: string;
  siteUrl: string;
  mailFrom: string;
  siteDist?: string;
  /** Deploy the sweep's schedule disabled (`-c pauseSweep=true`). Default false. */
  pauseSweep?: boolean;
}

/** Composition only: each capability is a construct in ../constructs. */
export class LocklineStack extends Stack {
  constructor(scope: Construct, id: string, props: LocklineStackProps) {
    super(scope, id, props);
    const settings: AppSettings = { stage: props.stage, siteUrl: props.siteUrl, mailFrom: props.mailFrom };
    const data = new DataTable(this, 'Data', { stage: props.stage });
    const api = new Api(this, 'Api', settings);
    api.bindTable(data.table);
    api.allowSendEmailFrom(props.mailFrom);
    const sweep = new LockSweep(this, 'LockSweep', { ...settings, table: data.table, enabled: !props.pauseSweep });
    new ContentSeed(this, 'ContentSeed', { table: data.table, stage: props.stage });
    const staff = new StaffSignIn(this, 'StaffSignIn', { stage: props.stage, siteUrl: props.siteUrl });
    staff.bindTo(api.fn);
    const exports = new StaffExports(this, 'StaffExports', { ...settings, table: data.table, signIn: staff });
    const site = new SiteDistribution(this, 'Site', { httpApi: api.httpApi, siteDist: props.siteDist, staffExports: exports.url });

    new CfnOutput(this, 'SiteUrl', { value: `https://${site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'StaffUserPoolId', { value: staff.userPool.userPoolId, description: 'Create staff users and add them to campaign:<slug>:<role> groups here (docs/operations.md)' });
    new CfnOutput(this, 'StaffSignInUrl', { value: staff.authUrl });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'SweepRuleName', {
      value: sweep.rule.ruleName,
      description: 'EventBridge rule that runs the sweep every 5 minutes; disable it to pause the sweep',
    });
  }
}
