import { createServer, type Socket } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../functions/src/local/net.ts';
import type { EmailMessage, Mailer } from '../../../functions/src/platform/email/mailer.ts';
import { sesMailer } from '../../../functions/src/platform/email/ses-mailer.ts';
import { localEndpoints } from '../helpers.ts';
import { mailRequest, pickupRequest, staffHeaders } from '../lock-support.ts';
import { pledgeBody } from '../pledges/support.ts';
import { emailsByRecipient, faultHarness, formToken, type FaultHarness } from './support.ts';

/**
 * Issue 15: SES failing for a while. The app's mailer is the real SES v2 client, pointed at the
 * local SES while it works and at a port where nothing listens while it is "down" (so the SDK's
 * own connection errors and retries are what the outbox meets). Requests still succeed: the email
 * waits in the outbox. After recovery the outbox's retry path (the sweep's `deliverDue`, with the
 * clock moved past the retry delays) sends each exactly once; an email that fails every attempt is
 * kept as dead for staff. Nothing here depends on an email being tried during the request.
 */
const FROM = 'no-reply@lockline.test';
let h: FaultHarness;
let down = true;
/** An address whose every send fails (a recipient SES keeps refusing). */
const POISON = `refused-${Date.now()}@example.test`;

function switchingMailer(working: Mailer, dead: Mailer): Mailer {
  return {
    async send(message: EmailMessage) {
      if (message.to === POISON) throw Object.assign(new Error(`Message rejected for ${message.to}`), { name: 'MessageRejected' });
      return (down ? dead : working).send(message);
    },
  };
}

beforeAll(async () => {
  const { sesEndpoint } = localEndpoints();
  const working = sesMailer({ region: 'us-east-1', from: FROM, endpoint: sesEndpoint });
  const dead = sesMailer({ region: 'us-east-1', from: FROM, endpoint: `http://127.0.0.1:${await freePort()}` });
  h = await faultHarness({ mailer: switchingMailer(working, dead), seed: 3 });
});

const post = async (path: string, body: unknown) =>
  h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': await formToken(h.app) }, body: JSON.stringify(body) });

describe.concurrent('SES failing for a while', () => {
  it('keeps every email of the requests made meanwhile, sends each once after recovery, and keeps the one that never goes for staff', async () => {
    const slug = h.campaign.slug;
    const addresses: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const body = i % 2 === 0 ? mailRequest() : pickupRequest({ siteId: 'library' });
      addresses.push(String(body.email));
      expect((await post(`/api/campaigns/${slug}/lock-requests`, body)).status).toBe(201);
    }
    for (let i = 0; i < 6; i += 1) {
      const body = pledgeBody({ language: i % 2 ? 'es' : 'en' });
      addresses.push(body.email);
      expect((await post(`/api/campaigns/${slug}/pledges`, body)).status).toBe(202);
    }
    expect((await post(`/api/campaigns/${slug}/lock-requests`, mailRequest({ email: POISON }))).status).toBe(201);

    // Every email is in the outbox, none went out, none is given up on.
    const queued = await h.items('outbox');
    expect(queued).toHaveLength(addresses.length + 1);
    expect(queued.every((e) => String(e.gsi1pk).startsWith('OUTBOX#pending#'))).toBe(true);
    expect([...(await emailsByRecipient(addresses)).values()].flat()).toEqual([]);

    // Two sweeps while SES is still down: tried again, still kept.
    for (const minutes of [3, 6]) {
      h.clock.advanceMinutes(minutes);
      const run = await h.sweep();
      expect(run.emails.sent).toBe(0);
      expect(run.emails.failed).toBe(addresses.length + 1);
    }
    expect(await h.services.outbox.dead()).toEqual([]);

    // SES is back. The sweeps that follow, past every retry delay, send each email once.
    down = false;
    for (let run = 0; run < 6; run += 1) {
      h.clock.advanceMinutes(60);
      await h.sweep();
    }
    const mail = await emailsByRecipient([...addresses, POISON]);
    expect(addresses.map((a) => mail.get(a)!.length)).toEqual(addresses.map(() => 1));
    expect(mail.get(POISON)).toEqual([]);

    // The one that failed every attempt is dead, kept for staff, with the error's name only.
    const dead = await h.services.outbox.dead();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ topic: 'lock-request', attempts: 5, lastError: 'MessageRejected', campaign: slug });
    const listed = await h.app.request(`/api/staff/campaigns/${slug}/emails/failed`, { headers: staffHeaders });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).toContain(dead[0]!.id);
    expect(text).not.toContain(POISON);
    expect((await h.items('outbox')).filter((e) => String(e.gsi1pk).startsWith('OUTBOX#pending#'))).toEqual([]);

    // Later sweeps send nothing again.
    h.clock.advanceMinutes(300);
    expect((await h.sweep()).emails).toEqual({ sent: 0, dropped: 0, failed: 0, skipped: 0 });
    const again = await emailsByRecipient(addresses);
    expect(addresses.map((a) => again.get(a)!.length)).toEqual(addresses.map(() => 1));
  });

  it('gives up on an SES endpoint that accepts connections and never answers, instead of holding the request or the sweep', async () => {
    const held = new Set<Socket>();
    const hung = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const mailer = sesMailer({ region: 'us-east-1', from: FROM, endpoint: `http://127.0.0.1:${(hung.address() as { port: number }).port}` });
    const started = Date.now();
    const outcome = await mailer.send({ to: 'someone@example.test', subject: 's', text: 't', html: '<p>t</p>' }).then(
      () => 'sent',
      (error: Error) => error.name,
    );
    const ms = Date.now() - started;
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => hung.close(resolve));
    // Two attempts of at most 3 s each (ses-mailer.ts), then the outbox's retry path takes over.
    expect(outcome).toBe('TimeoutError');
    expect(ms).toBeLessThan(8000);
  }, 20_000);
});
