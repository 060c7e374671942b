/**
 * Every Lambda function bundled exactly as a deploy bundles it (infra/lib/lambda-bundling.ts), then
 * its cold start measured: a fresh Node.js process importing the handler (config parse, SDK
 * clients, app construction), repeated; the API also answers a first event that needs no network.
 * Reports per function the code read at cold start, the whole bundle, the ZIP index beside it, what
 * the cold-start code is made of, and the import median. The API is also bundled with the AWS SDK
 * left to the runtime, for decision 0020. Local figures: Lambda's init on arm64 differs, the
 * comparison holds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleFunction, HANDLER_FILE, LAMBDA_FUNCTIONS, type BundleReport } from '../infra/lib/lambda-bundling.ts';
import { REPO_ROOT } from '../infra/lib/paths.ts';
import { kib, section, spread, spreadMs, table, type Spread } from './markdown.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const OUT = join(REPO_ROOT, 'bench', 'results', 'lambda');
/** The issue's goals for the API function. */
export const API_GOALS = { eagerBytes: 450 * 1024, importMedianMs: 60 };

// A child process: import the handler; for the API, one request answered without the network.
const PROBE = `
// The Lambda runtime's global for response streaming (the export function wraps its handler at load).
globalThis.awslambda ??= { streamifyResponse: (fn) => fn, HttpResponseStream: { from: (stream) => stream } };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const importMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const importCpuMs = (cpu.user + cpu.system) / 1000;
let firstInvokeMs;
if (process.argv[2] === 'api') {
  const t1 = performance.now();
  const res = await handler({ version: '2.0', routeKey: '$default', rawPath: '/api/campaigns/NOT_VALID', rawQueryString: '',
    headers: { host: 'x' }, requestContext: { http: { method: 'GET', path: '/api/campaigns/NOT_VALID', sourceIp: '192.0.2.1' },
    requestId: 'r', stage: '$default', timeEpoch: Date.now() }, isBase64Encoded: false }, {});
  firstInvokeMs = performance.now() - t1;
  if (res.statusCode !== 400) throw new Error('unexpected status ' + res.statusCode);
}
if (typeof handler !== 'function') throw new Error('no handler');
console.log(JSON.stringify({ importMs, importCpuMs, firstInvokeMs }));
`;

// What the deployed functions get (infra/lib/constructs), with endpoints that are never called.
const ENV = {
  PATH: process.env.PATH ?? '',
  STAGE: 'test',
  TABLE_NAME: 'bench',
  MAIL_FROM: 'no-reply@lockline.test',
  SITE_URL: 'https://lockline.test',
  LOG_LEVEL: 'SILENT',
  AWS_REGION: 'us-east-1',
  SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

type Sample = { importMs: number; importCpuMs: number; firstInvokeMs?: number };

function probe(name: string, dir: string): Sample {
  try {
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, join(dir, HANDLER_FILE), name], { env: ENV, stdio: 'pipe' }).toString()) as Sample;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`${name}: the bundle did not load: ${stderr.split('\n').filter((l) => !l.startsWith('    at ')).slice(-6).join('\n').slice(-600)}`, { cause: error });
  }
}

/**
 * Every bundle imported RUNS times, round-robin, so a busy spell on this shared machine falls on
 * all of them alike. Wall time is what a cold start waits; CPU time (user + system) is steadier.
 */
function measure(bundles: { name: string; dir: string }[]) {
  const samples = new Map<string, Sample[]>(bundles.map((b) => [b.dir, []]));
  for (let i = 0; i < RUNS; i++) for (const b of bundles) samples.get(b.dir)!.push(probe(b.name, b.dir));
  return new Map(
    [...samples].map(([dir, list]) => {
      const invokes = list.flatMap((s) => (s.firstInvokeMs === undefined ? [] : [s.firstInvokeMs]));
      return [dir, { importMs: spread(list.map((s) => s.importMs)), importCpuMs: spread(list.map((s) => s.importCpuMs)), firstInvokeMs: invokes.length ? spread(invokes) : undefined }];
    }),
  );
}

const gzipOf = (report: BundleReport, eagerOnly: boolean) =>
  report.files.filter((f) => f.eager || !eagerOnly).reduce((sum, f) => sum + gzipSync(readFileSync(join(report.outdir, f.file))).length, 0);

export interface FunctionFigures {
  name: string;
  entry: string;
  eagerBytes: number;
  eagerGzipBytes: number;
  codeBytes: number;
  files: number;
  zipIndexBytes: number;
  importMs: Spread;
  importCpuMs: Spread;
  firstInvokeMs?: Spread;
  contributors: { name: string; bytes: number }[];
}

export interface ColdStartFigures {
  runs: number;
  functions: FunctionFigures[];
  /** The API with @aws-sdk and @smithy left to the runtime (resolved from node_modules here). */
  sdkExternal: { eagerBytes: number; importMs: Spread; importCpuMs: Spread };
}

export async function coldStartBench(): Promise<ColdStartFigures> {
  const reports: BundleReport[] = [];
  for (const [name, spec] of Object.entries(LAMBDA_FUNCTIONS)) reports.push(await bundleFunction(name, spec, join(OUT, name)));
  // Bundled inside the repository, so the SDK resolves from node_modules as it would from the runtime's.
  const external = await bundleFunction('api', LAMBDA_FUNCTIONS.api, join(OUT, 'api-sdk-external'), { external: ['@aws-sdk/*', '@smithy/*'] });
  const timings = measure([...reports, external].map((r) => ({ name: r.name, dir: r.outdir })));
  const functions = reports.map((report) => ({
    name: report.name,
    entry: LAMBDA_FUNCTIONS[report.name as keyof typeof LAMBDA_FUNCTIONS].entry,
    eagerBytes: report.eagerBytes,
    eagerGzipBytes: gzipOf(report, true),
    codeBytes: report.codeBytes,
    files: report.files.length,
    zipIndexBytes: report.zipIndexBytes,
    ...timings.get(report.outdir)!,
    contributors: report.contributors.slice(0, 8),
  }));
  const { importMs, importCpuMs } = timings.get(external.outdir)!;
  return { runs: RUNS, functions, sdkExternal: { eagerBytes: external.eagerBytes, importMs, importCpuMs } };
}

export function coldStartMarkdown(f: ColdStartFigures): string {
  const api = f.functions.find((fn) => fn.name === 'api')!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return section(
    'Lambda bundles and cold start',
    `Each function bundled as a deploy bundles it (infra/lib/lambda-bundling.ts: esbuild, minified, code splitting, AWS SDK bundled), ` +
      `then imported in ${f.runs} fresh Node.js processes (median, with min to max). "Cold-start code" is the handler file and every chunk it imports statically; ` +
      'lazy chunks (rare paths, the SDK credential providers Lambda never uses) are read only when first used.',
    table(
      ['function', 'entry', 'cold-start code', 'gzip', 'whole bundle', 'files', 'ZIP index beside it', 'import, wall (cold start)', 'import, CPU', 'first request'],
      f.functions.map((fn) => [
        fn.name,
        fn.entry,
        kib(fn.eagerBytes),
        kib(fn.eagerGzipBytes),
        kib(fn.codeBytes),
        fn.files,
        fn.zipIndexBytes ? kib(fn.zipIndexBytes) : 'none',
        spreadMs(fn.importMs),
        spreadMs(fn.importCpuMs),
        fn.firstInvokeMs ? spreadMs(fn.firstInvokeMs) : '',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    `Goals for the API: cold-start code at most ${kib(API_GOALS.eagerBytes)}: ${kib(api.eagerBytes)}, ${verdict(api.eagerBytes <= API_GOALS.eagerBytes)}; ` +
      `whole bundle ${kib(api.codeBytes)}; cold import median at most ${API_GOALS.importMedianMs} ms: ${api.importMs.median.toFixed(1)} ms, ${verdict(api.importMs.median <= API_GOALS.importMedianMs)}.`,
    `The API with the AWS SDK left to the Lambda runtime (decision 0020): ${kib(f.sdkExternal.eagerBytes)} of our code, import ${spreadMs(f.sdkExternal.importMs)} ` +
      `(CPU ${spreadMs(f.sdkExternal.importCpuMs)}), against ${spreadMs(api.importMs)} (CPU ${spreadMs(api.importCpuMs)}) with the SDK bundled.`,
    '### What the cold-start code is made of (largest first)',
    ...f.functions.map((fn) => `**${fn.name}**: ${fn.contributors.map((c) => `${c.name} ${kib(c.bytes)}`).join(', ')}`),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(coldStartMarkdown(await coldStartBench()));
