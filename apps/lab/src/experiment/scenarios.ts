/**
 * The seed paper's measurements, each against a running lab: prediction latency seen by a
 * shop-floor client in the edge site, telemetry lag, a WAN outage under steady load, the time to
 * recover from a killed process, and the lead time of a model promoted in the cloud.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { aliasVersion, mlflowEndpoints } from '../platform-lab/bring-up.ts';
import { servedModel } from '../platform-lab/bring-up-lab.ts';
import type { PlatformLab } from '../platform-lab/start-platform-lab.ts';
import { quantile, type Sample } from './open-loop.ts';
import type { ShopFloorJob, ShopFloorOutput } from './shop-floor-client.ts';
import type { TelemetryDb } from './telemetry-db.ts';

export interface LatencySummary {
  readonly requests: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Latencies of the successful requests, for the distribution plot. */
  readonly latenciesMs: readonly number[];
}

export function summarise(samples: readonly Sample[]): LatencySummary {
  const ok = samples.filter((s) => s.ok).map((s) => s.latencyMs);
  return { requests: samples.length, failed: samples.length - ok.length, p50Ms: quantile(ok, 0.5), p95Ms: quantile(ok, 0.95), p99Ms: quantile(ok, 0.99), latenciesMs: ok };
}

/** The inference API's host at the ingress (the `api` route to the inference-api Service). */
export function apiHost(lab: PlatformLab): string {
  for (const cluster of lab.clusters) {
    const route = cluster.routes.find((r) => r.protocol === 'http' && r.service === 'inference-api' && r.pathPrefix === '/');
    if (route && route.protocol === 'http') return route.host;
  }
  throw new Error('no ingress route serves the inference API at / ');
}

/** The inference API pod's address, from the lab's namespace (for probes and model checks). */
export function apiPodUrl(lab: PlatformLab): string {
  for (const cluster of lab.clusters) {
    const workload = cluster.workloads.find((w) => w.component === 'inference-api');
    const address = workload ? lab.address(cluster.role, workload.name) : undefined;
    const port = workload?.containers[0]?.ports['http'];
    if (address && port) return `http://${address}:${port}`;
  }
  throw new Error('the platform runs no inference API');
}

export interface LoadSettings {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly mode: 'row' | 'machine';
}

/** Runs the shop-floor client in the edge site, through the ingress; its samples and when its first request was due. */
export async function shopFloorLoad(lab: PlatformLab, settings: LoadSettings): Promise<ShopFloorOutput> {
  const pod = lab.pods.get(`edge/${lab.layout.clientPod}`);
  if (!pod) throw new Error('the lab has no shop-floor pod');
  const machines = ((await (await fetch(`${apiPodUrl(lab)}/machines`)).json()) as { machines?: string[] }).machines ?? [];
  const job: ShopFloorJob = {
    baseUrl: `https://${apiHost(lab)}`,
    username: lab.secrets.operator.user,
    password: lab.secrets.operator.password,
    caFile: lab.ca.caCert,
    mode: settings.mode,
    machineIds: machines.length > 0 ? machines : ['machine-01'],
    ratePerSecond: settings.ratePerSecond,
    durationMs: settings.durationMs,
    timeoutMs: 5000,
  };
  const { workspaceRoot } = lab;
  const child = lab.lab.exec(pod, [process.execPath, '--import', 'tsx', join(workspaceRoot, 'apps/lab/src/experiment/shop-floor-client.ts'), JSON.stringify(job)], {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', NODE_ENV: 'production' },
    cwd: workspaceRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  if (code !== 0) throw new Error(`the shop-floor client exited with ${code}: ${stderr.trim().slice(-2000)}`);
  return JSON.parse(stdout) as ShopFloorOutput;
}

/** Polls `check` every `everyMs` until it holds; resolves with the epoch ms it first held, or undefined at the deadline. */
export async function firstTime(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return Date.now();
    await sleep(everyMs);
  }
  return undefined;
}

async function ready(url: string): Promise<boolean> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return answer.ok;
}

export interface OutageResult {
  readonly outageSeconds: number;
  readonly messagesExpected: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly predictionsDuringOutage: number;
  readonly predictionsFailedDuringOutage: number;
  /** From the link's return to every message produced before it being stored; undefined when it did not drain in time. */
  readonly drainSeconds: number | undefined;
}

/**
 * A WAN outage of `outageMs` under steady load: the shop-floor client keeps asking for
 * predictions (live-machine mode) through it; afterwards, how long the telemetry backlog took to
 * reach PostgreSQL, and whether any message was lost or stored twice.
 */
export async function wanOutage(lab: PlatformLab, db: TelemetryDb, options: { outageMs: number; ratePerSecond: number; settleMs: number; drainTimeoutMs: number }): Promise<OutageResult> {
  const start = new Date();
  const leadIn = 5000;
  const load = shopFloorLoad(lab, { mode: 'machine', ratePerSecond: options.ratePerSecond, durationMs: leadIn + options.outageMs + 5000 });
  await sleep(leadIn);
  const downAt = Date.now();
  lab.wan?.setLinkDown(true);
  await sleep(options.outageMs);
  lab.wan?.setLinkDown(false);
  const upAt = new Date();
  const { startedAtEpochMs, samples } = await load;
  const drainedAt = await firstTime(() => db.drainedUpTo(start, upAt), options.drainTimeoutMs, 250);
  await sleep(options.settleMs);
  const counts = await db.lossAndDuplicates(start, upAt);
  // The client starts a moment after it is launched: its samples are placed by its own start.
  const during = samples.filter((s) => startedAtEpochMs + s.at >= downAt && startedAtEpochMs + s.at < upAt.getTime());
  return {
    outageSeconds: options.outageMs / 1000,
    messagesExpected: counts.expected,
    lost: counts.lost,
    duplicated: counts.duplicated,
    predictionsDuringOutage: during.length,
    predictionsFailedDuringOutage: during.filter((s) => !s.ok).length,
    drainSeconds: drainedAt === undefined ? undefined : Math.max(0, (drainedAt - upAt.getTime()) / 1000),
  };
}

/** Seconds from SIGKILL of `process` to it serving again (its readiness, polled from the lab), or undefined past the timeout. */
export async function timeToRecover(lab: PlatformLab, process: string, readinessUrl: string, timeoutMs: number): Promise<number | undefined> {
  const killedAt = Date.now();
  lab.supervisor.kill(process, 'SIGKILL');
  // The old process answers until the signal lands: wait for it to be gone first.
  await firstTime(async () => !(await ready(readinessUrl)), 2000, 20);
  const readyAt = await firstTime(() => ready(readinessUrl), timeoutMs, 50);
  return readyAt === undefined ? undefined : (readyAt - killedAt) / 1000;
}

/** Seconds from SIGKILL of the gateway to the next telemetry row stored. */
export async function timeToIngest(lab: PlatformLab, db: TelemetryDb, process: string, timeoutMs: number): Promise<number | undefined> {
  const killedAt = new Date();
  lab.supervisor.kill(process, 'SIGKILL');
  await sleep(200);
  const resumedAt = await firstTime(async () => (await db.firstRowAfter(new Date(killedAt.getTime() + 200))) !== undefined, timeoutMs, 100);
  return resumedAt === undefined ? undefined : (resumedAt - killedAt.getTime()) / 1000;
}

/** The model version the inference API serves (from a prediction's answer). */
async function servedVersion(apiUrl: string): Promise<string | undefined> {
  const answer = await fetch(`${apiUrl}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'M', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 }),
    signal: AbortSignal.timeout(2000),
  });
  if (!answer.ok) return undefined;
  return ((await answer.json()) as { model?: { version?: string } }).model?.version;
}

/**
 * Model lead time: the champion alias moved in the cloud's MLflow (what promotion does) → the edge
 * API answering with that version. Moves it to `version` and measures; seconds, or undefined.
 */
export async function modelLeadTime(lab: PlatformLab, version: string, timeoutMs: number): Promise<number | undefined> {
  const mlflow = mlflowEndpoints(lab);
  const movedAt = Date.now();
  const answer = await fetch(`${mlflow.fromRoot}/api/2.0/mlflow/registered-models/alias`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: servedModel, alias: 'champion', version }),
  });
  if (!answer.ok) throw new Error(`MLflow refused moving the champion alias to version ${version}: ${answer.status}`);
  const servedAt = await firstTime(async () => (await servedVersion(apiPodUrl(lab))) === version, timeoutMs, 100);
  return servedAt === undefined ? undefined : (servedAt - movedAt) / 1000;
}

/** The champion's version now. */
export async function championVersion(lab: PlatformLab): Promise<string | undefined> {
  return aliasVersion(mlflowEndpoints(lab).fromRoot, servedModel, 'champion');
}

/**
 * Kills every supervised process once, in turn, and waits for each to be ready again (readiness
 * as the supervisor polls it): seconds per process, undefined for one that did not come back.
 */
export async function recoverEach(lab: PlatformLab, timeoutMs: number): Promise<Record<string, number | undefined>> {
  const recovered: Record<string, number | undefined> = {};
  for (const { name } of lab.supervisor.status()) {
    const before = lab.supervisor.status().find((s) => s.name === name)!;
    const killedAt = Date.now();
    lab.supervisor.kill(name, 'SIGKILL');
    const readyAt = await firstTime(async () => {
      const now = lab.supervisor.status().find((s) => s.name === name)!;
      return now.readyAt.length > before.readyAt.length && now.ready;
    }, timeoutMs, 50);
    recovered[name] = readyAt === undefined ? undefined : (readyAt - killedAt) / 1000;
  }
  return recovered;
}
