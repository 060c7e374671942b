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
    // Pure domain: zod only. No HTTP framework, no AWS SDK, no Node I/O.
    files: ['functions/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['hono', 'hono/*', '@aws-sdk/*', '@aws-lambda-powertools/*', 'node:*', '../store/*', '../routes/*', '../http/*'] },
      ],
    },
  },
  {
    // Routes reach storage through the ports, never the SDK directly.
    files: ['functions/src/routes/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '../store/*'] }] },
  },
  {
    // CLIs and tests print to the console by design.
    files: ['functions/src/local.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'infra/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
