/**
 * Layer rules (CONVENTIONS.md): a service's domain/ is pure — no framework, no I/O, no other layer;
 * libs never reach into services; nothing is circular. Checked in CI by `npm run lint`.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: "domain/ holds deciders: pure functions, no framework, no I/O (a feature folder's too, e.g. src/oidc/domain/).",
      severity: 'error',
      from: { path: ['^services/[^/]+/src/domain/', '^services/[^/]+/src/[^/]+/domain/'] },
      to: {
        path: [
          '^node_modules/(@nestjs|@apollo|kafkajs|pg|pg-pool|@eventstore|graphql|express|undici|nodemailer|prom-client|@opentelemetry|pino)(/|$)',
          '^(fs|net|http|https|child_process|dgram|dns|tls|worker_threads|cluster)$',
          '^services/[^/]+/src/(application|graphql|infra)/',
          '^services/[^/]+/src/[^/]+/(application|graphql|infra)/',
          '^libs/(messaging|platform|observability|testing|local-infra)/',
        ],
        dependencyTypes: ['npm', 'npm-dev', 'core', 'local', 'aliased-workspace', 'aliased', 'unknown'],
      },
    },
    {
      name: 'application-knows-no-transport',
      comment: 'application/ orchestrates load → decide → append; GraphQL and HTTP stay in graphql/ and http/.',
      severity: 'error',
      from: { path: ['^services/[^/]+/src/application/', '^services/[^/]+/src/[^/]+/application/'] },
      to: { path: ['^services/[^/]+/src/(graphql|http)/', '^services/[^/]+/src/[^/]+/(graphql|http)/'] },
    },
    {
      name: 'features-meet-at-their-index',
      comment:
        "A feature folder (services/<s>/src/<feature>/, e.g. identity's sessions) uses another feature only through that feature's index.ts: its module and what it chose to share (docs/write-path.md).",
      severity: 'error',
      from: { path: '^services/([^/]+)/src/((?!(?:application|domain|graphql|http|infra)/)[^/]+)/' },
      to: {
        path: '^services/$1/src/[^/]+/',
        pathNot: ['^services/$1/src/$2/', '^services/$1/src/[^/]+/index\\.ts$', '^services/$1/src/(application|domain|graphql|http|infra)/'],
      },
    },
    {
      name: 'libs-do-not-use-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(services|gateway)/' },
    },
    {
      name: 'services-do-not-share-code-directly',
      comment: 'Shared code is earned: it moves to libs/ when a second service needs it.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(libs|services|gateway)/[^/]+/src/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '(^|/)test/|\\.spec\\.ts$|^libs/testing/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.data|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    preserveSymlinks: false,
  },
};
