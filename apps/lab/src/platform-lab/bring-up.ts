/**
 * After the processes start: wait until every one is ready, and give the inference API a model to
 * serve. The training pipeline (Argo Workflows or Airflow in a cluster) runs as one job pod next
 * to MLflow: the trainer's `pipeline` command against the cloud MLflow's Service, as the rendered
 * pipeline steps reach it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { PlatformLab } from './start-platform-lab.ts';

/** Waits until every supervised process is ready; throws naming the ones that are not, with their log files. */
export async function waitUntilReady(lab: PlatformLab, timeoutMs: number, which: (name: string) => boolean = () => true, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const waiting = lab.supervisor.status().filter((status) => which(status.name) && !status.ready);
    if (waiting.length === 0) return;
    if (Date.now() > deadline) {
      const lines = waiting.map((s) => `  ${s.name}: ${s.state}, ${s.exits.length} exits${s.exits.length ? ` (last: ${s.exits.at(-1)?.code ?? s.exits.at(-1)?.signal})` : ''}; log ${join(lab.stateDir, 'logs', `${s.name.replaceAll('/', '_')}.log`)}`);
      throw new Error(`not ready after ${timeoutMs / 1000} s:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The MLflow Service as the cluster's pods reach it, and its pod's address for the lab itself. */
export function mlflowEndpoints(lab: PlatformLab): { inCluster: string; fromRoot: string; site: 'edge' | 'cloud' } {
  for (const cluster of lab.clusters) {
    const service = cluster.services.find((s) => s.workload && cluster.workloads.find((w) => w.name === s.workload?.name)?.component === 'mlflow');
    const port = service?.ports[0];
    if (!service?.workload || !port) continue;
    const address = lab.address(cluster.role, service.workload.name);
    if (!address) continue;
    return { inCluster: `http://${service.dnsNames.at(-1)}:${port.port}`, fromRoot: `http://${address}:${port.targetPort}`, site: cluster.role };
  }
  throw new Error('the platform runs no MLflow the lab can reach');
}

/** The registered model's version behind `alias`, from the lab (root namespace); undefined when unset. */
export async function aliasVersion(mlflowFromRoot: string, model: string, alias: string): Promise<string | undefined> {
  const answer = await fetch(`${mlflowFromRoot}/api/2.0/mlflow/registered-models/alias?name=${encodeURIComponent(model)}&alias=${encodeURIComponent(alias)}`);
  if (!answer.ok) {
    // MLflow: an unknown model is RESOURCE_DOES_NOT_EXIST (404), an unset alias INVALID_PARAMETER_VALUE (400).
    const error = (await answer.json().catch(() => ({}))) as { error_code?: string; message?: string };
    if (error.error_code === 'RESOURCE_DOES_NOT_EXIST' || (error.error_code === 'INVALID_PARAMETER_VALUE' && /alias .* not found/i.test(error.message ?? ''))) return undefined;
    throw new Error(`MLflow answered ${answer.status} for alias ${alias} of ${model}: ${error.message ?? ''}`);
  }
  return ((await answer.json()) as { model_version: { version: string } }).model_version.version;
}

export interface TrainingJob {
  readonly rows: number;
  readonly seed: number;
  readonly model: string;
}

/** Runs the trainer pipeline once in the job pod; resolves when it succeeded. */
export async function runTrainingJob(lab: PlatformLab, job: TrainingJob, log: (line: string) => void): Promise<void> {
  const mlflow = mlflowEndpoints(lab);
  const pod = lab.pods.get(`${mlflow.site}/${lab.layout.jobPod}`);
  if (!pod) throw new Error(`no job pod in the ${mlflow.site} site`);
  const home = join(lab.stateDir, 'pods', pod.site, pod.name, `run-${job.seed}`);
  mkdirSync(home, { recursive: true });
  const argv = [process.execPath, '--import', 'tsx', join(lab.workspaceRoot, 'apps/trainer/src/main.ts'), 'pipeline', '--rows', String(job.rows), '--seed', String(job.seed), '--model', job.model, '--trials', '4', '--search-seconds', '4'];
  const child: ChildProcess = lab.lab.exec(pod, argv, {
    env: { NODE_ENV: 'production', MILLWRIGHT_HOME: home, MLFLOW_TRACKING_URI: mlflow.inCluster, NODE_EXTRA_CA_CERTS: lab.ca.caCert, PATH: '/usr/local/bin:/usr/bin:/bin' },
    cwd: lab.workspaceRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  if (code !== 0) throw new Error(`the training job exited with ${code}:\n${tail.join('\n')}`);
  log(`training job (seed ${job.seed}, ${job.rows} rows) registered a model in ${mlflow.inCluster}`);
}
