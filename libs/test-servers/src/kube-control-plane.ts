/**
 * A real Kubernetes control plane for tests: etcd and kube-apiserver from the envtest assets
 * (`$KUBEBUILDER_ASSETS`), on free loopback ports, with a throw-away PKI, driven through kubectl.
 * There is no scheduler, kubelet or controller-manager: objects are admitted and stored (the
 * whole admission chain runs, Pod Security and ValidatingAdmissionPolicy included), no Pod runs.
 * Only the processes it started are ever stopped, by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, waitUntilListening } from './child-server.ts';
import { envtestProgram } from './envtest-program.ts';
import { freePort } from './free-port.ts';
import { systemProgram } from './system-program.ts';
import { makeThrowawayPki, type ThrowawayPki } from './throwaway-pki.ts';
import type { UpstreamCrd } from './upstream-crds.ts';

/** What one kubectl run printed and how it ended. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** The text of every `Warning: ` line the API server sent back (kubectl prints them to stderr). */
  readonly warnings: readonly string[];
}

/** How `apply` sends the manifests. */
export interface ApplyOptions {
  /**
   * Server-side apply (`--server-side`), taking over fields another manager set
   * (`--force-conflicts`), as Argo CD's `ServerSideApply=true` sync does; false: client-side apply.
   * @default true
   */
  readonly serverSide?: boolean;
  /**
   * Admission and validation run in full, nothing is stored (`--dry-run=server`).
   * @default false
   */
  readonly dryRun?: boolean;
  /** @default 'millwright-test' */
  readonly fieldManager?: string;
}

/** One event of the API server's audit log (the fields the tests read). */
export interface AuditEvent {
  readonly verb: string;
  readonly objectRef?: { readonly resource?: string; readonly namespace?: string; readonly name?: string };
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A running control plane, owned by the test that started it. */
export interface KubeControlPlane {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** A kubeconfig with the admin client certificate (`system:masters`). */
  readonly kubeconfig: string;
  /** Runs kubectl against this control plane, with `stdin` piped in when given. */
  kubectl(args: readonly string[], stdin?: string): Promise<KubectlResult>;
  /** Applies YAML (one or many documents) with kubectl; refusals show in `exitCode` and `stderr`. */
  apply(yaml: string, options?: ApplyOptions): Promise<KubectlResult>;
  /** Applies CustomResourceDefinitions and waits until the API serves every one of them. */
  installCrds(crds: readonly UpstreamCrd[]): Promise<void>;
  /** Every audit event so far; throws unless started with `auditLog: true`. */
  auditEvents(): AuditEvent[];
  /** Stops kube-apiserver and etcd and deletes the directory (certificates, data, logs). */
  destroy(): Promise<void>;
}

/** What a test may set; the defaults start a plain control plane. */
export interface KubeControlPlaneOptions {
  /**
   * Record every request in an audit log at level Metadata (which carries the admission
   * annotations, e.g. a ValidatingAdmissionPolicy's `Audit` findings), read with `auditEvents()`.
   * @default false
   */
  readonly auditLog?: boolean;
  /** @default 60000 */
  readonly timeoutMs?: number;
}

const defaultFieldManager = 'millwright-test';

/** The last lines of a log file, to say why a process did not come up. */
function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts `program` with its output in `log` (a file in the control plane's directory). */
function startLogged(program: string, args: readonly string[], log: string): ChildProcess {
  const fd = openSync(log, 'a');
  try {
    return spawn(program, args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

/** The status code of GET `path`, authenticated as the admin; 0 when the server does not answer yet. */
function getStatus(port: number, path: string, pki: ThrowawayPki): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: readFileSync(pki.caCert),
        cert: readFileSync(pki.adminCert),
        key: readFileSync(pki.adminKey),
        timeout: 2000,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function waitUntilReady(child: ChildProcess, port: number, pki: ThrowawayPki, log: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kube-apiserver exited with code ${child.exitCode} while starting; its log ends:\n${tail(log)}`);
    if ((await getStatus(port, '/readyz', pki)) === 200) return;
    if (Date.now() > deadline) throw new Error(`kube-apiserver on 127.0.0.1:${port} not ready (/readyz) after ${timeoutMs} ms; its log ends:\n${tail(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function writeKubeconfig(path: string, url: string, pki: ThrowawayPki): void {
  const base64 = (file: string) => readFileSync(file).toString('base64');
  // JSON is YAML: kubectl reads it as is.
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server: url, 'certificate-authority-data': base64(pki.caCert) } }],
    users: [{ name: 'admin', user: { 'client-certificate-data': base64(pki.adminCert), 'client-key-data': base64(pki.adminKey) } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: 'admin' } }],
    'current-context': 'test',
  };
  writeFileSync(path, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
}

/** kubectl prints each warning header of the response as a `Warning: <text>` line on stderr. */
function warningsIn(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('Warning: '))
    .map((line) => line.slice('Warning: '.length));
}

/**
 * Starts etcd and kube-apiserver (envtest assets) on free loopback ports in a temporary
 * directory, waits for `/readyz`, and writes a kubeconfig. Throws, saying how to get the assets,
 * when `$KUBEBUILDER_ASSETS` is missing or wrong.
 */
export async function startKubeControlPlane(options: KubeControlPlaneOptions = {}): Promise<KubeControlPlane> {
  const etcd = envtestProgram('etcd');
  const apiServer = envtestProgram('kube-apiserver');
  const kubectlProgram = systemProgram('kubectl');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'millwright-kube-'));
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const child of [...children].reverse()) await stopChild(child, 10_000);
  };
  try {
    const pki = makeThrowawayPki(dir);
    const [etcdPort, etcdPeerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdLog = join(dir, 'etcd.log');
    const etcdChild = startLogged(
      etcd,
      [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
        // Test data need not survive a power cut; fsync per write would dominate the run.
        '--unsafe-no-fsync',
      ],
      etcdLog,
    );
    children.push(etcdChild);
    await waitUntilListening(etcdChild, etcdPort, 'etcd', timeoutMs, () => `; its log ends:\n${tail(etcdLog)}`);

    const auditFiles = options.auditLog ? { policy: join(dir, 'audit-policy.yaml'), log: join(dir, 'audit.log') } : undefined;
    if (auditFiles) writeFileSync(auditFiles.policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n');
    const apiLog = join(dir, 'kube-apiserver.log');
    const apiChild = startLogged(
      apiServer,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, 'certificates')}`,
        `--tls-cert-file=${pki.servingCert}`,
        `--tls-private-key-file=${pki.servingKey}`,
        `--client-ca-file=${pki.caCert}`,
        '--authorization-mode=RBAC',
        '--service-account-issuer=https://127.0.0.1',
        `--service-account-key-file=${pki.serviceAccountPublicKey}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        // The built-in `kubernetes` Service cannot point at a loopback address; without this the
        // API server logs an error every 10 s (see ../shared/envtest/README.md).
        '--endpoint-reconciler-type=none',
        // K3s runs with privileged containers allowed, so there a privileged container is refused by
        // the platform's admission policy, not by API validation; the tests must see the same.
        '--allow-privileged=true',
        ...(auditFiles ? [`--audit-policy-file=${auditFiles.policy}`, `--audit-log-path=${auditFiles.log}`] : []),
      ],
      apiLog,
    );
    children.push(apiChild);
    await waitUntilReady(apiChild, apiPort, pki, apiLog, timeoutMs);

    const url = `https://127.0.0.1:${apiPort}`;
    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, url, pki);
    const cacheDir = join(dir, 'kubectl-cache');
    mkdirSync(cacheDir);

    const kubectl = (args: readonly string[], stdin?: string): Promise<KubectlResult> =>
      new Promise((resolve, reject) => {
        // Its own discovery cache, so nothing is written to the user's ~/.kube.
        const child = spawn(kubectlProgram, [`--kubeconfig=${kubeconfig}`, `--cache-dir=${cacheDir}`, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.once('error', reject);
        child.once('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1, warnings: warningsIn(stderr) }));
        child.stdin.end(stdin ?? '');
      });

    const apply = (yaml: string, applyOptions: ApplyOptions = {}): Promise<KubectlResult> =>
      kubectl(
        [
          'apply',
          ...(applyOptions.serverSide ?? true ? ['--server-side', '--force-conflicts'] : []),
          `--field-manager=${applyOptions.fieldManager ?? defaultFieldManager}`,
          ...(applyOptions.dryRun ? ['--dry-run=server'] : []),
          '-f',
          '-',
        ],
        yaml,
      );

    const installCrds = async (crds: readonly UpstreamCrd[]): Promise<void> => {
      if (crds.length === 0) return;
      const kinds = crds.map((crd) => crd.groupKind).join(', ');
      const applied = await apply(crds.map((crd) => JSON.stringify(crd.definition)).join('\n---\n'));
      if (applied.exitCode !== 0) throw new Error(`installing the CRDs of ${kinds} failed: ${applied.stderr.trim()}`);
      // `kubectl wait` gives up at once on a CRD whose status has no conditions yet, so ask again.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const established = await kubectl(['wait', '--for=condition=Established', '--timeout=10s', 'customresourcedefinitions', '--all']);
        if (established.exitCode === 0) return;
        if (Date.now() > deadline) throw new Error(`the CRDs of ${kinds} not established after ${timeoutMs} ms: ${established.stderr.trim()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    const auditEvents = (): AuditEvent[] => {
      if (!auditFiles) throw new Error('this control plane was started without an audit log: pass { auditLog: true } to startKubeControlPlane');
      return readFileSync(auditFiles.log, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as AuditEvent);
    };

    return {
      url,
      kubeconfig,
      kubectl,
      apply,
      installCrds,
      auditEvents,
      destroy: async () => {
        await stopAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
