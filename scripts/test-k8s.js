#!/usr/bin/env node
// `npm run test:k8s`: the Helm chart's tests (infra/k8s/test). Installs what they need first, each
// step idempotent and cached outside the clone: the Kubernetes tools built from the Go module proxy
// (infra/k8s/tools.sh: ~7–10 min the first time on a machine, then nothing), the operators' CRDs
// (infra/k8s/crds.sh) and the Python validators (infra/python/ensure-venv.sh). Then jest runs the
// static tier (lint, schemas, policies) and the real API server tier, one file after the other.
const { execFileSync, spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

const REPO = resolve(__dirname, '..');
const step = (label, script) => {
  const t0 = Date.now();
  const out = execFileSync(resolve(REPO, script), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .at(-1);
  process.stdout.write(`test:k8s: ${label} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${out})\n`);
  return out;
};
const env = {
  ...process.env,
  SERANG_K8S_BIN: step('Kubernetes tools', 'infra/k8s/tools.sh'),
  SERANG_K8S_CRDS: step('operator CRDs', 'infra/k8s/crds.sh'),
  SERANG_PY_BIN: step('Python validators', 'infra/python/ensure-venv.sh'),
};
const jest = [require.resolve('jest/bin/jest'), '--config', resolve(REPO, 'infra/k8s/jest.config.js'), '--runInBand', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, jest, { stdio: 'inherit', env });
process.exit(r.status ?? 1);
