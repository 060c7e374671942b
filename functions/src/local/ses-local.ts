import type { Server } from 'node:http';
import * as sesLocalModule from 'aws-ses-v2-local';

/**
 * aws-ses-v2-local, in-process: it speaks the SES v2 API, so the real `@aws-sdk/client-sesv2`
 * code sends mail to it, and it shows what was sent at `/` (JSON at `/store`).
 */
export interface SesLocal {
  url: string;
  stop(): Promise<void>;
}

type StartFn = (config?: { host?: string; port?: number }) => Promise<Server>;

// The package is CommonJS with `exports.default`; under native ESM the default import is the module object.
const start: StartFn =
  ((sesLocalModule as unknown as { default?: { default?: StartFn } }).default?.default ??
    (sesLocalModule as unknown as { default: StartFn }).default);

export async function startSesLocal(options: { host: string; port: number }): Promise<SesLocal> {
  const server = await start({ host: options.host, port: options.port });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
