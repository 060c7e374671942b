/**
 * How the API Lambda is bundled, in esbuild's own terms. The CDK construct and the cold-start
 * benchmark both use this, so the benchmark measures the artifact that would be deployed.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  // The SDK is bundled, not taken from the Lambda runtime: the version is pinned by our lock file,
  // and one bundled file imports faster than the runtime's many CommonJS files (bench/cold-start.ts).
  external: [] as string[],
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
