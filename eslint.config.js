import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'site/dist/', 'site/.astro/', 'infra/cdk.out/', '.lockline-data/', 'bench/results/', '**/*.astro'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // CommonJS config files (dependency-cruiser reads .cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  // Architecture boundaries (what may import what) are checked by dependency-cruiser:
  // .dependency-cruiser.cjs, run by `npm run lint`.
  {
    // CLIs and tests print to the console by design.
    files: ['functions/src/local.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'infra/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
