import type { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from './mailer.ts';

export interface SesMailerOptions {
  region: string;
  from: string;
  /** Only for aws-ses-v2-local; absent on AWS. */
  endpoint?: string;
  configurationSet?: string;
}

/**
 * Sends through the SES v2 API (it takes custom headers such as List-Unsubscribe directly; see
 * docs/decisions/0003-ses-v2.md). Locally the same code talks to aws-ses-v2-local.
 */
export function sesMailer(options: SesMailerOptions): Mailer {
  // The SES client is loaded on the first send (its own chunk in a Lambda bundle): a function that
  // sends nothing, like the API since delivery left the request path (decision 0018), never parses it.
  let loading: Promise<{ client: SESv2Client; SendEmailCommand: typeof SendEmailCommand }> | undefined;
  const load = () =>
    (loading ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
      client: new SESv2Client({
        region: options.region,
        // A slow SES must not hold a sender: the outbox retries what does not go. Without
        // throwOnRequestTimeout the SDK only logs a warning when the time is up and keeps waiting.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 2000, requestTimeout: 3000, throwOnRequestTimeout: true },
        ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
      SendEmailCommand,
    })));
  return {
    async send(message: EmailMessage) {
      const { client, SendEmailCommand } = await load();
      const out = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: options.configurationSet,
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                Html: { Data: message.html, Charset: 'UTF-8' },
              },
              Headers: Object.entries(message.headers ?? {}).map(([Name, Value]) => ({ Name, Value })),
            },
          },
        }),
      );
      return { messageId: out.MessageId ?? '' };
    },
  };
}
