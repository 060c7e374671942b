import { Logger } from '@aws-lambda-powertools/logger';
import type { AppConfig } from '../../functions/src/config.ts';
import { DEFAULT_BRAND } from '../../functions/src/domain/campaign-brand.ts';
import { lockProgrammeSchema, type Campaign } from '../../functions/src/domain/campaign.ts';
import type { AppDeps } from '../../functions/src/deps.ts';
import type { CampaignRepository } from '../../functions/src/campaigns/index.ts';
import type { ErpoRecord } from '../../functions/src/domain/erpo.ts';
import type { EmailMessage, Mailer } from '../../functions/src/platform/email/mailer.ts';
import { memoryMetrics } from '../../functions/src/platform/metrics.ts';
import { staticKeyRing } from '../../functions/src/platform/secrets/key-ring.ts';
import type { ErpoRepository } from '../../functions/src/red-flag/index.ts';
import { denyAllStaff } from '../../functions/src/staff/index.ts';

/** Builders with overrides: each test states only what matters to it. Data is synthetic. */
export function buildCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    slug: 'testville',
    name: 'Testville Safe Storage',
    city: 'Testville',
    state: 'OR',
    status: 'live',
    languages: ['en', 'es'],
    demo: false,
    localResources: [],
    pickupSites: [],
    locks: lockProgrammeSchema.parse({}),
    brand: DEFAULT_BRAND,
    storageSites: [],
    contactEmail: 'team@testville.example',
    dataRetentionDays: 90,
    ...overrides,
  };
}

export function buildConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    stage: 'test',
    region: 'us-east-1',
    tableName: 'lockline-test',
    mailFrom: 'no-reply@lockline.test',
    siteUrl: 'http://127.0.0.1:8787',
    allowedOrigins: [],
    maxBodyBytes: 8192,
    logLevel: 'SILENT',
    submissionsPerHour: 10,
    formMinFillSeconds: 3,
    ...overrides,
  };
}

export function memoryCampaigns(initial: Campaign[] = []): CampaignRepository {
  const items = new Map(initial.map((c) => [c.slug, c]));
  return {
    listLive: async () => [...items.values()].filter((c) => c.status === 'live'),
    listByStatus: async (status) => [...items.values()].filter((c) => c.status === status),
    get: async (slug) => items.get(slug) ?? null,
    put: async (c) => void items.set(c.slug, c),
  };
}

export function memoryErpo(initial: readonly ErpoRecord[] = []): ErpoRepository {
  const items = new Map<string, ErpoRecord>(initial.map((r) => [r.state, r]));
  return {
    list: async () => [...items.values()].sort((a, b) => a.state.localeCompare(b.state)),
    get: async (code) => items.get(code) ?? null,
    putAll: async (records) => records.forEach((r) => items.set(r.state, r)),
  };
}

/** A valid in-force record; override what a test is about. Synthetic text, real shape. */
export function buildErpoRecord(overrides: Partial<ErpoRecord> = {}): ErpoRecord {
  return {
    state: 'OR',
    name: { en: 'Oregon', es: 'Oregón' },
    status: 'in_force',
    lawName: { en: 'Extreme Risk Protection Order', es: 'Orden de protección por riesgo extremo' },
    enacted: 2017,
    effective: '2018-01-01',
    citation: 'ORS 166.525-166.543',
    petitioners: ['law_enforcement', 'family', 'household'],
    petitionersNote: null,
    requesters: [],
    requestersNote: null,
    emergencyOrderMaxDays: 14,
    emergencyOrderEnds: 'at_hearing',
    finalOrderMaxDays: 365,
    durationNote: null,
    summary: { en: 'Test summary.', es: 'Resumen de prueba.' },
    steps: [{ en: 'File a petition.', es: 'Presente una petición.' }],
    alternatives: [{ en: 'Call or text 988.', es: 'Llame o envíe un texto al 988.' }],
    officialLinks: [],
    sources: [{ title: 'Test source', url: 'https://example.org/law', accessed: '2026-11-25', kind: 'statute' }],
    lastReviewed: '2026-11-25',
    confidence: 'high',
    unverified: [],
    reviewNote: 'internal',
    ...overrides,
  };
}

export function recordingMailer(): Mailer & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return { messageId: `test-${sent.length}` };
    },
  };
}

function unavailable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => Promise.reject(new Error(`${name}.${String(method)} is not faked in unit tests`)),
  });
}

/**
 * App dependencies with in-memory fakes: each test overrides only what it is about. Lock requests,
 * the outbox, rate limits and idempotency are tested against DynamoDB Local (tests/integration);
 * unit tests that reach them get a loud failure instead of a fake that could hide a bug.
 */
export function buildDeps(overrides: Partial<Omit<AppDeps, 'config'>> & { config?: Partial<AppConfig> } = {}): AppDeps {
  const { config: configOverrides, ...rest } = overrides;
  const config = buildConfig(configOverrides);
  return {
    config,
    logger: new Logger({ serviceName: 'lockline-test', logLevel: config.logLevel }),
    clock: { now: () => new Date('2026-11-25T12:00:00Z') },
    keyRing: staticKeyRing(Buffer.alloc(32, 7)),
    mailer: recordingMailer(),
    staffAccess: denyAllStaff,
    health: { ping: async () => true },
    metrics: memoryMetrics(),
    shells: {
      // A minimal shell with the same placeholders the site build produces.
      render: (_name, locale, fill) =>
        `<!doctype html><html lang="${locale}"><head><title>Shell</title><link rel="canonical" href="http://x/${fill.path}/"></head><body><main id="main">${fill.main}</main></body></html>`,
    },
    campaigns: memoryCampaigns([buildCampaign()]),
    erpo: memoryErpo([buildErpoRecord()]),
    stock: { seedInitial: async () => 0, forCampaign: async () => new Map(), add: async () => null },
    lockRequests: unavailable('lockRequests'),
    outboxStore: unavailable('outboxStore'),
    rateLimiter: unavailable('rateLimiter'),
    idempotency: unavailable('idempotency'),
    suppressions: { suppress: async () => undefined, isSuppressed: async () => false, suppressedKeys: async () => new Set<string>() },
    pledges: unavailable('pledges'),
    lockRequestRows: unavailable('lockRequestRows'),
    auditLog: unavailable('auditLog'),
    ...rest,
  };
}

/** Captures everything written to stdout/stderr (where the Powertools logger writes) during `fn`. */
export async function captureOutput(fn: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return chunks.join('');
}
