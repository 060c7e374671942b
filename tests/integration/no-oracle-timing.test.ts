import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_SCOPE } from '../../functions/src/pledges/index.ts';
import { callRecorder, operationsOf } from '../support/dynamo-calls.ts';
import { emailsSettled } from './helpers.ts';
import { emailsTo, lockHarness, mailRequest, postJson, type LockHarness } from './lock-support.ts';
import { linksFor, mailTo, pledgeBody, pledgeHarness, postForm, postPledge, type PledgeHarness } from './pledges/support.ts';

/**
 * No oracle in the time an answer takes (decision 0021): a repeat submission makes the same
 * DynamoDB round trips, in the same order, as a first one, so its response time does not tell
 * whether an email address or a household is already known. Recorded on the app's own client, on
 * DynamoDB Local, for only the calls of the request itself (the stream's email sender shares the
 * client and runs meanwhile).
 */
const PATH = '/api/campaigns/lockton/lock-requests';
const recorder = callRecorder();

/**
 * The DynamoDB operations one submission made, once the email sender is idle; with `items`, each
 * transaction with its number of items (`TransactWriteItems 3`).
 */
async function operations(send: () => Response | Promise<Response>, expected: number, options: { items?: boolean } = {}): Promise<string[]> {
  await emailsSettled();
  const { result, calls } = await recorder.during(async () => send());
  expect(result.status).toBe(expected);
  const items = (input: Record<string, unknown>) => (Array.isArray(input.TransactItems) ? ` ${input.TransactItems.length}` : '');
  return options.items ? calls.map((c, i) => `${operationsOf(calls)[i]}${items(c.input)}`) : operationsOf(calls);
}

describe('lock requests: a household that asked before costs what a new one does', () => {
  let h: LockHarness;
  let phone = 5550100;
  const household = () => ({ ...mailRequest(), phone: `503-${String((phone += 1)).slice(0, 3)}-${String(phone).slice(3)}` });
  const submit = (body: unknown) => operations(() => postJson(h.app, PATH, body), 201);

  beforeAll(async () => {
    h = await lockHarness({ configureDynamo: recorder.configure });
    // The campaign is read once per warm function (then cached): the same for every request after.
    await submit(household());
  });

  it('matched on its address, its phone, its email (reminder due, then sent already) or all three', async () => {
    const earlier = household();
    const first = await submit(earlier);
    // The rate limit, the household's claims read, then one transaction.
    expect(first).toEqual(['UpdateItem', 'BatchGetItem', 'TransactWriteItems']);

    const matched = {
      address: await submit({ ...household(), address: earlier.address }),
      phone: await submit({ ...household(), phone: earlier.phone }),
      email: await submit({ ...household(), email: earlier.email.toUpperCase() }),
      'email, reminded today': await submit({ ...household(), email: earlier.email }),
      'address, email and phone': await submit({ ...earlier, name: 'Another Name' }),
    };
    // Every case at once, so a failure shows each one that differs.
    expect(matched).toEqual(Object.fromEntries(Object.keys(matched).map((how) => [how, first])));

    // The behaviour stays: one reminder of the earlier request, to its own address only.
    const subjects = (await emailsTo(earlier.email)).map((e) => e.subject);
    expect(subjects.filter((s) => s.endsWith(': reminder'))).toHaveLength(1);
  });

  it('through the no-JavaScript form, a repeat from the same email as a first request', async () => {
    const post = async (email: string) => {
      const page = await (await h.app.request('/c/lockton/get-a-lock/request/')).text();
      const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
      const body = new URLSearchParams({ delivery: 'pickup', siteId: 'library', lockType: 'cable', quantity: '1', name: 'Form Home', email, phone: '', language: 'en', consent: 'yes', website: '', formToken: token });
      return operations(
        () => h.app.request('/c/lockton/get-a-lock/request/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() }),
        303,
      );
    };
    const email = `timing-form-${Date.now()}@example.test`;
    const first = await post(email);
    expect(await post(email)).toEqual(first);
    expect(await post(email)).toEqual(first);
  });
});

describe.each([
  ['a campaign', 'lockton'],
  ['the national pledge', NATIONAL_SCOPE],
])('pledges (%s): an address that pledged before costs what a new one does', (_name, scope) => {
  let h: PledgeHarness;
  // A repeat writes as many items as a first pledge too: the stored answer, the pledge (checked),
  // and a message whose sender decides whether an email goes.
  const sign = (body: unknown) => operations(() => postPledge(h, body, { scope }), 202, { items: true });

  beforeAll(async () => {
    h = await pledgeHarness({ configureDynamo: recorder.configure });
    await sign(pledgeBody());
  });

  it('a repeat the same day (no email due) and a day later (the email is due)', async () => {
    const earlier = pledgeBody();
    const first = await sign(earlier);
    // The rate limit, the address's pledge read, then one transaction of three items.
    expect(first).toEqual(['UpdateItem', 'GetItem', 'TransactWriteItems 3']);
    expect(await sign({ ...earlier, name: 'Someone Else', email: earlier.email.toUpperCase() }), 'the same day').toEqual(first);

    h.clock.advanceMinutes(25 * 60);
    // The day moved on: the campaign cache is read again by the next request, whichever it is.
    await sign(pledgeBody());
    expect(await sign(earlier), 'a day later').toEqual(first);
    expect(await sign(pledgeBody()), 'a new address a day later').toEqual(first);
    const { unsubscribe } = await linksFor(earlier.email);
    expect((await postForm(h, unsubscribe!, {})).status).toBe(200);
    h.clock.advanceMinutes(25 * 60);
    await sign(pledgeBody());
    expect(await sign(earlier), 'after an unsubscribe').toEqual(first);

    // The behaviour stays: the confirmation, then one more a day later; nothing the same day or after leaving.
    expect((await mailTo(earlier.email)).map((e) => e.subject)).toEqual(['Please confirm your pledge', 'Please confirm your pledge']);
  });
});
