import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { composeServices } from './compose.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { sendAnnounced } from './platform/outbox/stream.ts';

/**
 * Sends queued email as soon as its outbox entry is written (decision 0018): the table's stream
 * (keys only, filtered to new outbox entries) invokes this with a batch of records; each one is
 * claimed and sent by the outbox. A record whose claim could not reach the table is reported as a
 * batch item failure, so Lambda hands it over again; a failed email is the outbox's to retry (the
 * sweep), never the stream's.
 */
const deps = createDeps(loadConfig());
const services = composeServices(deps);
const processor = new BatchProcessor(EventType.DynamoDBStreams);
const send = sendAnnounced(services.outbox);
const sendRecord = (record: DynamoDBRecord) => send(record);

export async function handler(event: DynamoDBStreamEvent, context: Context) {
  try {
    return await processPartialResponse(event, sendRecord, processor, { context });
  } finally {
    deps.metrics.flush();
  }
}
