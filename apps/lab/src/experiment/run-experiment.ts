/**
 * The seed paper's experiment as one command: for each topology, bring the platform up in the lab,
 * then for each WAN profile measure prediction latency (single row and live machine, at a fixed
 * rate) and telemetry lag; then, on the WAN profile, a WAN outage under load, the time to recover
 * from killing the inference API and the gateway, and the lead time of a promoted model.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Topology } from '@millwright/platform';
import { wanProfile, type WanProfileName } from '@millwright/wan-proxy';
import { processNamed } from '../control/faults.ts';
import { runTrainingJob } from '../platform-lab/bring-up.ts';
import { bringUp, servedModel } from '../platform-lab/bring-up-lab.ts';
import type { PlatformLab } from '../platform-lab/start-platform-lab.ts';
import { apiPodUrl, championVersion, modelLeadTime, recoverEach, shopFloorLoad, summarise, timeToIngest, timeToRecover, wanOutage, type LatencySummary, type OutageResult } from './scenarios.ts';
import { openTelemetryDb } from './telemetry-db.ts';

export interface ExperimentPlan {
  readonly topologies: readonly Topology[];
  readonly profiles: readonly WanProfileName[];
  /** The profile the outage, recovery and lead-time measurements run under. */
  readonly faultProfile: WanProfileName;
  readonly ratePerSecond: number;
  readonly loadSeconds: number;
  readonly outageSeconds: number;
  readonly leadTimeSamples: number;
  readonly firstModelRows: number;
}

/** The seed's full run: three topologies × three WAN profiles, a 120 s outage. */
export const fullPlan: ExperimentPlan = { topologies: ['edge-only', 'hybrid', 'cloud-only'], profiles: ['lan', 'wan', 'degraded'], faultProfile: 'wan', ratePerSecond: 20, loadSeconds: 20, outageSeconds: 120, leadTimeSamples: 2, firstModelRows: 4000 };

/** What CI runs: the topologies with an edge, the WAN profile only, short durations. */
export const smokePlan: ExperimentPlan = { topologies: ['edge-only', 'hybrid'], profiles: ['wan'], faultProfile: 'wan', ratePerSecond: 20, loadSeconds: 6, outageSeconds: 15, leadTimeSamples: 1, firstModelRows: 2000 };

export interface ProfileResult {
  readonly profile: WanProfileName;
  readonly row: LatencySummary;
  readonly machine: LatencySummary;
  readonly telemetryLagP95Ms: number;
}

export interface TopologyResult {
  readonly topology: Topology;
  readonly bringUpSeconds: number;
  readonly profiles: readonly ProfileResult[];
  readonly outage: OutageResult;
  readonly recovery: { readonly inferenceApiSeconds: number | undefined; readonly gatewaySeconds: number | undefined };
  readonly leadTimeSeconds: readonly (number | undefined)[];
  /** Every process killed once, in turn: seconds until ready again (undefined: it did not come back). */
  readonly killedAndRecovered: Readonly<Record<string, number | undefined>>;
  /** Restarts per process over the whole run (the kills above included). */
  readonly restarts: Readonly<Record<string, number>>;
}

export interface ExperimentResult {
  readonly startedAt: string;
  readonly plan: ExperimentPlan;
  readonly machine: { readonly cpus: number; readonly node: string };
  readonly topologies: readonly TopologyResult[];
}

async function measureProfile(lab: PlatformLab, plan: ExperimentPlan, profile: WanProfileName, db: Awaited<ReturnType<typeof openTelemetryDb>>): Promise<ProfileResult> {
  lab.wan?.applyProfile(wanProfile(profile));
  const from = new Date();
  const load = { ratePerSecond: plan.ratePerSecond, durationMs: plan.loadSeconds * 1000 };
  const row = summarise((await shopFloorLoad(lab, { ...load, mode: 'row' })).samples);
  const machine = summarise((await shopFloorLoad(lab, { ...load, mode: 'machine' })).samples);
  // Rows produced at the window's end need the lag itself to arrive.
  await sleep(3000);
  return { profile, row, machine, telemetryLagP95Ms: await db.lagQuantileMs(from, new Date(Date.now() - 3000), 0.95) };
}

/** A second model version, so that promotion has something to move to. */
async function secondVersion(lab: PlatformLab, plan: ExperimentPlan, log: (line: string) => void): Promise<void> {
  await runTrainingJob(lab, { rows: plan.firstModelRows, seed: 7, model: servedModel }, log);
}

export interface ExperimentOptions {
  readonly workspaceRoot: string;
  readonly stateDir: string;
  readonly log: (line: string) => void;
  /** Told of each lab once it is up (so Ctrl-C can stop it), and of its end (undefined). */
  readonly onLab?: (lab: PlatformLab | undefined) => void;
  readonly signal?: AbortSignal;
}

async function measureTopology(topology: Topology, plan: ExperimentPlan, options: ExperimentOptions): Promise<TopologyResult> {
  const { log } = options;
  const started = performance.now();
  const lab = await bringUp({ workspaceRoot: options.workspaceRoot, stateDir: join(options.stateDir, topology), topology, firstModelRows: plan.firstModelRows, log, signal: options.signal });
  options.onLab?.(lab);
  const bringUpSeconds = (performance.now() - started) / 1000;
  const db = await openTelemetryDb(lab);
  try {
    await secondVersion(lab, plan, log);
    const profiles: ProfileResult[] = [];
    for (const profile of plan.profiles) {
      log(`${topology}, ${profile}: ${plan.loadSeconds} s of single-row and ${plan.loadSeconds} s of live-machine predictions at ${plan.ratePerSecond}/s`);
      profiles.push(await measureProfile(lab, plan, profile, db));
    }
    lab.wan?.applyProfile(wanProfile(plan.faultProfile));
    log(`${topology}: a ${plan.outageSeconds} s WAN outage under load`);
    const outage = await wanOutage(lab, db, { outageMs: plan.outageSeconds * 1000, ratePerSecond: plan.ratePerSecond, settleMs: 3000, drainTimeoutMs: Math.max(60_000, plan.outageSeconds * 2000) });
    log(`${topology}: killing the inference API, then the gateway`);
    const api = processNamed(lab.supervisor, 'inference-api');
    const inferenceApiSeconds = await timeToRecover(lab, api, `${apiPodUrl(lab)}/v2/health/ready`, 120_000);
    const gatewaySeconds = await timeToIngest(lab, db, processNamed(lab.supervisor, 'edge-gateway'), 120_000);
    const leadTimeSeconds: (number | undefined)[] = [];
    for (let sample = 0; sample < plan.leadTimeSamples; sample += 1) {
      const current = await championVersion(lab);
      const target = current === '1' ? '2' : '1';
      log(`${topology}: promoting version ${target} in the cloud registry`);
      leadTimeSeconds.push(await modelLeadTime(lab, target, 120_000));
    }
    log(`${topology}: killing every process once, in turn`);
    const killedAndRecovered = await recoverEach(lab, 120_000);
    const restarts = Object.fromEntries(lab.supervisor.status().map((s) => [s.name, s.restarts]));
    return { topology, bringUpSeconds, profiles, outage, recovery: { inferenceApiSeconds, gatewaySeconds }, leadTimeSeconds, killedAndRecovered, restarts };
  } finally {
    options.onLab?.(undefined);
    await db.close();
    await lab.stop();
  }
}

export async function runExperiment(plan: ExperimentPlan, options: ExperimentOptions): Promise<ExperimentResult> {
  const startedAt = new Date().toISOString();
  const topologies: TopologyResult[] = [];
  for (const topology of plan.topologies) topologies.push(await measureTopology(topology, plan, options));
  const { availableParallelism } = await import('node:os');
  return { startedAt, plan, machine: { cpus: availableParallelism(), node: process.version }, topologies };
}

/** What the smoke run asserts; each broken expectation as a sentence (empty when all hold). */
export function smokeViolations(result: ExperimentResult): string[] {
  const problems: string[] = [];
  for (const t of result.topologies) {
    if (t.outage.lost !== 0) problems.push(`${t.topology}: ${t.outage.lost} telemetry messages lost across the WAN outage`);
    if (t.outage.duplicated !== 0) problems.push(`${t.topology}: ${t.outage.duplicated} telemetry messages stored twice`);
    if (t.outage.messagesExpected === 0) problems.push(`${t.topology}: no telemetry was stored around the outage, so nothing was measured`);
    if (t.outage.drainSeconds === undefined) problems.push(`${t.topology}: the telemetry backlog did not drain after the outage`);
    if (t.topology !== 'cloud-only' && t.outage.predictionsFailedDuringOutage > 0) problems.push(`${t.topology}: ${t.outage.predictionsFailedDuringOutage} of ${t.outage.predictionsDuringOutage} edge predictions failed during the outage`);
    if (t.recovery.inferenceApiSeconds === undefined) problems.push(`${t.topology}: the inference API did not recover after being killed`);
    if (t.recovery.gatewaySeconds === undefined) problems.push(`${t.topology}: the gateway did not ingest again after being killed`);
    if (t.leadTimeSeconds.some((s) => s === undefined)) problems.push(`${t.topology}: a promoted model never reached the edge`);
    for (const [name, seconds] of Object.entries(t.killedAndRecovered)) if (seconds === undefined) problems.push(`${t.topology}: ${name} was not ready again after being killed`);
  }
  return problems;
}
