import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ServicePrincipal, PolicyStatement, Effect } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  stage: string;
  /** The From address; its domain becomes the SES identity. */
  mailFrom: string;
}

/** The only events the configuration set publishes: no sends, deliveries, opens or clicks. */
export const EMAIL_EVENT_TYPES = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT] as const;

/**
 * Sending mail without harming the account's reputation (SES pauses a whole account that bounces
 * or draws complaints too often):
 *
 * - the mail-from domain as an SES identity with Easy DKIM (2048-bit); its three DKIM CNAME
 *   records are stack outputs for the city's DNS (docs/deploying.md, with SPF and DMARC);
 * - one configuration set, the identity's default: TLS required to the recipient's server, the
 *   set's own suppression of bounced and complaining addresses, reputation metrics on, and no open
 *   or click tracking (no event destination asks for them and engagement metrics are off: click
 *   tracking would route private status links through a tracking domain);
 * - bounce and complaint events to an SNS topic, encrypted with a key SES may use. `topic` is for
 *   the handler that marks the address and stops mail to it (the app side subscribes it).
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** Bounce and complaint events from the configuration set. */
  readonly topic: Topic;
  readonly domain: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    const domain = props.mailFrom.split('@')[1];
    if (!domain) throw new Error(`mailFrom must be an email address, got "${props.mailFrom}"`);
    this.domain = domain;
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      vdmOptions: { engagementMetrics: false, optimizedSharedDelivery: true },
    });

    // Bounce and complaint notifications carry recipients' addresses: encrypt them at rest with a
    // key that SES (for this account) may use to publish.
    const key = new Key(this, 'EventsKey', {
      description: `Lockline (${props.stage}): SES bounce and complaint events`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'Events', {
      displayName: `Lockline (${props.stage}) email bounces and complaints`,
      masterKey: key,
      enforceSSL: true,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.topic),
      events: [...EMAIL_EVENT_TYPES],
    });

    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(domain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });

    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${domain}: name then value`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** ARN of the identity the app sends as. */
  get identityArn(): string {
    return this.identity.emailIdentityArn;
  }
}
