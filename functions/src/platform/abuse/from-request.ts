import type { Context } from 'hono';
import { clientAddress } from '../http/client-address.ts';
import type { Submission } from './submission-guard.ts';

/**
 * A public POST as the anti-abuse guard sees it, read from the request in one place, so JSON and
 * form routes of every capability hand it the same facts. JSON clients send their form token in
 * the `Form-Token` header; forms in the hidden `formToken` field (passed in as `token`).
 */
export function submissionFrom(
  c: Context,
  clientIpHeader: string | undefined,
  fields: Pick<Submission, 'scope' | 'via'> & Partial<Pick<Submission, 'token' | 'honeypot' | 'proof'>>,
): Submission {
  return {
    ...fields,
    token: fields.token ?? c.req.header('form-token'),
    clientAddress: clientAddress(c, clientIpHeader),
    origin: c.req.header('origin'),
    secFetchSite: c.req.header('sec-fetch-site'),
    idempotencyKey: c.req.header('idempotency-key'),
  };
}
