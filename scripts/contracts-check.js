#!/usr/bin/env node
// `npm run contracts:check`: the protobuf contracts in proto/ are linted, the TypeScript committed
// in libs/contracts/src/gen is what they generate today (no drift), and nothing breaks what main
// already has. The breaking check needs proto/ on main; before the first commit of the contracts
// there is nothing to compare against, and the script says so instead of passing silently.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const GEN = 'libs/contracts/src/gen';
const BASE = 'main';
const buf = require.resolve('@bufbuild/buf/bin/buf', { paths: [root] });

function run(title, command, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status === 0;
}

/** Relative paths of every file under dir, sorted. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();
}

function checkDrift() {
  console.log(`\n▶ generated code is up to date (${GEN})`);
  const tmp = mkdtempSync(join(tmpdir(), 'serang-contracts-'));
  try {
    const generated = spawnSync(process.execPath, [buf, 'generate', 'proto', '--template', 'proto/buf.gen.yaml', '--output', tmp], {
      cwd: root,
      stdio: 'inherit',
    });
    if (generated.status !== 0) return false;
    const fresh = join(tmp, GEN);
    const committed = join(root, GEN);
    const names = new Set([...listFiles(fresh), ...listFiles(committed)]);
    const drift = [...names].sort().filter((name) => {
      const a = join(fresh, name);
      const b = join(committed, name);
      return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b));
    });
    if (drift.length === 0) {
      console.log('  up to date');
      return true;
    }
    console.error(`  ${GEN} differs from what proto/ generates (run \`npm run contracts:generate\` and commit):`);
    for (const name of drift) console.error(`    ${name}`);
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function checkBreaking() {
  const onMain = spawnSync('git', ['cat-file', '-e', `${BASE}:proto/buf.yaml`], { cwd: root, stdio: 'ignore' });
  if (onMain.status !== 0) {
    console.log(
      `\n▶ breaking changes against ${BASE}: SKIPPED — ${BASE} has no proto/buf.yaml yet (first commit of the contracts, or no local ${BASE} branch)`,
    );
    return true;
  }
  return run(`breaking changes against ${BASE}`, process.execPath, [buf, 'breaking', 'proto', '--against', `.git#branch=${BASE},subdir=proto`]);
}

const results = [run('buf lint proto', process.execPath, [buf, 'lint', 'proto']), checkDrift(), checkBreaking()];
if (results.every(Boolean)) {
  console.log('\ncontracts: OK');
} else {
  console.error('\ncontracts: FAILED');
  process.exit(1);
}
