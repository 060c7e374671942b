import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

/** The longest wait between passes while reading the stream keeps failing. */
const MAX_BACKOFF_MS = 2000;

/**
 * What AWS does for the deployed table (a Lambda event source on its stream), done locally over
 * DynamoDB Local's streams for `npm start` and the tests: every shard is read from its start,
 * records are handed over one at a time in order, and a record whose handler throws is read again
 * on the next pass (like a Lambda batch item failure). `drain()` resolves once everything written
 * before the call has been handed over and handled.
 */
export interface StreamPoller {
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  onRecord: (record: StreamRecord) => Promise<void>;
  /** Told the error's name when a handler or a stream call fails; never anything else. */
  onError?: (errorName: string) => void;
  /** Pause between passes that found nothing. */
  idleMs?: number;
}

interface Shard {
  iterator: string | undefined;
  /** Where to start again after a failed record. */
  retryFrom?: string;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const region = 'us-east-1';
  const ddb = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: options.tableName }));
  ddb.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`The table ${options.tableName} has no stream.`);

  const shards = new Map<string, Shard>();
  const finished = new Set<string>();
  let stopped = false;
  let wake: (() => void) | undefined;
  let waiters: { afterPass: number; resolve: () => void }[] = [];
  let passes = 0;

  async function discoverShards(): Promise<void> {
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId!;
        if (shards.has(id) || finished.has(id)) continue;
        // A child shard is read only once its parent is done, so records stay in order.
        if (shard.ParentShardId && shards.has(shard.ParentShardId)) continue;
        shards.set(id, { iterator: undefined });
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  async function iteratorFor(id: string, shard: Shard): Promise<string | undefined> {
    if (shard.iterator) return shard.iterator;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: id,
        ...(shard.retryFrom ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: shard.retryFrom } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /** Reads every shard until it has nothing more; true when any record was handed over. */
  async function pass(): Promise<boolean> {
    await discoverShards();
    let found = false;
    for (const [id, shard] of shards) {
      for (;;) {
        const iterator = await iteratorFor(id, shard);
        if (!iterator) break;
        const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        shard.iterator = NextShardIterator;
        shard.retryFrom = undefined;
        for (const record of Records) {
          found = true;
          try {
            await options.onRecord(record);
          } catch (error) {
            options.onError?.((error as Error).name || 'Error');
            shard.iterator = undefined;
            shard.retryFrom = record.dynamodb?.SequenceNumber;
            return found;
          }
        }
        if (!NextShardIterator) {
          shards.delete(id);
          finished.add(id);
          break;
        }
        if (Records.length === 0) break;
      }
    }
    return found;
  }

  /** Passes that failed in a row: the wait doubles with each, up to MAX_BACKOFF_MS (DynamoDB Local stopped). */
  let failures = 0;
  const loop = (async () => {
    while (!stopped) {
      const startedAt = passes;
      let found = false;
      try {
        found = await pass();
        failures = 0;
      } catch (error) {
        if (stopped) break;
        failures += 1;
        options.onError?.((error as Error).name || 'Error');
        // A shard iterator expires after a while: read the shard again from where it stands.
        for (const shard of shards.values()) shard.iterator = undefined;
      }
      passes = startedAt + 1;
      if (!found) {
        const done = waiters.filter((w) => passes > w.afterPass);
        waiters = waiters.filter((w) => passes <= w.afterPass);
        for (const waiter of done) waiter.resolve();
      }
      if (found || stopped) continue;
      await new Promise<void>((resolve) => {
        // Unref'd: a poller alone never keeps a process (a test file) alive.
        const idle = options.idleMs ?? 200;
        const timer = setTimeout(resolve, failures ? Math.min(idle * 2 ** failures, MAX_BACKOFF_MS) : idle).unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    drain() {
      if (stopped) return Promise.resolve();
      // A pass that starts after this call and finds nothing has seen every earlier write.
      return new Promise<void>((resolve) => {
        waiters.push({ afterPass: passes + 1, resolve });
        wake?.();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      for (const waiter of waiters) waiter.resolve();
      waiters = [];
      streams.destroy();
    },
  };
}
