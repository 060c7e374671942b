import { describe, expect, it } from 'vitest';
import { sesMailer } from '../../functions/src/platform/email/ses-mailer.ts';
import { localEndpoints } from './helpers.ts';

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

describe('SES v2 mailer against aws-ses-v2-local', () => {
  it('sends text and HTML parts that arrive intact', async () => {
    const { sesEndpoint } = localEndpoints();
    const mailer = sesMailer({ region: 'us-east-1', endpoint: sesEndpoint, from: 'no-reply@lockline.test' });
    const to = `resident-${Date.now()}@example.test`;
    const { messageId } = await mailer.send({
      to,
      subject: 'Your request / Su solicitud',
      text: 'Texto en español: ñ, á, ü.',
      html: '<p>Texto en español: ñ, á, ü.</p>',
    });
    expect(messageId).not.toBe('');

    const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
    const email = store.emails.find((e) => e.messageId === messageId);
    expect(email).toBeDefined();
    expect(email?.destination.to).toEqual([to]);
    expect(email?.from).toBe('no-reply@lockline.test');
    expect(email?.subject).toBe('Your request / Su solicitud');
    expect(email?.body.text).toBe('Texto en español: ñ, á, ü.');
    expect(email?.body.html).toBe('<p>Texto en español: ñ, á, ü.</p>');
  });
});
