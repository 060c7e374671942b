import fc from 'fast-check';
import { expect } from 'vitest';
import { answerOf, checkAnswer, type Answer } from './checks.ts';
import { unexplainedChanges, type FuzzHarness } from './harness.ts';
import { expectationOf, inputOf, requestOf, type FuzzInput } from './inputs.ts';
import type { AppRoute, RouteSpec } from './routes.ts';
import { shapeOf, specKey } from './routes.ts';
import { FUZZ_SEED, seedFor } from './settings.ts';

/** Inputs sent per route in this file, for the report line. */
export const sent = new Map<string, number>();

/** The fuzz runs a file owes its routes: `total` shared by weight, at least `floor` each. */
export function runsPerRoute(routes: readonly AppRoute[], specs: Record<string, RouteSpec>, total: number, floor = 10): Map<string, number> {
  const weights = routes.map((r) => specs[specKey(r)]?.weight ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  return new Map(routes.map((r, i) => [`${r.method} ${r.path}`, Math.max(floor, Math.round((total * weights[i]!) / sum))]));
}

/** Whether a concrete path is one the route's pattern matches (an empty or split parameter is another route). */
export function matchesPattern(pattern: string, path: string): boolean {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
  // As the app sees it: the URL parser resolves dot segments and reads a backslash as a slash.
  return new RegExp(`^${source}$`).test(new URL(`http://localhost${path.split('?')[0]!}`).pathname);
}

/** What a staff route must answer whoever calls it without a valid token or session. */
function checkStaffDenial(route: AppRoute, spec: RouteSpec, input: FuzzInput, answer: Answer) {
  const signedIn = input.auth.kind === 'bearer' || input.auth.kind === 'cookie';
  // A body over the limit is refused (413) before anything, sign-in included: nothing is read.
  if (signedIn || !spec.staff || spec.staff === 'open' || !matchesPattern(route.path, input.path) || answer.status === 413) return;
  if (spec.staff === 'api' && ![401, 403].includes(answer.status)) {
    throw new Error(`a staff API route answered ${answer.status} without a valid token: ${answer.text.slice(0, 300)}`);
  }
  if (spec.staff === 'page') {
    const toSignIn = answer.status === 303 && /^(\/es)?\/staff\/$/.test(answer.location ?? '');
    if (input.method === 'GET' ? !toSignIn : answer.status !== 403) {
      throw new Error(`a console page answered ${answer.status} ${answer.location ?? ''} without a session`);
    }
  }
}

/** Inputs sent at once to one route: DynamoDB Local answers several requests in parallel. */
export const BATCH = 6;

/** Sends one input and checks its answer; throws with the input when a property does not hold. */
async function sendAndCheck(h: FuzzHarness, route: AppRoute, spec: RouteSpec, input: FuzzInput): Promise<void> {
  const name = `${route.method} ${route.path}`;
  const init = await requestOf(h, input);
  const { response, writes } = await h.send(input.path, init);
  const answer = await answerOf(response, writes);
  sent.set(name, (sent.get(name) ?? 0) + 1);
  try {
    checkAnswer(answer, expectationOf(input));
    checkStaffDenial(route, spec, input, answer);
  } catch (error) {
    (error as Error).message = `${(error as Error).message}\n  input: ${JSON.stringify(input).slice(0, 2000)}`;
    throw error;
  }
}

/**
 * Sends `runs` generated inputs to one route, a few at a time, and checks every answer (each
 * request's own writes included: see harness.ts). A failure names the route, the input and the
 * seed that replays it.
 */
export async function fuzzRoute(h: FuzzHarness, route: AppRoute, spec: RouteSpec, runs: number): Promise<void> {
  const name = `${route.method} ${route.path}`;
  const shape = shapeOf(route, spec, h.fixtures.live);
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(inputOf(shape, h.config.maxBodyBytes), { minLength: BATCH, maxLength: BATCH }), async (inputs) => {
        await Promise.all(inputs.map((input) => sendAndCheck(h, route, spec, input)));
      }),
      // The table's state moves on with each input: the first failure is reported as it happened, not shrunk.
      { seed: seedFor(name), numRuns: Math.ceil(runs / BATCH), endOnFailure: true },
    );
  } catch (error) {
    // fast-check's message has the counterexample and its own seed; this says how to replay the run.
    (error as Error).message = `${name}: replay with FUZZ_SEED=${FUZZ_SEED}\n${(error as Error).message}`;
    throw error;
  }
}

/**
 * The table after a file's fuzzing against the table before it: whatever changed must be a
 * rate-limit counter or written by an accepted request. Catches a write the per-request check
 * could not see (one made outside the request's own async context).
 */
export async function expectNothingUnexplained(h: FuzzHarness, before: Map<string, string>): Promise<void> {
  expect(unexplainedChanges(before, await h.snapshot(), h.acceptedKeys, h.pendingKeys()), `written by rejected inputs (FUZZ_SEED=${FUZZ_SEED})`).toEqual([]);
}

/** One line for the file's output: inputs sent, routes covered. */
export function report(file: string): string {
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  return `${file}: ${total} inputs over ${sent.size} routes (FUZZ_SEED=${FUZZ_SEED})`;
}
