#!/usr/bin/env node
// Runs before `npm start`, `npm test` and the other root scripts: installs the npm dependencies
// with `npm ci` when node_modules is missing or was installed from another package-lock.json, so
// a fresh clone needs no separate install step. Plain Node on purpose: nothing is installed yet
// when it runs.
//
// The decision is made on the lockfile's content (a SHA-256 stamp written into node_modules after
// a successful install), never on file times, which a checkout or a copy can reorder. Installs are
// serialised by a lock directory beside node_modules: two root scripts started together in one
// folder would otherwise run two `npm ci` at once, each emptying node_modules under the other.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a workspace keeps its install stamp and its install lock. */
export function installPaths(root) {
  return {
    lockfile: join(root, 'package-lock.json'),
    stamp: join(root, 'node_modules', '.millwright-lock-sha256'),
    lock: join(root, '.millwright-install.lock'),
  };
}

export function lockfileHash(root) {
  return createHash('sha256').update(readFileSync(installPaths(root).lockfile)).digest('hex');
}

/** Whether node_modules was installed from the package-lock.json as it is now. */
export function installIsCurrent(root) {
  const { stamp } = installPaths(root);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockfileHash(root);
}

function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The PID written into a lock directory, or undefined while there is none (being written, or its writer died first). */
function ownerOf(lock) {
  try {
    const owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(owner) && owner > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(path) {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** A lock with no PID after this long was left by a process that died between mkdir and writing it. */
const unwrittenLockMs = 10_000;

/**
 * Whether the lock's owner has ended (or never wrote its PID). Removing such a lock must be done
 * under a second, short-lived guard directory: two waiters that both saw the same dead owner must
 * not both remove "the" lock, or the second would remove the first one's new, live lock.
 */
function removeIfStale(lock, log) {
  const owner = ownerOf(lock);
  const stale = owner === undefined ? ageMs(lock) > unwrittenLockMs : !processIsAlive(owner);
  if (!stale) return;
  const guard = `${lock}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    // Another waiter is taking over; a guard left by one that died is cleared after a while.
    if (ageMs(guard) > unwrittenLockMs) rmSync(guard, { recursive: true, force: true });
    return;
  }
  try {
    // Under the guard, look again: the lock may already be someone else's, and alive.
    if (ownerOf(lock) === owner) {
      log(`millwright: taking over the install lock of ${owner === undefined ? 'a process that never wrote its PID' : `process ${owner}, which has ended`}`);
      rmSync(lock, { recursive: true, force: true });
    }
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

/**
 * Takes the install lock: a directory, created atomically, holding the owner's PID. A lock whose
 * owner has ended (a killed install) is taken over. Returns false when another live process held
 * it for longer than `waitMs`.
 */
function acquireLock(lock, { waitMs, log }) {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    removeIfStale(lock, log);
    if (existsSync(lock)) {
      if (Date.now() > deadline) return false;
      if (!told) log(`millwright: waiting for the npm install that another process is running (${lock}) ...`);
      told = true;
      sleep(200);
    }
  }
}

/**
 * Installs the dependencies of the workspace at `root` with `install()` (which returns an exit
 * status) unless they are current; returns the exit status to end with.
 */
export function ensureInstalled({ root, install, log = console.log, waitMs = 15 * 60_000 }) {
  if (installIsCurrent(root)) return 0;
  const { lock, stamp } = installPaths(root);
  if (!acquireLock(lock, { waitMs, log })) {
    console.error(`millwright: another npm install still holds ${lock} after ${waitMs / 1000} s; if no install is running, delete that folder`);
    return 1;
  }
  try {
    // The process that held the lock may have installed this very lockfile meanwhile.
    if (installIsCurrent(root)) return 0;
    const hash = lockfileHash(root);
    log('millwright: installing npm dependencies (npm ci) ...');
    const status = install();
    if (status !== 0) {
      console.error('millwright: `npm ci` failed; see the output above.');
      return status ?? 1;
    }
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, `${hash}\n`);
    return 0;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether this file is the script node was started with (not imported by a test). */
function isMain() {
  return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
}

if (isMain()) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // The project .npmrc sets onnxruntime-node-install=skip for every npm command; the variable
  // says it again in case a future npm stops passing unknown .npmrc keys to install scripts.
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
  const npmCi = () => spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env }).status;
  process.exit(ensureInstalled({ root, install: npmCi }));
}
