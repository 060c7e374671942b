import { createHash } from 'node:crypto';
import type { StaffSignInConfig } from '../../config.ts';
import { UnavailableError } from '../../domain/errors.ts';

/**
 * The authorization-code flow with PKCE against the login pages (Cognito managed login on AWS,
 * the local issuer for `npm start`, which serves the same paths): where to send the browser, and
 * the server-side exchange of the code for tokens. A public client: PKCE, not a client secret,
 * proves the code was asked for by us.
 */
export interface OAuthClient {
  authorizeUrl(input: { redirectUri: string; state: string; codeVerifier: string; locale: 'en' | 'es' }): string;
  /** The access token for a code, or null when the login pages refuse the code. */
  exchange(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ accessToken: string; expiresIn: number } | null>;
  logoutUrl(returnTo: string): string;
}

export const codeChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export function oauthClient(config: StaffSignInConfig): OAuthClient {
  return {
    authorizeUrl({ redirectUri, state, codeVerifier, locale }) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: 'openid',
        state,
        code_challenge: codeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        lang: locale,
      });
      return `${config.authUrl}/oauth2/authorize?${query}`;
    },
    async exchange({ code, codeVerifier, redirectUri }) {
      let response: Response;
      try {
        response = await fetch(`${config.authUrl}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier }),
          signal: AbortSignal.timeout(5000),
        });
      } catch {
        throw new UnavailableError('Sign-in cannot be completed right now. Please try again in a minute.');
      }
      if (response.status >= 500) throw new UnavailableError('Sign-in cannot be completed right now. Please try again in a minute.');
      if (!response.ok) return null;
      const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
      if (typeof body?.access_token !== 'string') return null;
      return { accessToken: body.access_token, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
    },
    logoutUrl(returnTo) {
      return `${config.authUrl}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: returnTo })}`;
    },
  };
}
