import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/src/local/dynamodb-local.ts';
import { assertLocalEndpoint, freePort } from '../../functions/src/local/net.ts';
import { startSesLocal } from '../../functions/src/local/ses-local.ts';
import { sampleStaff, startStaffIssuer } from '../../functions/src/local/staff-issuer.ts';
import type { IssuerInfo } from '../support/staff-sign-in.ts';
import { buildConfig } from '../support/builders.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
    staffIssuer: IssuerInfo;
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
  // The local staff issuer (the one `npm start` runs), redirecting to the test config's site URL.
  const issuer = await startStaffIssuer({ host: '127.0.0.1', redirectBase: buildConfig().siteUrl, staff: sampleStaff('lockton') });
  project.provide('staffIssuer', { url: issuer.url, clientId: issuer.clientId, password: issuer.password, signingKey: issuer.signingKey });
  return async () => {
    await issuer.stop();
    await ses.stop();
    await ddb.stop();
  };
}
