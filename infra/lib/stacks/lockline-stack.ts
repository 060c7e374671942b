import { join } from 'node:path';
import { CfnOutput, Stack, Token, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { REPO_ROOT } from '../paths.ts';
import { STAGE_LIMITS, type Stage } from '../stage-limits.ts';
import { AlarmTopic } from '../constructs/alarm-topic.ts';
import { Api } from '../constructs/api.ts';
import { AppAlarms } from '../constructs/app-alarms.ts';
import { AppSecrets } from '../constructs/app-secrets.ts';
import { ContentSeed } from '../constructs/content-seed.ts';
import { DataTable } from '../constructs/data-table.ts';
import { EdgeProtection } from '../constructs/edge-protection.ts';
import { EmailDelivery } from '../constructs/email-delivery.ts';
import { EmailEvents } from '../constructs/email-events.ts';
import { EmailSending } from '../constructs/email-sending.ts';
import type { AppSettings } from '../constructs/function-access.ts';
import { LockSweep } from '../constructs/lock-sweep.ts';
import { SiteDistribution, type SiteDomain } from '../constructs/site-distribution.ts';
import { StaffExports } from '../constructs/staff-exports.ts';
import { StaffSignIn } from '../constructs/staff-sign-in.ts';
import { acknowledgeStackFindings } from '../nag/acknowledgements.ts';

/** CloudFront's web ACLs, certificates and Lambda@Edge functions all live here. */
export const EDGE_REGION = 'us-east-1';

export interface LocklineStackProps extends StackProps {
  stage: Stage;
  siteUrl: string;
  mailFrom: string;
  /** Folder of the built site; default site/dist. */
  siteDist?: string;
  /** Deploy the sweep's schedule disabled (`-c pauseSweep=true`). Default false. */
  pauseSweep?: boolean;
  /** Address subscribed to the alarm topic(s) (`-c alarmEmail=...`). */
  alarmEmail?: string;
  /** Custom domain (`-c domainName=... -c certificateArn=...`). */
  domain?: SiteDomain;
  /** Version of the origin secret CloudFront sends, after a rotation (`-c originSecretVersion=...`). */
  originSecretVersion?: string;
}

/**
 * Composition only: each capability is a construct in ../constructs. The stage's region is the
 * city's choice; what CloudFront needs from us-east-1 (WAF, Lambda@Edge) is in this stack when it
 * is there, and otherwise in a companion stack `<id>-edge` in us-east-1 that `cdk deploy --all`
 * deploys first, its values passed across by CDK's cross-region references.
 */
export class LocklineStack extends Stack {
  /** The us-east-1 companion stack, when this stack is elsewhere. */
  readonly edgeStack?: Stack;

  constructor(scope: Construct, id: string, props: LocklineStackProps) {
    const region = props.env?.region;
    if (!region || Token.isUnresolved(region)) {
      throw new Error('Lockline needs an explicit region: set env.region (the CLI sets CDK_DEFAULT_REGION from your profile).');
    }
    const crossRegion = region !== EDGE_REGION;
    super(scope, id, { ...props, crossRegionReferences: crossRegion });
    const stage = props.stage;
    const limits = STAGE_LIMITS[stage];
    const siteDist = props.siteDist ?? join(REPO_ROOT, 'site', 'dist');

    const secrets = new AppSecrets(this, 'Secrets', { stage });
    const email = new EmailSending(this, 'Email', { stage, mailFrom: props.mailFrom });
    const configurationSetName = email.configurationSet.configurationSetName;
    const settings: AppSettings = {
      stage,
      siteUrl: props.siteUrl,
      mailFrom: props.mailFrom,
      sesConfigurationSet: configurationSetName,
    };

    const data = new DataTable(this, 'Data', { stage, maxReadUnits: limits.tableMaxReadUnits, maxWriteUnits: limits.tableMaxWriteUnits });
    const api = new Api(this, 'Api', {
      ...settings,
      rateLimit: limits.apiRateLimit,
      burstLimit: limits.apiBurstLimit,
      reservedConcurrency: limits.apiReservedConcurrency,
    });
    api.bindTable(data.table);
    api.bindSecrets(secrets);
    // The API only queues email (in its transactions); the stream consumer and the sweep send it.

    const sweep = new LockSweep(this, 'LockSweep', { ...settings, table: data.table, secrets, enabled: !props.pauseSweep });
    sweep.allowSendEmail(email.identityArn, configurationSetName);
    const delivery = new EmailDelivery(this, 'EmailDelivery', { ...settings, table: data.table, secrets });
    delivery.allowSendEmail(email.identityArn, configurationSetName);
    const seed = new ContentSeed(this, 'ContentSeed', { table: data.table, stage });
    const emailEvents = new EmailEvents(this, 'EmailEvents', { ...settings, table: data.table, secrets, topic: email.topic });

    const staff = new StaffSignIn(this, 'StaffSignIn', { stage, siteUrl: props.siteUrl });
    staff.bindTo(api.fn);
    const exports = new StaffExports(this, 'StaffExports', { ...settings, table: data.table, signIn: staff, secrets });

    const alarms = new AlarmTopic(this, 'Alarms', { stage, alarmEmail: props.alarmEmail });
    if (crossRegion) {
      this.edgeStack = new Stack(scope, `${id}-edge`, {
        env: { account: props.env?.account, region: EDGE_REGION },
        crossRegionReferences: true,
        description: `Lockline (${stage}): WAF web ACL and Lambda@Edge for CloudFront (us-east-1)`,
      });
    }
    const edgeScope = this.edgeStack ?? this;
    const edge = new EdgeProtection(edgeScope, 'Edge', {
      stage,
      limits,
      siteDist,
      alarms: this.edgeStack ? new AlarmTopic(this.edgeStack, 'Alarms', { stage, alarmEmail: props.alarmEmail }) : alarms,
    });

    const site = new SiteDistribution(this, 'Site', {
      httpApi: api.httpApi,
      siteDist,
      originHeaderValue: secrets.originHeaderValue(props.originSecretVersion),
      webAclArn: edge.firewall.webAcl.attrArn,
      notFound: edge.notFound.version,
      domain: props.domain,
      staffExports: exports.url,
    });

    new AppAlarms(this, 'AppAlarms', { stage, limits, alarms, api, sweep, delivery, emailEvents, exports, seed, table: data.table, sweepPaused: props.pauseSweep ?? false });

    acknowledgeStackFindings(this);
    if (this.edgeStack) acknowledgeStackFindings(this.edgeStack);

    new CfnOutput(this, 'SiteUrl', { value: `https://${site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'DistributionDomainName', {
      value: site.distribution.distributionDomainName,
      description: 'Point the custom domain here (CNAME, or a Route 53 alias)',
    });
    new CfnOutput(this, 'StaffUserPoolId', {
      value: staff.userPool.userPoolId,
      description: 'Create staff users and add them to campaign:<slug>:<role> groups here (docs/deploying.md)',
    });
    new CfnOutput(this, 'StaffSignInUrl', { value: staff.authUrl });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'SweepRuleName', {
      value: sweep.rule.ruleName,
      description: 'EventBridge rule that runs the sweep every 5 minutes; disable it to pause the sweep',
    });
    new CfnOutput(this, 'OriginSecretArn', { value: secrets.origin.secretArn, description: 'Rotate: docs/deploying.md' });
    new CfnOutput(this, 'SigningKeySecretArn', { value: secrets.signingKey.secretArn, description: 'Rotate: docs/deploying.md' });
    new CfnOutput(this, 'EmailEventsTopicArn', { value: email.topic.topicArn, description: 'SES bounce and complaint events' });
    new CfnOutput(this, 'EmailEventsFunctionName', { value: emailEvents.fn.functionName, description: 'Replay a dead-lettered SES notification: docs/operations.md' });
    new CfnOutput(this, 'EmailEventsDeadLettersUrl', {
      value: emailEvents.deadLetterQueue.queueUrl,
      description: 'SES notifications the bounce handler failed on (they name the address): docs/operations.md',
    });
    new CfnOutput(this, 'SesConfigurationSet', { value: configurationSetName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }
}
