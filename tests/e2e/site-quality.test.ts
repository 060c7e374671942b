import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SITE_DIST } from '../../functions/src/local/paths.ts';

/**
 * Outside checkers over the whole site as people get it from the local server: every built page
 * and every page the API renders (finder, form, status, with errors shown) passes the Nu HTML
 * Checker (vnu.jar from npm, on the Java DynamoDB Local already needs) with zero errors, and a
 * crawl from `/`, `/es/` and every published campaign's home page in each of its languages finds
 * no broken internal link (links, frames and GET forms).
 */
const baseUrl = inject('baseUrl');
const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every published campaign's home page in each of its languages, from the campaign files. */
const CAMPAIGNS_DIR = join(SITE_DIST, '..', 'src', 'content', 'campaigns');
const campaignHomes = readdirSync(CAMPAIGNS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(CAMPAIGNS_DIR, f), 'utf8')) as { slug: string; status: string; languages: string[] })
  .filter((c) => c.status !== 'draft')
  .flatMap((c) => c.languages.map((l) => `${l === 'en' ? '' : `/${l}`}/c/${c.slug}/`));

async function get(path: string, init: RequestInit = {}) {
  const send = () => fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init });
  // A kept-alive connection the server closed just as a request went out (seen on a loaded
  // machine): a GET is safe to send once more on a new connection; anything else is a failure.
  const res = await send().catch((error: unknown) => {
    const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
    if ((init.method ?? 'GET') !== 'GET' || code !== 'UND_ERR_SOCKET') throw error;
    return send();
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', location: res.headers.get('location'), body: await res.text() };
}

/** One JSON lock request, as a client makes it (token, wait, post): its status page path. */
async function statusPagePath(locale: 'en' | 'es'): Promise<string> {
  const { formToken } = JSON.parse((await get('/api/form-token')).body) as { formToken: string };
  await sleep(1100);
  const res = await fetch(`${baseUrl}/api/campaigns/demo-city/lock-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'form-token': formToken },
    body: JSON.stringify({
      name: 'Checker Resident',
      email: `checker-${locale}-${Date.now()}@example.com`,
      delivery: 'pickup',
      siteId: 'central-library',
      lockType: 'cable',
      quantity: 1,
      language: locale,
      consent: true,
      waitlist: true,
    }),
  });
  expect(res.status).toBe(201);
  return new URL(((await res.json()) as { statusUrl: string }).statusUrl).pathname;
}

/** The request form posted with problems: the page people see with the GOV.UK error summary. */
async function formWithErrors(prefix: string): Promise<string> {
  const form = await get(`${prefix}/c/demo-city/get-a-lock/request/`);
  const token = /name="formToken" value="([^"]+)"/.exec(form.body)![1]!;
  await sleep(1100);
  const body = new URLSearchParams({ formToken: token, website: '', delivery: 'mail', 'address.zip': '1234', name: '', email: 'not-an-email', language: 'en' });
  const res = await get(`${prefix}/c/demo-city/get-a-lock/request/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: body.toString(),
  });
  expect(res.status).toBe(400);
  return res.body;
}

const workDir = mkdtempSync(join(tmpdir(), 'lockline-vnu-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('outside checkers', () => {
  it('finds zero Nu HTML Checker errors on every built page and every page the API renders', { timeout: 180_000 }, async () => {
    const rendered: Record<string, string> = {};
    for (const prefix of ['', '/es']) {
      const locale = prefix ? 'es' : 'en';
      rendered[`finder${locale}`] = (await get(`${prefix}/get-a-lock/`)).body;
      rendered[`finder-zip${locale}`] = (await get(`${prefix}/c/demo-city/get-a-lock/?zip=98133`)).body;
      rendered[`finder-error${locale}`] = (await get(`${prefix}/get-a-lock/?zip=12a`)).body;
      rendered[`finder-404${locale}`] = (await get(`${prefix}/c/no-such-city/get-a-lock/`)).body;
      rendered[`form${locale}`] = (await get(`${prefix}/c/demo-city/get-a-lock/request/`)).body;
      rendered[`form-errors${locale}`] = await formWithErrors(prefix);
      rendered[`status${locale}`] = (await get(await statusPagePath(locale))).body;
      rendered[`status-404${locale}`] = (await get(`${prefix}/c/demo-city/get-a-lock/status/K7QM-3XPD/${'A'.repeat(32)}/`)).body;
    }
    // A campaign's pages in a language it adds: the English pages with its notice and brand.
    rendered['finder-vi'] = (await get('/vi/c/pine-hollow/get-a-lock/?zip=30303')).body;
    rendered['form-vi'] = (await get('/vi/c/pine-hollow/get-a-lock/request/')).body;
    rendered['pledge-vi'] = (await get('/vi/c/pine-hollow/pledge/')).body;
    for (const [name, html] of Object.entries(rendered)) {
      expect(html, name).toMatch(/^<!DOCTYPE html>/i);
      writeFileSync(join(workDir, `${name}.html`), html);
    }
    const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', '--skip-non-html', SITE_DIST, workDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(run.stderr || run.stdout) as { messages: { type: string; url: string; message: string }[] }).messages;
    const errors = messages.filter((m) => m.type === 'error').map((m) => `${m.url.replace(/^file:/, '')}: ${m.message}`);
    expect(errors).toEqual([]);
  });

  it('finds no broken internal link in a crawl from /, /es/ and every campaign home page', { timeout: 180_000 }, async () => {
    const seen = new Set<string>();
    const broken: string[] = [];
    const queue: { path: string; from: string }[] = ['/', '/es/', ...campaignHomes].map((path) => ({ path, from: '(start)' }));
    while (queue.length) {
      const { path, from } = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(path);
      if (res.status >= 300 && res.status < 400 && res.location) {
        queue.push({ path: new URL(res.location, `${baseUrl}${path}`).pathname, from: path });
        continue;
      }
      if (res.status !== 200) {
        broken.push(`${path} (${res.status}) linked from ${from}`);
        continue;
      }
      if (!res.type.startsWith('text/html')) continue;
      const root = parse(res.body);
      const targets = [
        ...root.querySelectorAll('a[href], link[href]').map((el) => el.getAttribute('href')!),
        ...root.querySelectorAll('iframe[src]').map((el) => el.getAttribute('src')!),
        // A GET form's address is a page too (the finder's ZIP form); a POST form's is reached by other tests.
        ...root.querySelectorAll('form[action]').filter((el) => (el.getAttribute('method') ?? 'get').toLowerCase() === 'get').map((el) => el.getAttribute('action')!),
      ];
      for (const href of targets) {
        const url = new URL(href, `${baseUrl}${path}`);
        if (url.origin !== new URL(baseUrl).origin || !/^https?:$/.test(url.protocol)) continue;
        // Private status links, staff pages and the API's JSON are reached by other tests, not by links.
        if (/\/api\//.test(url.pathname) && !/\.(csv|json)$/.test(url.pathname)) continue;
        queue.push({ path: url.pathname + url.search, from: path });
      }
    }
    expect(seen.size).toBeGreaterThan(150);
    expect(broken).toEqual([]);
  });
});
