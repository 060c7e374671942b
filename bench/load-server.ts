/**
 * The server bench/load.ts loads: the whole local platform as `npm start` starts it (its own
 * DynamoDB Local, the local SES, site and API on one server), on free ports, in memory, with a
 * benchmark campaign added. Prints one JSON line (where it listens) and stops when its input closes.
 *
 * Its one setting apart from `npm start`'s: submissions per address per hour raised to 100,000 and
 * no minimum form fill time, because every request of a load test comes from 127.0.0.1.
 */
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { LOCAL_TABLE_NAME, startPlatform } from '../functions/src/local/platform.ts';
import { MAIL_POOL } from '../functions/src/locks/index.ts';

export const BENCH_CAMPAIGN = 'benchville';

const platform = await startPlatform({
  port: 0,
  host: '127.0.0.1',
  sesPort: 0,
  dataDir: '/tmp',
  inMemory: true,
  logLevel: 'SILENT',
  submissionsPerHour: 100_000,
  formMinFillSeconds: 0,
});
const campaign = campaignSchema.parse({
  slug: BENCH_CAMPAIGN,
  name: 'Benchville (benchmark)',
  city: 'Benchville',
  state: 'OR',
  status: 'live',
  languages: ['en', 'es'],
  contactEmail: 'team@benchville.example',
  locks: { mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 100_000 } } },
});
await platform.deps.campaigns.put(campaign);
await platform.deps.stock.seedInitial(campaign.slug, [{ id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }]);

process.stdout.write(`${JSON.stringify({ url: platform.url, dynamodbEndpoint: platform.dynamodbEndpoint, table: LOCAL_TABLE_NAME })}\n`);
const stop = () => void platform.stop().then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
