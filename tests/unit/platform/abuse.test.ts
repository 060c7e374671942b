import { describe, expect, it } from 'vitest';
import { clientBucket } from '../../../functions/src/platform/abuse/client-bucket.ts';
import { isCrossSite } from '../../../functions/src/platform/abuse/cross-site.ts';
import { formTokens } from '../../../functions/src/platform/abuse/form-token.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

describe('rate-limit buckets', () => {
  it('counts an IPv4 address on its own', () => {
    expect(clientBucket('203.0.113.9')).toBe('4:203.0.113.9');
    expect(clientBucket('203.0.113.10')).not.toBe(clientBucket('203.0.113.9'));
  });

  it('counts a whole IPv6 /64 as one client, however the address is written', () => {
    const a = clientBucket('2001:db8:1:2:aaaa::1');
    expect(a).toBe('6:2001:db8:1:2::/64');
    expect(clientBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(clientBucket('2001:db8:1:3::1')).not.toBe(a);
  });

  it('reads an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(clientBucket('::ffff:203.0.113.9')).toBe('4:203.0.113.9');
  });

  it('puts anything unparseable in one shared bucket, so garbage cannot mint fresh ones', () => {
    expect(clientBucket(undefined)).toBe('unknown');
    expect(clientBucket('not-an-address')).toBe('unknown');
    expect(clientBucket('203.0.113.9, 198.51.100.1')).toBe('unknown');
  });
});

describe('cross-site refusal', () => {
  const allowed = ['https://lockline.example'];

  it('trusts the browser’s Sec-Fetch-Site: only same-origin (or a typed URL) passes', () => {
    expect(isCrossSite({ secFetchSite: 'same-origin', origin: 'null' }, allowed)).toBe(false);
    expect(isCrossSite({ secFetchSite: 'none' }, allowed)).toBe(false);
    expect(isCrossSite({ secFetchSite: 'cross-site', origin: 'https://lockline.example' }, allowed)).toBe(true);
    expect(isCrossSite({ secFetchSite: 'same-site' }, allowed)).toBe(true);
  });

  it('falls back to Origin for browsers that do not send Sec-Fetch-Site', () => {
    expect(isCrossSite({ origin: 'https://evil.example' }, allowed)).toBe(true);
    expect(isCrossSite({ origin: 'https://lockline.example' }, allowed)).toBe(false);
    // no-referrer makes a browser send "null" on its own same-origin posts: it proves nothing.
    expect(isCrossSite({ origin: 'null' }, allowed)).toBe(false);
  });

  it('leaves requests without either header (not a browser) to the token and the rate limit', () => {
    expect(isCrossSite({}, allowed)).toBe(false);
  });
});

describe('form tokens', () => {
  let now = 1_790_000_000_000;
  const clock = { now: () => new Date(now) };
  const ring = staticKeyRing(Buffer.alloc(32, 3));
  const tokens = formTokens(ring, clock, 3);

  it('refuse a token used sooner than the minimum fill time, accept it after, and refuse it after a day', async () => {
    const token = await tokens.issue();
    expect(await tokens.check(token)).toBe('too_fast');
    now += 3_000;
    expect(await tokens.check(token)).toBe('ok');
    now += 24 * 3600 * 1000;
    expect(await tokens.check(token)).toBe('invalid');
  });

  it('refuse forged, altered, extended and missing tokens', async () => {
    const token = await tokens.issue();
    now += 5_000;
    const [issued, nonce, mac] = token.split('.') as [string, string, string];
    expect(await tokens.check(undefined)).toBe('invalid');
    expect(await tokens.check(`${Number(issued) - 60_000}.${nonce}.${mac}`)).toBe('invalid');
    expect(await tokens.check(`${issued}.${nonce}.${mac.slice(0, -1)}A`)).toBe('invalid');
    expect(await tokens.check(`${token}.extra`)).toBe('invalid');
    expect(await formTokens(staticKeyRing(Buffer.alloc(32, 4)), clock, 3).check(token)).toBe('invalid');
  });

  it('accept a token signed with the previous key while a rotation settles', async () => {
    const old = await formTokens(staticKeyRing(Buffer.alloc(32, 5)), clock, 0).issue();
    const rotated = formTokens(staticKeyRing(Buffer.alloc(32, 6), Buffer.alloc(32, 5)), clock, 0);
    expect(await rotated.check(old)).toBe('ok');
  });
});

describe('metrics', () => {
  it('counts in memory locally, and writes embedded-metric-format lines with the stage on AWS', async () => {
    const { memoryMetrics, cloudWatchMetrics } = await import('../../../functions/src/platform/metrics.ts');
    const local = memoryMetrics();
    local.count('RefusedSubmissions');
    local.count('RefusedSubmissions');
    local.count('DeadEmails', 3);
    expect(local.counts).toEqual({ RefusedSubmissions: 2, DeadEmails: 3 });

    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const aws = cloudWatchMetrics('prod');
      aws.flush(); // nothing counted: nothing written
      aws.count('EmailsFailed');
      aws.flush();
    } finally {
      process.stdout.write = write;
    }
    const emf = lines.map((l) => JSON.parse(l) as { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] }; Stage: string; EmailsFailed: number });
    expect(emf).toHaveLength(1);
    expect(emf[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Lockline', Dimensions: [expect.arrayContaining(['Stage'])] });
    expect(emf[0]!).toMatchObject({ Stage: 'prod', EmailsFailed: 1 });
  });
});
