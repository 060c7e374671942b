import type { Fetcher } from 'aws-jwt-verify/https';
import type { StaffSignInConfig } from '../../config.ts';
import { UnavailableError } from '../../domain/errors.ts';
import type { StaffPrincipal } from '../../platform/http/env.ts';
import { grantsFromGroups } from '../rules/roles.ts';

/** Checks a staff access token and says who it proves; null for any token that is not valid. */
export interface StaffTokenVerifier {
  verify(token: string): Promise<StaffPrincipal | null>;
}

/** Our own checks' refusal (aws-jwt-verify passes it through). */
class TokenRejected extends Error {}

/**
 * aws-jwt-verify, loaded on the first staff request (its own chunk in the Lambda bundle): public
 * requests never parse it.
 */
async function loadJwtLibrary() {
  const [{ JwtVerifier }, { FetchError, JwtBaseError }, { SimpleJwksCache }] = await Promise.all([
    import('aws-jwt-verify'),
    import('aws-jwt-verify/error'),
    import('aws-jwt-verify/jwk'),
  ]);
  /** A JWKS fetcher over the platform's `fetch`: https on AWS, and the local issuer's plain http on loopback. */
  const fetchFetcher: Fetcher = {
    async fetch(uri) {
      const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new FetchError(uri, `Status code is ${response.status}, expected 200`);
      return response.arrayBuffer();
    },
  };
  return { JwtVerifier, FetchError, JwtBaseError, jwksCache: () => new SimpleJwksCache({ fetcher: fetchFetcher }) };
}

/**
 * The one verification of staff tokens, the same on AWS (Cognito) and locally (the local issuer):
 * aws-jwt-verify checks the signature against the issuer's JWKS, `iss`, `exp` and `nbf`; then
 * this checks what Cognito puts in an access token: `token_use` is `access` and `client_id` is
 * our app client (an access token's audience: Cognito access tokens carry no `aud`). Roles come
 * from `cognito:groups`. ID tokens, other clients' tokens, expired and forged tokens give null.
 */
export function staffTokenVerifier(config: StaffSignInConfig): StaffTokenVerifier {
  let ready: ReturnType<typeof createVerifier> | undefined;
  return {
    async verify(token) {
      ready ??= createVerifier(config).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      const { verifier, FetchError, JwtBaseError } = await ready;
      try {
        const payload = await verifier.verify(token);
        const groups = payload['cognito:groups'];
        const id = typeof payload.username === 'string' ? payload.username : payload.sub;
        if (!id) return null;
        return { id, ...grantsFromGroups(Array.isArray(groups) ? groups : []) };
      } catch (error) {
        // The issuer cannot be reached: not the caller's fault, and not a reason to let them in.
        if (error instanceof FetchError) throw new UnavailableError('Sign-in cannot be checked right now. Please try again in a minute.');
        if (error instanceof JwtBaseError || error instanceof TokenRejected) return null;
        throw error;
      }
    },
  };
}

async function createVerifier(config: StaffSignInConfig) {
  const { JwtVerifier, FetchError, JwtBaseError, jwksCache } = await loadJwtLibrary();
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new TokenRejected('token_use');
        if (payload.client_id !== config.clientId) throw new TokenRejected('client_id');
      },
    },
    { jwksCache: jwksCache() },
  );
  return { verifier, FetchError, JwtBaseError };
}
