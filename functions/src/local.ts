/**
 * `npm start`: the whole platform on this machine, no AWS account needed.
 * Settings come from PORT, HOST, DATA_DIR, SES_PORT, DYNAMODB_ENDPOINT and LOG_LEVEL (see README).
 */
import { ConfigError, loadLocalSettings } from './config.ts';
import { JavaMissingError } from './local/dynamodb-local.ts';
import { PortInUseError } from './local/net.ts';
import { DataDirError, startPlatform, type Platform } from './local/platform.ts';

function explain(error: unknown): string {
  if (error instanceof PortInUseError) {
    const variable = error.what === 'site and API' ? 'PORT' : 'SES_PORT';
    return `${error.message}\n  Stop the program that uses it, or choose another port, e.g. ${variable}=${error.port + 10} npm start`;
  }
  if (error instanceof DataDirError) {
    return `${error.message}\n  Fix its permissions, or choose another folder, e.g. DATA_DIR=/tmp/lockline-data npm start`;
  }
  if (error instanceof JavaMissingError || error instanceof ConfigError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  let platform: Platform;
  try {
    const settings = loadLocalSettings();
    console.log('Starting Lockline locally (DynamoDB Local, local SES, site and API)...');
    platform = await startPlatform(settings);
  } catch (error) {
    console.error(`\nLockline could not start.\n  ${explain(error)}\n`);
    process.exitCode = 1;
    return;
  }

  console.log(`
Lockline is running.
  Site (English):   ${platform.url}/
  Site (Español):   ${platform.url}/es/
  API health:       ${platform.url}/api/health
  API campaigns:    ${platform.url}/api/campaigns
  Red-flag laws:    ${platform.url}/red-flag-laws/  (API: /api/erpo/states)
  Free lock form:   ${platform.url}/c/demo-city/get-a-lock/request/
  Sent email:       ${platform.mailUrl}/
  Staff console:    ${platform.url}/staff/  (sign in as "${platform.staffSignIn.usernames[0]}" with password ${platform.staffSignIn.password}, this run only;
                    also ${platform.staffSignIn.usernames.slice(1).join(', ')}: one role each on demo-city, "platform" is platform admin)
  DynamoDB Local:   ${platform.dynamodbEndpoint}${platform.dataDir ? ` (data in ${platform.dataDir})` : ''}
  Seeded:           ${platform.seeded.campaigns} campaign(s), ${platform.seeded.erpoStates} red-flag law records
Press Ctrl-C to stop.`);

  // Ctrl-C reaches npm, the shell and node together, and npm forwards it again: one keypress can
  // arrive two or three times. Only a second press after a pause forces an immediate exit.
  let stoppingSince = 0;
  const shutdown = (signal: string) => {
    if (stoppingSince) {
      if (Date.now() - stoppingSince < 2000) return;
      console.log('Forcing exit.');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal} received: stopping the server, local email and DynamoDB Local...`);
    platform.stop().then(
      () => {
        console.log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Error while stopping:', error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
}

await main();
