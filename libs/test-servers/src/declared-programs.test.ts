// Issue 14, item 1: a fresh machine failed CI because four suites started redis-server, which
// the prerequisites neither checked nor installed. Every program that a test, a benchmark or
// `npm start` starts must be declared in tools/system-prereqs.mjs, which `npm test` installs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirements } from '../../../tools/system-prereqs.mjs';
import { envtestProgram, envtestPrograms } from './envtest-program.ts';
import { programsStartedBy } from './started-programs.ts';
import { systemProgram } from './system-program.ts';

const root = join(import.meta.dirname, '../../..');

/**
 * What the project may assume on any machine that runs it: Node.js with npm (the README's only
 * requirement), a POSIX shell with coreutils, and git (the repository came from it).
 */
const baseSystem = new Set(['node', 'npm', 'npx', 'sh', 'bash', 'id', 'du', 'git']);
const declared = new Set(requirements.map((r) => r.command));
/** etcd and kube-apiserver come from the envtest assets (`$KUBEBUILDER_ASSETS`), which no package provides. */
const declaredEnvtest = new Set<string>(envtestPrograms);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.nx', '.millwright'].includes(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.mts') ? [path] : [];
  });
}

/** The installer itself starts apt-get and sudo to install the others. */
const installer = join(root, 'tools/system-prereqs.mjs');
const scanned = ['apps', 'libs', 'bench', 'tools'].flatMap((dir) => sourceFiles(join(root, dir))).filter((path) => path !== installer);
const started = scanned.map((path) => ({ file: relative(root, path), ...programsStartedBy(path, readFileSync(path, 'utf8')) }));

describe('the programs the repository starts', () => {
  it('are all declared in tools/system-prereqs.mjs, or part of the base system', () => {
    const undeclared = started.flatMap(({ file, programs }) =>
      programs
        .filter(({ program, fromEnvtest }) => !fromEnvtest && !declared.has(program) && !baseSystem.has(program))
        .map(({ program, line }) => `${file}:${line} starts ${program}`),
    );
    expect(undeclared, 'declare each in tools/system-prereqs.mjs with its Debian package').toEqual([]);
  });

  it('resolve from the envtest assets only the programs those assets provide', () => {
    const notInTheAssets = started.flatMap(({ file, programs }) =>
      programs.filter(({ program, fromEnvtest }) => fromEnvtest && !declaredEnvtest.has(program)).map(({ program, line }) => `${file}:${line} starts ${program}`),
    );
    expect(notInTheAssets, `envtest assets provide ${envtestPrograms.join(' and ')}; resolve anything else with systemProgram`).toEqual([]);
  });

  it('are named in the source, or resolved through systemProgram or envtestProgram, which refuse undeclared ones at run time', () => {
    const unresolved = started.flatMap(({ file, unresolved }) => unresolved.map(({ program, line }) => `${file}:${line} starts ${program}`));
    expect(unresolved, "pass the program as a literal, or resolve it with systemProgram('<name>') from @millwright/test-servers").toEqual([]);
  });

  it('include the servers the integration tests start (the scan sees through the test servers)', () => {
    const all = new Set(started.flatMap(({ programs }) => programs.map((p) => p.program)));
    for (const program of ['redis-server', 'mosquitto', 'initdb', 'postgres', 'nginx', 'chromium', 'kubectl', 'promtool', 'python3', 'openssl']) expect(all).toContain(program);
    const fromEnvtest = new Set(started.flatMap(({ programs }) => programs.filter((p) => p.fromEnvtest).map((p) => p.program)));
    expect([...fromEnvtest].sort()).toEqual([...envtestPrograms].sort());
  });
});

describe('programsStartedBy', () => {
  const scan = (text: string) => programsStartedBy('example.ts', text);

  it('reads literal programs, process.execPath, systemProgram look-ups and join(…) paths', () => {
    const { programs } = scan(`
      import { spawn, spawnSync as run } from 'node:child_process';
      import { systemProgram } from '@millwright/test-servers';
      spawn('redis-server', []);
      run(process.execPath, ['x.ts']);
      const broker = systemProgram('mosquitto');
      spawn(broker, []);
      spawn(join(bin, 'pg_isready'), []);
    `);
    expect(programs.map((p) => p.program)).toEqual(['redis-server', 'node', 'mosquitto', 'mosquitto', 'pg_isready']);
    expect(programs[0]!.line).toBe(4);
  });

  it('reads the first word of exec command lines, promisified calls and `command -v` in sh -c scripts', () => {
    const { programs } = scan(`
      import { exec, execFile } from 'child_process';
      const run = promisify(execFile);
      exec('htpasswd -nbB user pass');
      await run('kubectl', ['kustomize', dir]);
      spawnSync('sh', ['-c', 'command -v nginx']);
    `);
    expect(programs.map((p) => p.program)).toEqual(['htpasswd', 'kubectl']);
    const withShell = scan(`import { spawnSync } from 'node:child_process';\nspawnSync('sh', ['-c', 'command -v nginx']);`);
    expect(withShell.programs.map((p) => p.program)).toEqual(['sh', 'nginx']);
  });

  it("reads a browser's executablePath and zx templates", () => {
    const { programs } = scan(`chromium.launch({ executablePath: '/usr/bin/chromium' });\nawait $\`ip netns add \${name}\`;`);
    expect(programs.map((p) => p.program)).toEqual(['chromium', 'ip']);
  });

  it("follows a program passed to a named function's parameter to every call of that function", () => {
    const text = `import { spawn } from 'node:child_process';
      function startGroup(command: string, args: string[]) { return spawn(command, args); }
      const run = (program: string) => spawn(program, []);
      startGroup('npm', ['start']);
      startGroup(process.execPath, ['x.ts']);
      run('jq');`;
    expect(scan(text).programs.map((p) => p.program)).toEqual(['npm', 'node', 'jq']);
    expect(scan(`${text}\nstartGroup(pick(), []);`).unresolved).toEqual([{ program: 'command', line: 2 }]);
  });

  it('reports a program chosen at run time unless every call passes it a resolved one', () => {
    const text = `import { spawn } from 'node:child_process';\nfunction start(program: string) { return spawn(program, []); }`;
    expect(scan(text).unresolved).toEqual([{ program: 'program', line: 2 }]);
    expect(scan(`${text}\nstart(systemProgram('mosquitto_pub'));`).unresolved).toEqual([]);
  });

  it('marks the programs resolved from the envtest assets, through a constant or directly', () => {
    const { programs, unresolved } = scan(`
      import { spawn } from 'node:child_process';
      const apiServer = envtestProgram('kube-apiserver');
      spawn(apiServer, []);
      spawn(envtestProgram('etcd'), []);
      spawn(systemProgram('openssl'), []);
      function start(program: string) { return spawn(program, []); }
    `);
    expect(programs.map(({ program, fromEnvtest }) => `${program}${fromEnvtest ? ' (envtest)' : ''}`)).toEqual([
      'kube-apiserver (envtest)',
      'kube-apiserver (envtest)',
      'etcd (envtest)',
      'etcd (envtest)',
      'openssl',
      'openssl',
    ]);
    // Resolution is per call: a program chosen at run time is reported even beside resolved ones.
    expect(unresolved).toEqual([{ program: 'program', line: 7 }]);
  });

  it('does not take a literal etcd for an envtest program (it must be resolved from the assets)', () => {
    const { programs } = scan(`import { spawn } from 'node:child_process';\nspawn('etcd', []);`);
    expect(programs).toEqual([{ program: 'etcd', line: 2 }]);
  });

  it('ignores calls that only share a name with child_process functions (RegExp exec)', () => {
    expect(scan(`const m = /a/.exec(text); pipeline.exec();`).programs).toEqual([]);
  });
});

describe('systemProgram', () => {
  it('refuses a program that is not declared, naming the file that declares programs', () => {
    const undeclaredProgram = 'cowsay';
    expect(() => systemProgram(undeclaredProgram)).toThrow(/cowsay is not declared in tools\/system-prereqs\.mjs/);
  });

  it('finds a declared program that is installed', () => {
    expect(systemProgram('kubectl')).toMatch(/\/kubectl$/);
  });
});

describe('envtestProgram', () => {
  it('says how to get the assets when KUBEBUILDER_ASSETS is not set', () => {
    expect(() => envtestProgram('kube-apiserver', {})).toThrow(
      /KUBEBUILDER_ASSETS is not set.*setup-envtest use 1\.33 -p path.*export KUBEBUILDER_ASSETS/,
    );
  });

  it('names the directory and the missing program when KUBEBUILDER_ASSETS points elsewhere', () => {
    expect(() => envtestProgram('etcd', { KUBEBUILDER_ASSETS: '/nonexistent/envtest' })).toThrow(
      /KUBEBUILDER_ASSETS=\/nonexistent\/envtest has no executable etcd \(expected \/nonexistent\/envtest\/etcd\)\. Get them: `setup-envtest use 1\.33 -p path`/,
    );
  });

  it('refuses a program the assets do not provide', () => {
    expect(() => envtestProgram('kube-scheduler' as 'etcd', { KUBEBUILDER_ASSETS: '/tmp' })).toThrow(/kube-scheduler is not an envtest program/);
  });
});
