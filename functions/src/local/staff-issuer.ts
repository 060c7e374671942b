import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { campaignGroup, PLATFORM_ADMIN_GROUP } from '../staff/index.ts';

/**
 * A real OAuth 2.0 / OpenID Connect issuer on loopback for `npm start` and the tests (never in the
 * Lambda bundle): oidc-provider, shaped like Cognito's managed login so the app's sign-in code is
 * the production code. Same paths (`/oauth2/authorize`, `/oauth2/token`, `/logout`,
 * `/.well-known/jwks.json`), the authorization-code flow with PKCE required, and access tokens
 * that carry what Cognito's carry: `token_use: access`, `client_id`, `username`, `cognito:groups`.
 * A login page asks for a sample staff member's name and password (Cognito would also ask for the
 * TOTP code).
 */
export interface SampleStaff {
  username: string;
  groups: string[];
}

export const LOCAL_STAFF_CLIENT_ID = 'lockline-staff-local';

export function sampleStaff(campaign: string): SampleStaff[] {
  return [
    { username: 'admin', groups: [campaignGroup(campaign, 'admin')] },
    { username: 'viewer', groups: [campaignGroup(campaign, 'viewer')] },
    { username: 'fulfilment', groups: [campaignGroup(campaign, 'fulfilment')] },
    { username: 'exporter', groups: [campaignGroup(campaign, 'exporter')] },
    { username: 'platform', groups: [PLATFORM_ADMIN_GROUP] },
  ];
}

export interface StaffIssuer {
  url: string;
  clientId: string;
  /** The one password of every sample account on this run (printed by `npm start`). */
  password: string;
  staff: SampleStaff[];
  /** The signing key (private JWK with its kid): test setups hand it to test files to mint tokens. */
  signingKey: JWK;
  /** Tests: a token signed with the issuer's own key, with any claims (expired, wrong client, ...). */
  sign(claims: Record<string, unknown>, options?: { expiresIn?: number | string; kid?: string }): Promise<string>;
  stop(): Promise<void>;
}

const RESOURCE = 'urn:lockline:staff';

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${error ? 'Error: ' : ''}Sign in (local)</title></head>
<body><main><h1>Sign in to Lockline staff (local)</h1>
<p>This is the local stand-in for the sign-in page. On AWS, Amazon Cognito asks for your password and a code from your authenticator app.</p>
${error ? `<p role="alert" id="error">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startStaffIssuer(options: { host: string; port?: number; redirectBase: string; staff: SampleStaff[]; password?: string }): Promise<StaffIssuer> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const password = options.password ?? randomBytes(9).toString('base64url');
  const accounts = new Map(options.staff.map((s) => [s.username, s]));

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const url = `http://${options.host}:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_STAFF_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${options.redirectBase}/staff/callback`],
        post_logout_redirect_uris: [`${options.redirectBase}/staff/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    routes: { authorization: '/oauth2/authorize', token: '/oauth2/token', jwks: '/.well-known/jwks.json', end_session: '/oauth2/end-session' },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience: RESOURCE, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 300, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    findAccount: (_ctx, id) => (accounts.has(id) ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token ? accounts.get(String(token.accountId)) : undefined;
      return { token_use: 'access', username: account?.username, 'cognito:groups': account?.groups ?? [] };
    },
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
  };
  const provider = new Provider(url, configuration);
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const path = new URL(req.url ?? '/', url).pathname;
      const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
      if (interaction) {
        const details = await provider.interactionDetails(req, res);
        if (!interaction[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid));
          return;
        }
        const form = await formBody(req);
        const account = accounts.get(form.get('username') ?? '');
        if (!account || !same(form.get('password') ?? '', password)) {
          res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'The username or password is not right.'));
          return;
        }
        const grant = new provider.Grant({ accountId: account.username, clientId: LOCAL_STAFF_CLIENT_ID });
        grant.addOIDCScope('openid');
        grant.addResourceScope(RESOURCE, 'openid');
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: account.username }, consent: { grantId } }, { mergeWithLastSubmission: false });
        return;
      }
      if (path === '/logout') {
        // Cognito's logout: forget the login session, then back to a registered sign-out URL.
        const back = new URL(req.url ?? '/', url).searchParams.get('logout_uri') ?? '';
        const expired = ['_session', '_session.sig', '_session.legacy', '_session.legacy.sig'].map((n) => `${n}=; Path=/; Max-Age=0; HttpOnly`);
        res.writeHead(302, { location: back === `${options.redirectBase}/staff/` ? back : `${options.redirectBase}/staff/`, 'set-cookie': expired }).end();
        return;
      }
      callback(req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end('Local sign-in failed.');
    });
  });

  return {
    url,
    clientId: LOCAL_STAFF_CLIENT_ID,
    password,
    staff: options.staff,
    signingKey: jwk,
    sign: async (claims, signOptions = {}) => {
      const jwt = new SignJWT({ iss: url, client_id: LOCAL_STAFF_CLIENT_ID, token_use: 'access', ...claims }).setProtectedHeader({ alg: 'RS256', kid: signOptions.kid ?? kid, typ: 'at+jwt' }).setIssuedAt();
      if (!('exp' in claims)) jwt.setExpirationTime(signOptions.expiresIn ?? '1h');
      return jwt.sign(privateKey);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
