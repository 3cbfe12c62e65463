#!/usr/bin/env node
/**
 * `npm run build [-- --out DIR]`: the production artifact. Every workspace package (libs/*,
 * services/*, gateway — read from package.json's `workspaces`, never a list of files) is compiled
 * whole to CommonJS with the same swc settings as `npm start` (.swcrc), tests left out; non-code
 * files of a package (the gateway's supergraph.graphql…) are copied beside it. Then the production
 * dependencies alone are installed from package-lock.json into DIR/node_modules (`npm ci
 * --omit=dev`, workspaces linked), so DIR is what the image ships: `node services/<name>/src/main.js`
 * from DIR runs a service exactly as the container does. Type checking is `npm run typecheck`'s job.
 */
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const swc = require('@swc/core');

const REPO = resolve(__dirname, '..');
const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg > 0 ? process.argv[outArg + 1] : join(REPO, 'dist'));
/** Folders of a package that never ship: its tests, and anything installed or generated into it. */
const SKIP_DIRS = new Set(['test', 'node_modules', 'dist', '.data', 'coverage']);
const isTest = (file) => /\.(spec|test)\.ts$/.test(file) || file.endsWith('.d.ts');

// Source maps stay out: the image has no TypeScript to map to, and Node's source-map support makes
// every stack trace costly (docs/benchmarks.md, bench:identity).
const swcrc = JSON.parse(readFileSync(join(REPO, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const swcOptions = { ...swcrc, sourceMaps: false, swcrc: false, configFile: false };

function packageDirs(rootPkg) {
  const patterns = Array.isArray(rootPkg.workspaces) ? rootPkg.workspaces : rootPkg.workspaces.packages;
  return (
    patterns
      // `parent/*` patterns (all npm workspaces here use them) or plain folders; fs.globSync is Node 22+.
      .flatMap((p) => (p.endsWith('/*') ? readdirSync(join(REPO, p.slice(0, -2))).map((d) => `${p.slice(0, -2)}/${d}`) : [p]))
      .filter((dir) => existsSync(join(REPO, dir, 'package.json')))
      .sort()
  );
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(path);
    } else if (entry.isFile()) yield path;
  }
}

async function buildPackage(dir) {
  let compiled = 0;
  for (const file of walk(join(REPO, dir))) {
    const target = join(OUT, relative(REPO, file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.ts')) {
      if (isTest(file)) continue;
      const { code } = await swc.transformFile(file, swcOptions);
      writeFileSync(target.replace(/\.ts$/, '.js'), code);
      compiled += 1;
    } else if (file.endsWith('package.json')) {
      // Entry points name the sources (`src/index.ts`) for on-the-fly compilation; here they are .js.
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      for (const key of ['main', 'types']) if (typeof pkg[key] === 'string') pkg[key] = pkg[key].replace(/\.ts$/, '.js');
      delete pkg.types;
      writeFileSync(target, `${JSON.stringify(pkg, null, 2)}\n`);
    } else {
      cpSync(file, target);
    }
  }
  return compiled;
}

function run(cmd, args, cwd, extraEnv = {}) {
  // Not the npm_* variables of an enclosing `npm run`/`npm test`: they would make this npm act on
  // the repository's own project (its workspaces, its config) instead of the build folder's.
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), ...extraEnv };
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

async function main() {
  const t0 = Date.now();
  const rootPkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  let files = 0;
  const dirs = packageDirs(rootPkg);
  for (const dir of dirs) files += await buildPackage(dir);
  // The root manifest without scripts or dev dependencies; the lockfile pins the same versions.
  const { name, version, license, engines, workspaces, dependencies } = rootPkg;
  writeFileSync(
    join(OUT, 'package.json'),
    `${JSON.stringify({ name, version, private: true, license, engines, workspaces, dependencies }, null, 2)}\n`,
  );
  cpSync(join(REPO, 'package-lock.json'), join(OUT, 'package-lock.json'));
  // Install scripts stay off, then the one native module is compiled for this platform: argon2's
  // prebuilt linux-x64 binary crashed (SIGSEGV on the first hash) on the build VM, the one built
  // from source does not. Nothing else in production needs an install script.
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], OUT);
  run('npm', ['rebuild', 'argon2', '--loglevel=error'], OUT, { npm_config_build_from_source: 'true' });
  process.stdout.write(
    `build: ${files} files from ${dirs.length} packages (${dirs.join(', ')}) → ${relative(process.cwd(), OUT) || '.'} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
