/**
 * How much to fuzz. `npm test` sends FUZZ_RUNS inputs in all (default sized to the test budget,
 * over 10,000) with a fixed seed, so a failure there is the same on every machine; `npm run fuzz`
 * sends 200,000 with a fresh seed each run. A failure prints the seed: `FUZZ_SEED=<seed>` replays it.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_500);

const seedSetting = process.env.FUZZ_SEED ?? '20261125';
export const FUZZ_SEED = seedSetting === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedSetting);

/** Each fuzz file's share of FUZZ_RUNS. */
export const SHARES = { publicRoutes: 0.64, staffRoutes: 0.18, paths: 0.1, guard: 0.08 } as const;

/** A seed per route, from the run's seed and the route's name: one route's failure replays alone. */
export function seedFor(name: string): number {
  let hash = FUZZ_SEED >>> 0;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16_777_619) >>> 0;
  return hash | 0;
}

/**
 * Generous time for `runs` inputs to one route. Most take a few milliseconds; the console's home
 * page draws its charts from every request of the campaign and took about 170 ms an input late in
 * a 200,000-input run (`npm run fuzz` timed out on it at 100 ms an input).
 */
export const timeoutFor = (runs: number): number => 60_000 + runs * 400;
