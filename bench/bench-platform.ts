import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../functions/src/config.ts';
import { createDeps, type AppDeps } from '../functions/src/deps.ts';
import { startDynamoDbLocal } from '../functions/src/local/dynamodb-local.ts';
import { freePort } from '../functions/src/local/net.ts';
import { SITE_DIST } from '../functions/src/local/paths.ts';
import { startSesLocal } from '../functions/src/local/ses-local.ts';
import type { Clock } from '../functions/src/platform/clock.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { staticKeyRing } from '../functions/src/platform/secrets/key-ring.ts';
import { capacityMeter } from './capacity-meter.ts';
import { callRecorder } from './round-trips.ts';

export interface BenchPlatform {
  tableName: string;
  /** A plain client on the same DynamoDB Local (for copies of the table and replays). */
  client: DynamoDBClient;
  /** The app's adapters on a fresh table, their DynamoDB calls metered and recorded. */
  deps: AppDeps;
  meter: ReturnType<typeof capacityMeter>;
  recorder: ReturnType<typeof callRecorder>;
}

/**
 * The route benches' platform: its own DynamoDB Local (in memory) and local SES, a fresh table, and
 * the app's real adapters with a generous rate limit and no minimum fill time, so every request
 * measured is an accepted one (a clock of the bench's own when it moves time). Both are stopped
 * when `run` ends.
 */
export async function withBenchPlatform<T>(tableName: string, run: (platform: BenchPlatform) => Promise<T>, options: { clock?: Clock } = {}): Promise<T> {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ host: '127.0.0.1', port: 0 });
  try {
    const meter = capacityMeter();
    const recorder = callRecorder();
    const { client } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint });
    await ensureTable(client, tableName);
    const config = loadConfig({
      STAGE: 'test',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: ddb.endpoint,
      SES_ENDPOINT: ses.url,
      MAIL_FROM: 'no-reply@lockline.test',
      SITE_URL: 'http://127.0.0.1:8787',
      SUBMISSIONS_PER_HOUR: '100000',
      FORM_MIN_FILL_SECONDS: '0',
      LOG_LEVEL: 'SILENT',
    });
    const deps = createDeps(config, {
      logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
      shellsDir: `${SITE_DIST}/shells`,
      keyRing: staticKeyRing(randomBytes(32)),
      ...(options.clock ? { clock: options.clock } : {}),
      configureDynamo: (c) => {
        meter.configure(c);
        recorder.configure(c);
      },
    });
    return await run({ tableName, client, deps, meter, recorder });
  } finally {
    await ses.stop();
    await ddb.stop();
  }
}
