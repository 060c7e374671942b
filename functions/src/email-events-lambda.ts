import { loadConfig } from './config.ts';
import { configuredKeyRing, createLogger } from './deps.ts';
import { systemClock } from './platform/clock.ts';
import { createTable } from './platform/dynamo/client.ts';
import { sesEventsHandler } from './platform/email/ses-events-handler.ts';
import { dynamoSuppressionList } from './platform/email/suppressions.ts';

/**
 * Subscribed to the SNS topic SES publishes bounce and complaint notifications to (the infra
 * helper builds the topic; the lead wires this function). Permanent bounces and complaints put the
 * address on the platform's suppression list (an HMAC, never the address), which every sender
 * checks before sending. Needs the table (read/write) and the signing key, nothing else.
 */
const config = loadConfig();
const table = createTable({ region: config.region, endpoint: config.dynamodbEndpoint, tableName: config.tableName });

export const handler = sesEventsHandler({
  suppressions: dynamoSuppressionList(table, configuredKeyRing(config), systemClock),
  logger: createLogger(config),
});
