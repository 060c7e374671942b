/**
 * Bundles the Lambda handler exactly as CDK does (infra/lib/lambda-bundling.ts), prints its size,
 * then measures cold start: a fresh Node.js process importing the bundle (config parse, SDK clients,
 * app construction) and answering its first event. Repeated in fresh processes; prints
 * median/min/max. Local figures: Lambda's init on arm64 will differ, but the comparison holds.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { LAMBDA_BUNDLING } from '../infra/lib/lambda-bundling.ts';
import { REPO_ROOT } from '../infra/lib/paths.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const out = join(REPO_ROOT, 'bench', 'results', 'lambda');

async function bundle(name: string, external: string[]) {
  const outfile = join(out, name, 'index.mjs');
  mkdirSync(join(out, name), { recursive: true });
  await build({
    entryPoints: [join(REPO_ROOT, 'functions/src/lambda.ts')],
    bundle: true,
    outfile,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    platform: LAMBDA_BUNDLING.platform,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    external,
    logLevel: 'silent',
  });
  const bytes = readFileSync(outfile);
  return { outfile, bytes: bytes.length, gzip: gzipSync(bytes).length };
}

// A child process: import the bundle, invoke it once with a request that needs no network.
const probe = `
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const t1 = performance.now();
const res = await handler({ version: '2.0', routeKey: '$default', rawPath: '/api/campaigns/NOT_VALID', rawQueryString: '',
  headers: { host: 'x' }, requestContext: { http: { method: 'GET', path: '/api/campaigns/NOT_VALID', sourceIp: '192.0.2.1' },
  requestId: 'r', stage: '$default', timeEpoch: Date.now() }, isBase64Encoded: false }, {});
const t2 = performance.now();
if (res.statusCode !== 400) throw new Error('unexpected status ' + res.statusCode);
console.log(JSON.stringify({ importMs: t1 - t0, firstInvokeMs: t2 - t1 }));
`;

function measure(file: string) {
  const env = {
    ...process.env,
    TABLE_NAME: 'bench',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    MAIL_FROM: 'no-reply@lockline.test',
    SITE_URL: 'https://lockline.test',
    LOG_LEVEL: 'SILENT',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const samples: { importMs: number; firstInvokeMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const wall0 = performance.now();
    const line = execFileSync(process.execPath, ['--input-type=module', '-e', probe, file], { env }).toString();
    const wall = performance.now() - wall0;
    samples.push({ ...JSON.parse(line), wall } as { importMs: number; firstInvokeMs: number });
  }
  return samples;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`;
}

export async function coldStartBench() {
  const variants = [
    { name: 'sdk-bundled (deployed)', dir: 'bundled', external: [] },
    { name: 'sdk-external (runtime SDK)', dir: 'external', external: ['@aws-sdk/*', '@smithy/*'] },
  ];
  const rows: string[] = [];
  const results: Record<string, unknown> = {};
  for (const v of variants) {
    const b = await bundle(v.dir, v.external);
    const samples = measure(b.outfile);
    const importStat = stats(samples.map((s) => s.importMs));
    const invokeStat = stats(samples.map((s) => s.firstInvokeMs));
    rows.push(
      `| ${v.name} | ${(b.bytes / 1024).toFixed(1)} KiB | ${(b.gzip / 1024).toFixed(1)} KiB | ${importStat} | ${invokeStat} |`,
    );
    results[v.dir] = { bytes: b.bytes, gzip: b.gzip, samples };
  }
  console.log(`\nLambda handler: bundle size and cold start (${RUNS} fresh processes each, Node ${process.version})\n`);
  console.log('| variant | minified | gzip | import (cold start) median | first invoke median |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('\nThe SDK-external row resolves @aws-sdk from node_modules, standing in for the Lambda runtime copy.');
  writeFileSync(join(out, 'cold-start.json'), JSON.stringify(results, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await coldStartBench();
