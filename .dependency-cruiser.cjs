/**
 * The dependency matrix of docs/architecture.md, enforced: `npm run lint` runs it over the code,
 * and tests/checks/boundaries.test.ts proves every rule fails on a planted violation.
 *
 * Folders of functions/src: `domain/` (pure, shared with the site), `platform/` (shared plumbing,
 * knows no capability), `local/` (the embedded platform for `npm start`), the composition root
 * (the files directly in functions/src), and every other folder is a capability.
 */
const NOT_CAPABILITY = 'platform|domain|local';
const CAPABILITY = `^functions/src/(?!(?:${NOT_CAPABILITY})/)([^/]+)/`;
/** Files directly in functions/src that a capability or the platform may use: configuration types only. */
const SHARED_ROOT = '^functions/src/config\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules and schemas shared with the site: it imports zod and itself, nothing else.',
      severity: 'error',
      from: { path: '^functions/src/domain/' },
      to: { pathNot: ['^functions/src/domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'platform-knows-no-capability',
      comment: 'platform/ is shared by every capability, so it may not depend on any of them, nor on the composition root.',
      severity: 'error',
      from: { path: '^functions/src/platform/' },
      to: { path: '^functions/src/', pathNot: ['^functions/src/(platform|domain)/', SHARED_ROOT] },
    },
    {
      name: 'capabilities-meet-at-their-index',
      comment: "A capability uses another capability only through that capability's index.ts (or its for-staff.ts, what it offers the staff surfaces, kept apart so residents' cold starts never parse it), never its internals.",
      severity: 'error',
      from: { path: CAPABILITY },
      to: {
        path: `^functions/src/(?!(?:${NOT_CAPABILITY})/)[^/]+/`,
        pathNot: ['^functions/src/$1/', '^functions/src/[^/]+/(index|for-staff)\\.ts$'],
      },
    },
    {
      name: 'capabilities-do-not-reach-the-root',
      comment: 'Capabilities are composed by the root (app.ts, compose.ts, deps.ts); they never import it.',
      severity: 'error',
      from: { path: `(${CAPABILITY}|^functions/src/domain/)` },
      to: { path: '^functions/src/[^/]+\\.ts$', pathNot: [SHARED_ROOT] },
    },
    {
      name: 'rules-are-pure',
      comment: "A capability's rules/ are pure: its own rules, ports (types), messages, the domain and zod.",
      severity: 'error',
      from: { path: `${CAPABILITY}rules/` },
      to: { pathNot: ['^functions/src/$1/(rules/|ports\\.ts$|messages\\.ts$)', '^functions/src/domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'storage-never-imports-http',
      comment:
        "Stores are about the table, not the request: no Hono, nothing from platform/http. A store is a capability's store/ folder or store.ts, any file named *-store.ts (platform/abuse, staff/audit, platform/outbox), platform/dynamo and platform/outbox, and the suppression list (platform/email/suppressions.ts).",
      severity: 'error',
      from: {
        path: [`${CAPABILITY}store(/|\\.ts$)`, '^functions/src/.+-store\\.ts$', '^functions/src/platform/(dynamo|outbox)/', '^functions/src/platform/email/suppressions\\.ts$'],
      },
      to: { path: ['(^|/)node_modules/hono/', '^functions/src/platform/http/'] },
    },
    {
      name: 'only-local-runs-local',
      comment: 'local/ (DynamoDB Local, the local SES, the static server) is for npm start and tests, never in a Lambda bundle.',
      severity: 'error',
      from: { path: '^functions/src/', pathNot: ['^functions/src/local/', '^functions/src/local\\.ts$'] },
      to: { path: '^functions/src/local/' },
    },
    {
      name: 'site-uses-the-domain-only',
      comment: 'The site shares pure schemas and the error-summary markup with the API; never storage, routes or services.',
      severity: 'error',
      from: { path: '^site/src/' },
      to: { path: '^functions/src/', pathNot: ['^functions/src/domain/', '^functions/src/platform/pages/parts\\.ts$'] },
    },
    {
      name: 'infra-reads-plain-data',
      comment:
        'CDK reads the shared definitions (table, headers, page patterns) and, at synth time, the content files the seed uploads; the code itself reaches the Lambda only as an entry path.',
      severity: 'error',
      from: { path: '^infra/' },
      to: {
        path: '^functions/src/',
        pathNot: [
          '^functions/src/platform/dynamo/table-definition\\.ts$',
          '^functions/src/platform/outbox/stream-filter\\.ts$',
          '^functions/src/platform/http/security-headers\\.ts$',
          '^functions/src/request-time-pages\\.ts$',
          '^functions/src/local/(seed|paths)\\.ts$',
          // The Lambda bundler packs the ZIP index it ships beside the functions that use it.
          '^functions/src/domain/zip\\.ts$',
          '^functions/src/platform/zip-index/file-source\\.ts$',
        ],
      },
    },
    {
      name: 'no-cycles',
      comment: 'Dependencies point one way.',
      severity: 'error',
      from: { path: '^functions/src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^functions/src/domain/data/', '\\.astro$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
