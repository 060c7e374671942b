import type * as JwtErrorModule from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { StaffSignInConfig } from '../../config.ts';
import { UnavailableError } from '../../domain/errors.ts';
import type { StaffPrincipal } from '../../platform/http/env.ts';
import { grantsFromGroups } from '../rules/roles.ts';

/**
 * Why a token was refused, for the security log (never the token or who it names): what
 * aws-jwt-verify and our own checks tell apart.
 */
export type TokenRefusal = 'not_configured' | 'expired' | 'not_yet_valid' | 'bad_signature' | 'wrong_issuer' | 'malformed' | 'wrong_token_use' | 'wrong_client' | 'no_subject' | 'invalid';

export type TokenCheck = { principal: StaffPrincipal } | { principal: null; refusal: TokenRefusal };

/** Checks a staff access token and says who it proves, or why it is not valid. */
export interface StaffTokenVerifier {
  check(token: string): Promise<TokenCheck>;
}

/** Our own checks' refusal (aws-jwt-verify passes it through). */
class TokenRejected extends Error {
  constructor(readonly refusal: TokenRefusal) {
    super(refusal);
  }
}

type JwtErrors = typeof JwtErrorModule;

/** aws-jwt-verify's refusal as a reason (by class, not by name: the Lambda bundle is minified). */
function refusalOf(error: Error, e: JwtErrors): TokenRefusal {
  if (error instanceof e.JwtExpiredError) return 'expired';
  if (error instanceof e.JwtNotBeforeError) return 'not_yet_valid';
  if (error instanceof e.JwtInvalidIssuerError) return 'wrong_issuer';
  if (error instanceof e.JwtInvalidSignatureError || error instanceof e.JwtInvalidSignatureAlgorithmError || error instanceof e.KidNotFoundInJwksError || error instanceof e.JwtWithoutValidKidError || error instanceof e.JwkInvalidKtyError || error instanceof e.JwkInvalidUseError) return 'bad_signature';
  if (error instanceof e.JwtParseError || error instanceof e.ParameterValidationError) return 'malformed';
  return 'invalid';
}

/**
 * aws-jwt-verify, loaded on the first staff request (its own chunk in the Lambda bundle): public
 * requests never parse it.
 */
async function loadJwtLibrary() {
  const [{ JwtVerifier }, errors, { SimpleJwksCache }] = await Promise.all([
    import('aws-jwt-verify'),
    import('aws-jwt-verify/error'),
    import('aws-jwt-verify/jwk'),
  ]);
  /** A JWKS fetcher over the platform's `fetch`: https on AWS, and the local issuer's plain http on loopback. */
  const fetchFetcher: Fetcher = {
    async fetch(uri) {
      const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new errors.FetchError(uri, `Status code is ${response.status}, expected 200`);
      return response.arrayBuffer();
    },
  };
  return { JwtVerifier, errors, jwksCache: () => new SimpleJwksCache({ fetcher: fetchFetcher }) };
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
    async check(token) {
      ready ??= createVerifier(config).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      const { verifier, errors } = await ready;
      try {
        const payload = await verifier.verify(token);
        const groups = payload['cognito:groups'];
        const id = typeof payload.username === 'string' ? payload.username : payload.sub;
        if (!id) return { principal: null, refusal: 'no_subject' };
        return { principal: { id, ...grantsFromGroups(Array.isArray(groups) ? groups : []) } };
      } catch (error) {
        // The issuer cannot be reached: not the caller's fault, and not a reason to let them in.
        if (error instanceof errors.FetchError) throw new UnavailableError('Sign-in cannot be checked right now. Please try again in a minute.');
        if (error instanceof TokenRejected) return { principal: null, refusal: error.refusal };
        if (error instanceof errors.JwtBaseError) return { principal: null, refusal: refusalOf(error, errors) };
        throw error;
      }
    },
  };
}

async function createVerifier(config: StaffSignInConfig) {
  const { JwtVerifier, errors, jwksCache } = await loadJwtLibrary();
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new TokenRejected('wrong_token_use');
        if (payload.client_id !== config.clientId) throw new TokenRejected('wrong_client');
      },
    },
    { jwksCache: jwksCache() },
  );
  return { verifier, errors };
}
