#!/usr/bin/env node
// Runs before `npm start`, `npm test` and the other root scripts: installs the npm dependencies
// with `npm ci` when node_modules is missing or older than package-lock.json, so a fresh clone
// needs no separate install step. Plain Node on purpose: nothing is installed yet when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');

function installIsCurrent() {
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs;
}

if (!installIsCurrent()) {
  console.log('millwright: installing npm dependencies (npm ci) ...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  if (result.status !== 0) {
    console.error('millwright: `npm ci` failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
