import { Logger } from '@aws-lambda-powertools/logger';
import type { AppConfig } from '../../functions/src/config.ts';
import type { Campaign } from '../../functions/src/domain/campaign.ts';
import type { AppDeps } from '../../functions/src/deps.ts';
import type { CampaignRepository, EmailMessage, Mailer, Store } from '../../functions/src/ports.ts';

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
    ...overrides,
  };
}

export function memoryCampaigns(initial: Campaign[] = []): CampaignRepository {
  const items = new Map(initial.map((c) => [c.slug, c]));
  return {
    listLive: async () => [...items.values()].filter((c) => c.status === 'live'),
    get: async (slug) => items.get(slug) ?? null,
    put: async (c) => void items.set(c.slug, c),
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

export function buildDeps(overrides: { store?: Partial<Store>; config?: Partial<AppConfig>; logger?: Logger } = {}): AppDeps {
  const config = buildConfig(overrides.config);
  return {
    config,
    logger: overrides.logger ?? new Logger({ serviceName: 'lockline-test', logLevel: config.logLevel }),
    store: {
      campaigns: memoryCampaigns([buildCampaign()]),
      health: { ping: async () => true },
      ...overrides.store,
    },
    mailer: recordingMailer(),
    clock: { now: () => new Date('2026-11-25T12:00:00Z') },
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
