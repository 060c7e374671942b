import { beforeAll, describe, expect, it } from 'vitest';
import { linksFor, mailTo, pledgeBody, pledgeHarness, postForm, postPledge, type PledgeHarness } from './support.ts';

/**
 * Leaving (issue 10): RFC 8058 one-click unsubscribe (a POST with no cookie, session or form
 * token), deletion that keeps only the count, and signed links that a forger cannot make or alter.
 */
let h: PledgeHarness;
beforeAll(async () => {
  h = await pledgeHarness();
});

const pledgeOf = async (email: string) => (await h.items('pledge')).find((i) => i.email === email);
const campaignCount = async () => ((await (await h.app.request('/api/campaigns/lockton/pledges/count')).json()) as { confirmed: number }).confirmed;

async function signed(overrides: Record<string, unknown> = {}) {
  const body = pledgeBody({ updates: true, ...overrides });
  expect((await postPledge(h, body)).status).toBe(202);
  return { body, links: await linksFor(body.email) };
}

/** What a mailbox provider sends (RFC 8058): the header's URL, `List-Unsubscribe=One-Click`, nothing else. */
function oneClick(url: string, type: 'urlencoded' | 'multipart', app = h.app) {
  if (type === 'urlencoded') {
    return app.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  }
  const form = new FormData();
  form.set('List-Unsubscribe', 'One-Click');
  return app.request(url, { method: 'POST', body: form });
}

describe('one-click unsubscribe (RFC 8058)', () => {
  it.each(['urlencoded', 'multipart'] as const)('takes the provider’s POST (%s) to the List-Unsubscribe URL with no cookie or session, and answers 200, not a redirect', async (type) => {
    const { body, links } = await signed();
    const header = links.email.headers!.find((x) => x.name === 'List-Unsubscribe')!.value.slice(1, -1);
    expect(new URL(header).pathname).toBe(links.unsubscribe);
    const res = await oneClick(header, type);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await pledgeOf(body.email)).toMatchObject({ updates: false, unsubscribedAt: h.clock.now().toISOString() });
    // Twice is the same as once.
    expect((await oneClick(header, type)).status).toBe(200);
  });

  it('shows a button on GET and changes nothing until it is pressed', async () => {
    const { body, links } = await signed();
    const page = await h.app.request(links.unsubscribe!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post" action="${links.unsubscribe}"`);
    expect(await pledgeOf(body.email)).toMatchObject({ updates: true });
    expect((await pledgeOf(body.email))!.unsubscribedAt).toBeUndefined();
    expect((await postForm(h, links.unsubscribe!, {})).status).toBe(200);
    expect(await pledgeOf(body.email)).toMatchObject({ updates: false });
  });

  it('sends nothing more after an unsubscribe, even when the address pledges again', async () => {
    const { body, links } = await signed();
    await postForm(h, links.unsubscribe!, {});
    h.clock.advanceMinutes(25 * 60);
    const res = await postPledge(h, body);
    expect(res.status).toBe(202);
    expect(await mailTo(body.email)).toHaveLength(1);
  });

  it('is not limited per address, since mail providers send them from a few shared addresses', async () => {
    const limited = await pledgeHarness({ config: { submissionsPerHour: 1 } });
    const one = pledgeBody();
    await postPledge(limited, one);
    const { unsubscribe } = await linksFor(one.email);
    for (let i = 0; i < 3; i += 1) expect((await oneClick(`http://127.0.0.1:8787${unsubscribe}`, 'urlencoded', limited.app)).status).toBe(200);
    // Anything else from the same address is over its budget by now.
    expect((await postPledge(limited, pledgeBody())).status).toBe(429);
  });
});

describe('deletion', () => {
  it('removes the personal data and keeps the confirmed count', async () => {
    const { body, links } = await signed();
    await postForm(h, links.confirm!, {});
    const before = await campaignCount();
    const page = await h.app.request(links.remove!);
    expect(await page.text()).toContain(`<form method="post" action="${links.remove}"`);
    expect(await pledgeOf(body.email)).toBeDefined();

    const res = await postForm(h, links.remove!, {});
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your details are deleted');
    expect(await pledgeOf(body.email)).toBeUndefined();
    const everything = JSON.stringify(await h.items('pledge')) + JSON.stringify(await h.items('pledge_count')) + JSON.stringify(await h.items('pledge_day_count')) + JSON.stringify(await h.items('idempotency'));
    expect(everything).not.toContain(body.email);
    expect(everything).not.toContain(body.name);
    expect(await campaignCount()).toBe(before);
    // Pressing it again, or leaving afterwards, is not an error.
    expect((await postForm(h, links.remove!, {})).status).toBe(200);
    expect((await postForm(h, links.unsubscribe!, {})).status).toBe(200);
  });
});

describe('forged and altered links', () => {
  const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;

  it('answer a clear 404 page and change nothing', async () => {
    const { body, links } = await signed();
    const token = links.confirm!.split('/').at(-2)!;
    const [head, emailKey, nonce, mac] = token.split('.');
    const other = await signed();
    const otherKey = other.links.confirm!.split('/').at(-2)!.split('.')[1];
    const forged = [
      `${head}.${emailKey}.${nonce}.${flip(mac!, 3)}`, // altered signature
      `${head}.${otherKey}.${nonce}.${mac}`, // someone else's pledge
      `${head!.replace(/^c/, 'd')}.${emailKey}.${nonce}.${mac}`, // another action
      `c${(parseInt(head!.slice(1), 36) + 86_400).toString(36)}.${emailKey}.${nonce}.${mac}`, // a later expiry
      'not-a-token',
    ];
    const countBefore = await campaignCount();
    const itemBefore = await pledgeOf(body.email);
    for (const t of forged) {
      for (const path of [`/c/lockton/pledge/confirm/${t}/`, `/c/lockton/pledge/delete/${t}/`, `/c/lockton/pledge/unsubscribe/${t}/`]) {
        const page = await h.app.request(path);
        expect(page.status, path).toBe(404);
        expect(await page.text()).toContain('This link does not work');
        expect((await postForm(h, path, {})).status, path).toBe(404);
      }
    }
    // A genuine link of this campaign does not work under another path either.
    expect((await postForm(h, links.confirm!.replace('/c/lockton/', '/'), {})).status).toBe(404);
    expect(await pledgeOf(body.email)).toEqual(itemBefore);
    expect(await campaignCount()).toBe(countBefore);
  });
});
