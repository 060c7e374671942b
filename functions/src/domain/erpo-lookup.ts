import { z } from 'zod';
import { NotFoundError } from './errors.ts';
import { STATES_AND_DC } from './us-states.ts';
import { ZIP_INDEX } from './zip-data.ts';

const STATE_SET = new Set<string>(STATES_AND_DC);

export const stateCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, { message: 'Use a two-letter state code, like WA or DC.' })
  .transform((s) => s.toUpperCase());

export type ZipLookup =
  | { kind: 'state'; state: string }
  /** A real ZIP outside the 50 states and DC: a territory, a freely associated state, or a military post office. */
  | { kind: 'outside'; code: string }
  | { kind: 'unknown' };

export function lookupZip(zip5: string): ZipLookup {
  const code = ZIP_INDEX.stateOf(zip5);
  if (!code) return { kind: 'unknown' };
  return STATE_SET.has(code) ? { kind: 'state', state: code } : { kind: 'outside', code };
}

/** The state of a ZIP code, or a NotFoundError that says why there is none. */
export function stateForZip(zip5: string): string {
  const result = lookupZip(zip5);
  if (result.kind === 'state') return result.state;
  if (result.kind === 'outside') {
    throw new NotFoundError(
      'This ZIP code is outside the 50 states and DC (a territory or a military address). This guide covers the 50 states and DC.',
      'zip_outside_states',
    );
  }
  throw new NotFoundError('We could not find that ZIP code. Check the number and try again.', 'zip_not_found');
}

export function isStateOrDc(code: string): boolean {
  return STATE_SET.has(code);
}
