import type { Clock, Store } from '../ports.ts';
import { campaignRepository } from './campaigns.ts';
import { createDynamoClients, type DynamoClientOptions } from './client.ts';
import { erpoRepository } from './erpo.ts';
import { dynamoHealthProbe } from './health.ts';
import { lockRequestRepository } from './lock-requests.ts';
import { outboxRepository } from './outbox.ts';
import { rateLimiter } from './rate-limit.ts';
import { secretStore } from './secrets.ts';
import { stockRepository } from './stock.ts';

/** Builds every DynamoDB repository over one shared client. */
export function createDynamoStore(options: DynamoClientOptions & { tableName: string; clock: Clock }): Store {
  const { client, doc } = createDynamoClients(options);
  return {
    campaigns: campaignRepository(doc, options.tableName, options.clock),
    erpo: erpoRepository(doc, options.tableName, options.clock),
    stock: stockRepository(doc, options.tableName, options.clock),
    lockRequests: lockRequestRepository(doc, options.tableName, options.clock),
    outbox: outboxRepository(doc, options.tableName, options.clock),
    rateLimiter: rateLimiter(doc, options.tableName, options.clock),
    secrets: secretStore(doc, options.tableName),
    health: dynamoHealthProbe(client, options.tableName),
  };
}
