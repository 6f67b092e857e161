import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a shell script run against the fake clusters printed and how it exited. */
export interface ScriptRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Fake clusters for scripts that drive kubectl: `kubectl`, `openssl` and `htpasswd` stand-ins
 * (fake-kubectl.sh and its siblings) first on PATH, each cluster's namespaces and Secrets kept
 * as files, every call logged. `kubectl config use-context <cluster>` picks the cluster.
 */
export class FakeKube {
  readonly home = mkdtempSync(join(tmpdir(), 'millwright-fake-kube-'));
  private readonly bin = join(this.home, 'bin');

  constructor() {
    mkdirSync(this.bin);
    for (const tool of ['kubectl', 'openssl', 'htpasswd']) {
      copyFileSync(join(import.meta.dirname, `fake-${tool}.sh`), join(this.bin, tool));
      chmodSync(join(this.bin, tool), 0o755);
    }
    writeFileSync(join(this.home, 'calls.log'), '');
  }

  /** Runs a script with sh (as its `#!/bin/sh` line does), the fakes first on PATH; each run starts on no context. */
  run(script: string): ScriptRun {
    rmSync(join(this.home, 'current-context'), { force: true });
    const result = spawnSync('sh', ['-c', script], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${this.bin}:${process.env['PATH']}`, FAKE_KUBE_HOME: this.home },
    });
    if (result.error) throw result.error;
    return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Makes the stand-in for `tool` fail from now on, as a broken install would. */
  breakTool(tool: 'openssl' | 'htpasswd'): void {
    writeFileSync(join(this.bin, tool), `#!/bin/sh\necho "${tool}: cannot run" >&2\nexit 1\n`);
  }

  /** Every kubectl and openssl call so far, `<context>: kubectl <args>` or `openssl <args>`. */
  calls(): string[] {
    return readFileSync(join(this.home, 'calls.log'), 'utf8').split('\n').filter(Boolean);
  }

  /** Forgets the calls so far. */
  clearCalls(): void {
    writeFileSync(join(this.home, 'calls.log'), '');
  }

  /** A Secret's decoded values by key, or undefined when the cluster has no such Secret. */
  secret(cluster: string, namespace: string, name: string): Record<string, string> | undefined {
    const dir = join(this.home, 'clusters', cluster, 'secrets', namespace, name);
    if (!existsSync(dir)) return undefined;
    return Object.fromEntries(readdirSync(dir).map((key) => [key, Buffer.from(readFileSync(join(dir, key), 'utf8'), 'base64').toString('utf8')]));
  }

  /** Puts a Secret (and its namespace, bare) on a cluster, as if someone had created it before. */
  addSecret(cluster: string, namespace: string, name: string, values: Readonly<Record<string, string>>): void {
    const namespaceFile = join(this.home, 'clusters', cluster, 'namespaces', `${namespace}.yaml`);
    mkdirSync(join(namespaceFile, '..'), { recursive: true });
    if (!existsSync(namespaceFile)) writeFileSync(namespaceFile, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n`);
    const dir = join(this.home, 'clusters', cluster, 'secrets', namespace, name);
    mkdirSync(dir, { recursive: true });
    for (const [key, value] of Object.entries(values)) writeFileSync(join(dir, key), Buffer.from(value).toString('base64'));
  }

  /** The manifest a Namespace was created from, or undefined when the cluster has none by that name. */
  namespaceManifest(cluster: string, namespace: string): string | undefined {
    const file = join(this.home, 'clusters', cluster, 'namespaces', `${namespace}.yaml`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  /** Every file of every cluster with its content: equal snapshots mean nothing changed. */
  snapshot(): Record<string, string> {
    const root = join(this.home, 'clusters');
    if (!existsSync(root)) return {};
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    return Object.fromEntries(files.map((entry) => [join(entry.parentPath, entry.name).slice(root.length + 1), readFileSync(join(entry.parentPath, entry.name), 'utf8')]));
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
