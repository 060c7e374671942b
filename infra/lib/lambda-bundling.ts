/**
 * How every Lambda function is bundled: one list of entries, one esbuild build, used by the CDK
 * construct (through a child process, infra/lib/constructs/lockline-function.ts) and by the
 * cold-start benchmark, so the benchmark measures the artifact that is deployed.
 * See docs/decisions/0020-lean-lambda-bundles.md.
 *
 *   node --import tsx infra/lib/lambda-bundling.ts <name> <outdir>   bundles one function
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { packZipIndex, type ZipIndexFile } from '../../functions/src/domain/zip.ts';
import { ZIP_INDEX_ASSET } from '../../functions/src/platform/zip-index/file-source.ts';
import { REPO_ROOT } from './paths.ts';

export interface LambdaFunctionSpec {
  /** Entry file, relative to the repository root; it exports `handler`. */
  entry: string;
  /** Copy the site build's page shells next to the handler (request-time pages render into them). */
  pageShells?: boolean;
}

/** Every Lambda function, by name. A new function is one line here (and its construct). */
export const LAMBDA_FUNCTIONS = {
  api: { entry: 'functions/src/lambda.ts', pageShells: true },
  sweep: { entry: 'functions/src/sweep-lambda.ts' },
  seed: { entry: 'functions/src/seed-lambda.ts' },
  'email-events': { entry: 'functions/src/email-events-lambda.ts' },
  export: { entry: 'functions/src/export-lambda.ts' },
  'email-delivery': { entry: 'functions/src/stream-lambda.ts' },
} as const satisfies Record<string, LambdaFunctionSpec>;

export type LambdaName = keyof typeof LAMBDA_FUNCTIONS;

/** The handler file inside every bundle (the function's handler is `index.handler`). */
export const HANDLER_FILE = 'index.mjs';

/** esbuild's settings, in its own terms. */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  // Chunks: what is only reached through `import()` (rare paths, the SDK's unused credential
  // providers) is its own file, read only when first used instead of parsed at every cold start.
  splitting: true,
  // No source maps: --enable-source-maps on a large map costs init time on every cold start.
  sourcemap: false,
  // The SDK is bundled, not taken from the Lambda runtime (decision 0020): pinned by our lock file,
  // and one parse of minified ESM imports faster than the runtime's CommonJS packages.
  external: [] as string[],
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

const SOURCE_DIR = join(REPO_ROOT, 'functions', 'src');
const ZIP_INDEX_JSON = join(SOURCE_DIR, 'domain', 'data', 'zip-index.json');
const ZIP_INLINE_SOURCE = join(SOURCE_DIR, 'domain', 'zip-index-inline.ts');
const ZIP_FILE_SOURCE = join(SOURCE_DIR, 'platform', 'zip-index', 'file-source.ts');
const SHELLS_DIR = join(REPO_ROOT, 'site', 'dist', 'shells');

/** The ZIP index is read from a packed file beside the bundle, never compiled into it. */
const zipIndexFromFile: Plugin = {
  name: 'zip-index-from-file',
  setup(b) {
    b.onResolve({ filter: /zip-index-inline\.ts$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return path === ZIP_INLINE_SOURCE ? { path: ZIP_FILE_SOURCE } : undefined;
    });
  },
};

/**
 * Our own modules have no side effects at import (no module is imported for its effects), so a
 * module none of whose exports a function uses is left out whole, schemas and all. esbuild can
 * only know this from `sideEffects` in package.json, which would also reach the site's build.
 */
const ownModulesAreSideEffectFree: Plugin = {
  name: 'own-modules-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'resolved' || !args.importer.startsWith(SOURCE_DIR)) return undefined;
      const result = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolved' });
      if (result.errors.length > 0 || !result.path.startsWith(SOURCE_DIR)) return result;
      return { ...result, sideEffects: false };
    });
  },
};

export interface BundleFile {
  file: string;
  bytes: number;
  /** Loaded at cold start: the handler file and every chunk it imports statically. */
  eager: boolean;
}

export interface BundleReport {
  name: string;
  outdir: string;
  files: BundleFile[];
  /** Bytes of code read at cold start (handler and its static imports). */
  eagerBytes: number;
  /** Bytes of code in the bundle, lazy chunks included. */
  codeBytes: number;
  /** The packed ZIP index shipped beside the code (0 when the function never looks up a ZIP code). */
  zipIndexBytes: number;
  pageShells: boolean;
  /** What the code read at cold start is made of, by package (or source folder), largest first. */
  contributors: { name: string; bytes: number }[];
}

/**
 * Bundles one function into `outdir` (emptied first): code, its chunks, and the assets it uses.
 * `external` is for the benchmark's comparison with the runtime's SDK only; deploys use the default.
 */
export async function bundleFunction(name: string, spec: LambdaFunctionSpec, outdir: string, options: { external?: string[] } = {}): Promise<BundleReport> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { index: join(REPO_ROOT, spec.entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    platform: LAMBDA_BUNDLING.platform,
    minify: LAMBDA_BUNDLING.minify,
    splitting: LAMBDA_BUNDLING.splitting,
    sourcemap: LAMBDA_BUNDLING.sourcemap,
    external: options.external ?? [...LAMBDA_BUNDLING.external],
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    absWorkingDir: REPO_ROOT,
    metafile: true,
    plugins: [zipIndexFromFile, ownModulesAreSideEffectFree],
    logLevel: 'warning',
  });
  const metafile = withoutUnreachableChunks(result.metafile);

  let zipIndexBytes = 0;
  // Only modules left in the output count: the inputs also list what tree-shaking dropped.
  const bundled = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs).map((input) => resolve(REPO_ROOT, input)));
  if (bundled.includes(ZIP_FILE_SOURCE)) {
    const packed = packZipIndex(JSON.parse(readFileSync(ZIP_INDEX_JSON, 'utf8')) as ZipIndexFile);
    writeFileSync(join(outdir, ZIP_INDEX_ASSET), packed);
    zipIndexBytes = packed.length;
  }
  if (spec.pageShells) {
    if (!existsSync(join(SHELLS_DIR, 'get-a-lock', 'index.html'))) throw new Error(`${name}: build the site first (npm run build:site): its page shells go into the bundle.`);
    cpSync(SHELLS_DIR, join(outdir, 'shells'), { recursive: true });
  }
  return { name, outdir, ...measureOutputs(metafile, outdir), zipIndexBytes, pageShells: Boolean(spec.pageShells) };
}

/**
 * Removes the chunks the handler can never load. esbuild makes a chunk of every `import()` in a
 * module it parsed, even a module tree-shaking then dropped (the email-events handler reaches
 * `deps.ts`, whose capability barrels lead to the lock service's lazily loaded email handler), so a
 * function would ship code, and the ZIP index that code needs, that nothing of it imports.
 */
function withoutUnreachableChunks(metafile: Metafile): Metafile {
  const outputs = metafile.outputs;
  const handler = Object.keys(outputs).find((file) => file.endsWith(`/${HANDLER_FILE}`) || file === HANDLER_FILE)!;
  const reachable = new Set<string>();
  const visit = (file: string) => {
    if (reachable.has(file) || !outputs[file]) return;
    reachable.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' || imported.kind === 'dynamic-import') visit(imported.path);
  };
  visit(handler);
  for (const file of Object.keys(outputs)) if (!reachable.has(file)) rmSync(resolve(REPO_ROOT, file));
  return { ...metafile, outputs: Object.fromEntries(Object.entries(outputs).filter(([file]) => reachable.has(file))) };
}

function measureOutputs(metafile: Metafile, outdir: string) {
  const outputs = metafile.outputs;
  const handler = Object.keys(outputs).find((file) => file.endsWith(`/${HANDLER_FILE}`) || file === HANDLER_FILE)!;
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(handler);
  const files = Object.entries(outputs).map(([file, output]) => ({ file: relative(outdir, resolve(REPO_ROOT, file)), bytes: output.bytes, eager: eager.has(file) }));
  const contributions = new Map<string, number>();
  for (const file of eager) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
      const name = contributorOf(input);
      contributions.set(name, (contributions.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    files,
    eagerBytes: files.filter((f) => f.eager).reduce((sum, f) => sum + f.bytes, 0),
    codeBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    contributors: [...contributions].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** An npm package by name; our own code by its folder under functions/src (a capability, platform/x, domain). */
function contributorOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const own = /functions\/src\/((?:platform|domain)\/[^/]+|[^/]+)/.exec(input);
  return own ? `functions/src/${own[1]!.replace(/\.ts$/, '')}` : input;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, outdir] = process.argv.slice(2);
  const spec = LAMBDA_FUNCTIONS[name as LambdaName];
  if (!spec || !outdir) {
    console.error(`usage: lambda-bundling.ts <${Object.keys(LAMBDA_FUNCTIONS).join('|')}> <outdir>`);
    process.exit(2);
  }
  const report = await bundleFunction(name!, spec, resolve(outdir));
  console.log(`${name}: ${(report.eagerBytes / 1024).toFixed(1)} KiB loaded at cold start, ${(report.codeBytes / 1024).toFixed(1)} KiB of code in ${report.files.length} files`);
}
