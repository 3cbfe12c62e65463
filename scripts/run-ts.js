#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: @swc-node/register compiles on the fly
// with the repository's .swcrc (CommonJS, decorator metadata, dynamic import kept for ES modules).
process.env.SWCRC = 'true';
require('@swc-node/register');
const { resolve } = require('node:path');
const [, , entry, ...rest] = process.argv;
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...rest];
require(resolve(entry));
