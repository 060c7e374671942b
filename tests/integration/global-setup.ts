import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/src/local/dynamodb-local.ts';
import { assertLocalEndpoint, freePort } from '../../functions/src/local/net.ts';
import { startSesLocal } from '../../functions/src/local/ses-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}

/**
 * Real emulators for the integration suite: Amazon's DynamoDB Local (in memory) and
 * aws-ses-v2-local, each on a free loopback port. Nothing here can reach AWS.
 */
export default async function setup(project: TestProject) {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ host: '127.0.0.1', port: await freePort() });
  assertLocalEndpoint(ddb.endpoint);
  assertLocalEndpoint(ses.url);
  project.provide('dynamodbEndpoint', ddb.endpoint);
  project.provide('sesEndpoint', ses.url);
  return async () => {
    await ses.stop();
    await ddb.stop();
  };
}
