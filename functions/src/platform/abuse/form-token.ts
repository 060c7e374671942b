import { randomBytes } from 'node:crypto';
import { hmacWith, sameSecret, type KeyRing } from '../secrets/key-ring.ts';

/**
 * A form token says when a form was handed out, signed, so a script cannot skip the minimum fill
 * time or make tokens of its own. HTML forms carry it in a hidden field; JSON clients fetch one
 * from `GET /api/form-token` and send it in the `Form-Token` header (decision 0009). A token is
 * also the submission's idempotency key, so one token makes at most one new record.
 */
export type FormTokenCheck = 'ok' | 'too_fast' | 'invalid';

const MAX_AGE_MS = 24 * 3600 * 1000;
const MAC_LENGTH = 32;

export interface FormTokens {
  issue(): Promise<string>;
  check(token: string | undefined): Promise<FormTokenCheck>;
}

export function formTokens(keyRing: KeyRing, clock: { now(): Date }, minFillSeconds: number): FormTokens {
  return {
    async issue() {
      const body = `${clock.now().getTime()}.${randomBytes(12).toString('base64url')}`;
      return `${body}.${hmacWith((await keyRing.keys()).current, 'form', body).slice(0, MAC_LENGTH)}`;
    },

    async check(token) {
      const parts = (token ?? '').split('.');
      const [issued, nonce, mac] = parts;
      if (parts.length !== 3 || !issued || !nonce || !mac || !/^\d{1,15}$/.test(issued) || !/^[\w-]{16}$/.test(nonce)) return 'invalid';
      const { current, previous } = await keyRing.keys();
      const body = `${issued}.${nonce}`;
      const signed = [current, ...(previous ? [previous] : [])].map((key) => sameSecret(mac, hmacWith(key, 'form', body).slice(0, MAC_LENGTH)));
      if (!signed.includes(true)) return 'invalid';
      // Milliseconds: a whole-second clock would let a post just after a second boundary through early.
      const ageMs = clock.now().getTime() - Number(issued);
      if (ageMs < minFillSeconds * 1000) return 'too_fast';
      return ageMs > MAX_AGE_MS ? 'invalid' : 'ok';
    },
  };
}
