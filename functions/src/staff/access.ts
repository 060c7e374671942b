import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, StaffPrincipal } from '../platform/http/env.ts';

/**
 * Decides whether a request comes from campaign staff. The staff issue replaces this with real
 * sign-in (Cognito JWTs checked by aws-jwt-verify); until then every deployed stage uses
 * `denyAllStaff`, so no staff route answers on AWS.
 */
export interface StaffAccess {
  authorize(request: Request): Promise<StaffPrincipal | null>;
}

export const denyAllStaff: StaffAccess = { authorize: async () => null };

/**
 * For `npm start` and tests only: one bearer token, made at start-up and printed on the console.
 * It never comes from configuration, so it cannot be set on a deployed stage.
 */
export function localTokenStaff(token: string): StaffAccess {
  const expected = Buffer.from(`Bearer ${token}`);
  return {
    async authorize(request) {
      const given = Buffer.from(request.headers.get('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { id: 'local-staff', campaigns: '*' };
    },
  };
}

/** Deny by default: no principal, 401. Each route then checks the principal's campaigns (403). */
export function requireStaff(access: StaffAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await access.authorize(c.req.raw);
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HTTPException(401, { message: 'Staff sign-in is required.' });
    }
    c.set('staff', principal);
    await next();
  };
}
