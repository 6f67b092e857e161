// Issue 14, item 4: every install path works offline, and two root scripts started together in
// one folder install the dependencies once (tools/ensure-deps.mjs and the project .npmrc).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureInstalled, installIsCurrent, installPaths } from '../../../tools/ensure-deps.mjs';

const workspaceRoot = join(import.meta.dirname, '../../..');
const ensureDeps = join(workspaceRoot, 'tools/ensure-deps.mjs');
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace with a package-lock.json and nothing installed. */
function workspace(lock = '{"lockfileVersion": 3}\n'): string {
  const root = mkdtempSync(join(tmpdir(), 'millwright-ensure-deps-'));
  made.push(root);
  writeFileSync(join(root, 'package-lock.json'), lock);
  return root;
}

/** An install that creates node_modules (as npm ci does) and counts how often it ran. */
function countingInstall(root: string) {
  const install = () => {
    install.runs += 1;
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    return 0;
  };
  install.runs = 0;
  return install;
}

const quiet = () => undefined;

describe('ensure-deps: when to install', () => {
  it('installs when node_modules is missing, then not again for the same lockfile', () => {
    const root = workspace();
    const install = countingInstall(root);
    expect(ensureInstalled({ root, install, log: quiet })).toBe(0);
    expect(ensureInstalled({ root, install, log: quiet })).toBe(0);
    expect(install.runs).toBe(1);
    expect(installIsCurrent(root)).toBe(true);
  });

  it('decides by the lockfile content, not its time: a touched lockfile installs nothing, an edited one installs', () => {
    const root = workspace();
    const install = countingInstall(root);
    ensureInstalled({ root, install, log: quiet });
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(installPaths(root).lockfile, future, future);
    ensureInstalled({ root, install, log: quiet });
    expect(install.runs).toBe(1);
    writeFileSync(installPaths(root).lockfile, '{"lockfileVersion": 3, "packages": {}}\n');
    ensureInstalled({ root, install, log: quiet });
    expect(install.runs).toBe(2);
  });

  it('leaves no stamp after a failed install, so the next run tries again', () => {
    const root = workspace();
    const failing = () => 1;
    expect(ensureInstalled({ root, install: failing, log: quiet })).toBe(1);
    expect(installIsCurrent(root)).toBe(false);
    expect(existsSync(installPaths(root).lock)).toBe(false);
  });

  it('takes over the lock of an install whose process has ended', () => {
    const root = workspace();
    const ended = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    mkdirSync(installPaths(root).lock);
    writeFileSync(join(installPaths(root).lock, 'pid'), ended.stdout.trim());
    const lines: string[] = [];
    const install = countingInstall(root);
    expect(ensureInstalled({ root, install, log: (line: string) => lines.push(line) })).toBe(0);
    expect(install.runs).toBe(1);
    expect(lines.join('\n')).toMatch(/taking over the install lock of process \d+, which has ended/);
  });

  it('gives up with a readable message when a live process holds the lock too long', () => {
    const root = workspace();
    mkdirSync(installPaths(root).lock);
    writeFileSync(join(installPaths(root).lock, 'pid'), String(process.pid));
    const install = countingInstall(root);
    expect(ensureInstalled({ root, install, log: quiet, waitMs: 300 })).toBe(1);
    expect(install.runs).toBe(0);
  });
});

describe('ensure-deps: a lock left without a PID', () => {
  it('is taken over once it is older than a process needs to write its PID', () => {
    const root = workspace();
    mkdirSync(installPaths(root).lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(installPaths(root).lock, old, old);
    const install = countingInstall(root);
    const lines: string[] = [];
    expect(ensureInstalled({ root, install, log: (line: string) => lines.push(line), waitMs: 5_000 })).toBe(0);
    expect(install.runs).toBe(1);
    expect(lines.join('\n')).toMatch(/taking over the install lock of a process that never wrote its PID/);
  });
});

describe('ensure-deps: two root scripts started together', () => {
  it('installs once: the second waits for the first and finds the dependencies current', async () => {
    const root = workspace();
    const journal = join(root, 'installs.log');
    // Each process runs ensure-deps with an install that takes a second, as npm ci would.
    const script = `
      import { appendFileSync, mkdirSync } from 'node:fs';
      import { ensureInstalled } from ${JSON.stringify(ensureDeps)};
      const root = ${JSON.stringify(root)};
      const install = () => {
        appendFileSync(${JSON.stringify(journal)}, 'start ' + process.pid + '\\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        mkdirSync(root + '/node_modules', { recursive: true });
        appendFileSync(${JSON.stringify(journal)}, 'end ' + process.pid + '\\n');
        return 0;
      };
      process.exit(ensureInstalled({ root, install, log: () => {} }));
    `;
    const run = () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' }).once('exit', resolve));
    const codes = await Promise.all([run(), run()]);
    expect(codes).toEqual([0, 0]);
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['start', 'end']);
  });
});

describe('ensure-deps: two waiters that find the same ended owner', () => {
  it('install once: the takeover is guarded, so neither removes the lock the other just took', async () => {
    const root = workspace();
    const journal = join(root, 'installs.log');
    const ended = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    mkdirSync(installPaths(root).lock);
    writeFileSync(join(installPaths(root).lock, 'pid'), ended.stdout.trim());
    const script = `
      import { appendFileSync, mkdirSync } from 'node:fs';
      import { ensureInstalled } from ${JSON.stringify(ensureDeps)};
      const root = ${JSON.stringify(root)};
      const install = () => {
        appendFileSync(${JSON.stringify(journal)}, 'start\\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        mkdirSync(root + '/node_modules', { recursive: true });
        appendFileSync(${JSON.stringify(journal)}, 'end\\n');
        return 0;
      };
      process.exit(ensureInstalled({ root, install, log: () => {} }));
    `;
    const run = () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' }).once('exit', resolve));
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toEqual(['start', 'end']);
  });
});

describe('ensure-deps run as a script', () => {
  it('installs from a checkout whose path has a space (the file URL is percent-encoded)', () => {
    const checkout = join(workspace(), 'a checkout');
    mkdirSync(join(checkout, 'tools'), { recursive: true });
    copyFileSync(ensureDeps, join(checkout, 'tools/ensure-deps.mjs'));
    writeFileSync(join(checkout, 'package-lock.json'), '{"lockfileVersion": 3}\n');
    // A stand-in npm that records the call and makes node_modules, as npm ci would.
    const bin = join(checkout, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "npm $*" > "${join(checkout, 'npm-called')}"\nmkdir -p node_modules\n`, { mode: 0o755 });
    const result = spawnSync(process.execPath, [join(checkout, 'tools/ensure-deps.mjs')], {
      cwd: checkout,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(checkout, 'npm-called'), 'utf8')).toMatch(/^npm ci /);
    expect(installIsCurrent(checkout)).toBe(true);
  });
});

describe('the project .npmrc', () => {
  it("makes onnxruntime-node's postinstall skip its CUDA download for every npm command, with no environment variable set", () => {
    const env = { ...process.env };
    delete env['ONNXRUNTIME_NODE_INSTALL'];
    for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_config_')) delete env[key];
    // npm rebuild runs the package's postinstall exactly as npm ci and npm install do; offline,
    // without the skip, it fails on the CUDA download.
    const result = spawnSync('npm', ['rebuild', 'onnxruntime-node', '--offline'], { cwd: workspaceRoot, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(readFileSync(join(workspaceRoot, '.npmrc'), 'utf8')).toMatch(/^onnxruntime-node-install=skip$/m);
  });
});
