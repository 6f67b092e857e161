// Inference API benchmark (issue 3): autocannon, from a second process, against single-row POST
// /predict and against a bare Fastify route returning a constant JSON body (the HTTP floor) in the
// same process setup, same connections and duration; a 1,000-row batch; an alias move under load;
// /explain (TreeSHAP) per row and per 1,000-row batch beside /predict, on trained models (issue 17).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import inferenceApi, { fastifyOptions } from '../apps/inference-api/src/app.ts';
import { loadConfig } from '../apps/inference-api/src/config.ts';
import { localRegistry } from '../apps/inference-api/src/test-support/build-app.ts';
import { registerFixtureModel, validRow } from '../apps/inference-api/src/test-support/model-fixture.ts';
import { simulatorRows } from '../apps/trainer/src/data/simulator-source.ts';
import { toTrainingSet } from '../apps/trainer/src/data/training-set.ts';
import { ai4iContract } from '../libs/contract/src/index.ts';
import { exportOnnx, splitStratified, trainBoostedTrees, trainCandidate, type TreeModel } from '../libs/ml/src/index.ts';
import { startPostgres } from '../libs/test-servers/src/index.ts';
import { httpLoad, quantile, recordServerTimes, urlOf, type LoadResult } from './http-load.ts';
import { median, ms } from './stats.ts';

const connections = 64;
const durationSeconds = 5;
const rounds = 3;
const body = JSON.stringify(validRow);

interface Measured {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly serverTimes: { take(): number[] };
}

async function listen(app: FastifyInstance, path: string): Promise<Measured> {
  const serverTimes = recordServerTimes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: urlOf(app, path), serverTimes };
}

async function apiServer(home: string, env: Record<string, string> = {}): Promise<Measured> {
  const config = loadConfig({ MILLWRIGHT_HOME: home, MODEL_POLL_INTERVAL_MS: '0', ...env }, home);
  const app = Fastify(fastifyOptions(config));
  await app.register(inferenceApi, { config, registry: localRegistry(home) });
  return listen(app, '/predict');
}

async function floorServer(): Promise<Measured> {
  const app = Fastify();
  const constant = { prediction: 'ok', probability: 0.05, threshold: 0.5, model: { name: 'predictive-maintenance', version: '1', alias: 'champion' } };
  app.post('/floor', async () => constant);
  return listen(app, '/floor');
}

/** One run, with the server-side p99 of the requests it sent. */
interface Run extends LoadResult {
  readonly serverP99: number;
}

async function run(target: Measured, seconds = durationSeconds): Promise<Run> {
  target.serverTimes.take();
  const result = await httpLoad({ url: target.url, body, connections, durationSeconds: seconds });
  return { ...result, serverP99: quantile(target.serverTimes.take(), 0.99) };
}

const of = (runs: Run[], pick: (run: Run) => number) => median(runs.map(pick));

/** Interleaved rounds of `/predict` on `api` and the bare route on `floor`, after a warm-up of each. */
async function compareWithFloor(api: Measured, floor: Measured): Promise<{ predict: Run[]; bare: Run[] }> {
  const predict: Run[] = [];
  const bare: Run[] = [];
  await run(api, 2); // warm-up (JIT, first inference-log batches)
  await run(floor, 2);
  for (let round = 0; round < rounds; round += 1) {
    predict.push(await run(api));
    bare.push(await run(floor));
  }
  return { predict, bare };
}

function line(label: string, runs: Run[]): string {
  const rps = of(runs, (r) => r.requestsPerSecond).toFixed(0);
  const failed = runs.reduce((sum, r) => sum + r.failed, 0);
  return `    ${label.padEnd(20)} ${rps} req/s, p50 ${ms(of(runs, (r) => r.p50))}, p99 ${ms(of(runs, (r) => r.p99))} (in the server: p99 ${ms(of(runs, (r) => r.serverP99))}), failed ${failed}`;
}

function report(label: string, { predict, bare }: { predict: Run[]; bare: Run[] }): void {
  const floorRps = of(bare, (r) => r.requestsPerSecond);
  console.log(`  ${label}`);
  console.log(line('bare Fastify floor:', bare));
  console.log(line('POST /predict:', predict));
  console.log(`    /predict / floor = ${(of(predict, (r) => r.requestsPerSecond) / floorRps).toFixed(2)} (target >= 0.60)`);
  // Little's law for a closed loop: every connection waits for its answer before sending again,
  // so the mean latency at the floor's throughput is connections / throughput, for the bare route too.
  console.log(
    `    p99 target <= 5 ms (issue 3), unreachable here for the bare route too: the floor's own p99 is ${ms(of(bare, (r) => r.p99))}, and ${connections} connections at its ${floorRps.toFixed(0)} req/s mean ${ms((connections / floorRps) * 1000)} per request on average (Little's law)`,
  );
}

/**
 * Server time of a 1,000-row batch request, then, untimed for the request, the write of its
 * inference-log rows: back to back, each request would also pay for the previous one's write on
 * the same two cores, which the asynchronous log exists to keep off the request's path.
 */
async function timeBatches(app: FastifyInstance, rows: string, runs = 50, warmUp = 10, url = '/predict/batch'): Promise<{ batchTimes: number[]; logTimes: number[] }> {
  const batchTimes: number[] = [];
  const logTimes: number[] = [];
  for (let index = 0; index < warmUp + runs; index += 1) {
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url, payload: rows, headers: { 'content-type': 'application/json' } });
    const answered = performance.now();
    if (response.statusCode !== 200) throw new Error(`batch answered ${response.statusCode}: ${response.body}`);
    await app.serving.inferenceLog.flush();
    if (index >= warmUp) {
      batchTimes.push(answered - started);
      logTimes.push(performance.now() - answered);
    }
  }
  return { batchTimes, logTimes };
}

/** Median server time (inject) of `runs` single-row requests to `url`, after a warm-up. */
async function timeSingleRows(app: FastifyInstance, url: string, rows: readonly object[], runs = 2000): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 200 + runs; index += 1) {
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url, payload: rows[index % rows.length]! });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
    if (index >= 200) times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * /explain beside /predict on models of the size the trainer serves, trained here on 20,000
 * simulated AI4I rows: the largest forest of the search grid (12 trees, depth 14) and boosted trees
 * at their defaults. TreeSHAP costs O(split nodes + Σ leaves × distinct path features) per row
 * (libs/ml tree-shap.ts), so the model's size is what matters, not the row.
 */
export async function benchExplain(): Promise<void> {
  const contract = ai4iContract(0.5);
  const set = toTrainingSet(contract, simulatorRows({ rows: 20_000, seed: 17 }));
  if (!set.ok) throw new Error('simulated rows failed the contract');
  const split = splitStratified(set.dataset, { seed: 17 });
  const models: [string, () => TreeModel][] = [
    ['random forest, 12 trees, depth 14', () => trainCandidate(split.train, { trees: 12, maxDepth: 14, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.6 }, 17)],
    ['boosted trees, default config', () => trainBoostedTrees(split.train, split.validation, {}, 17)],
  ];
  const requests = Array.from({ length: 1000 }, (_, index) => ({
    ...validRow,
    torqueNm: 20 + (index % 60),
    rotationalSpeedRpm: 1200 + ((index * 37) % 1500),
    toolWearMin: (index * 7) % 250,
  }));
  const batch = JSON.stringify(requests);
  console.log('  /explain (TreeSHAP) beside /predict, server time measured with inject, medians:');
  for (const [label, train] of models) {
    const home = mkdtempSync(join(tmpdir(), 'millwright-bench-explain-'));
    try {
      const model = train();
      const onnx = exportOnnx(model, { featureNames: contract.featureOrder, coverRows: split.train.rows });
      await registerFixtureModel(localRegistry(home), { onnx });
      const api = await apiServer(home, { DATABASE_URL: 'off', MAX_BATCH_ROWS: '1000', BODY_LIMIT_BYTES: '4194304' });
      try {
        const predictRow = await timeSingleRows(api.app, '/predict', requests);
        const explainRow = await timeSingleRows(api.app, '/explain', requests);
        const predictBatch = median((await timeBatches(api.app, batch, 20, 5)).batchTimes);
        const explainBatch = median((await timeBatches(api.app, batch, 20, 5, '/explain/batch')).batchTimes);
        const space = api.app.serving.manager.champion?.explainer.ok ? api.app.serving.manager.champion.explainer.explainer.marginSpace : 'none';
        console.log(`    ${label} (${space} space):`);
        console.log(`      one row:     /predict ${ms(predictRow)}, /explain ${ms(explainRow)} (target < 1 ms)`);
        console.log(`      1,000 rows:  /predict/batch ${ms(predictBatch)}, /explain/batch ${ms(explainBatch)} (target < 100 ms)`);
      } finally {
        await api.app.close();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
}

export async function benchInference(): Promise<void> {
  await benchExplain();
  const home = mkdtempSync(join(tmpdir(), 'millwright-bench-inference-'));
  const registry = localRegistry(home);
  await registerFixtureModel(registry, { failureProbability: 0.6 });
  const postgres = await startPostgres();
  const floor = await floorServer();
  console.log(`inference benchmark: ${connections} connections, ${durationSeconds} s per run, ${rounds} interleaved rounds (medians)`);
  try {
    // As deployed: the inference log goes to a PostgreSQL server (here a real one on loopback).
    const api = await apiServer(home, { DATABASE_URL: postgres.url });
    try {
      report('inference log in PostgreSQL (DATABASE_URL set, as deployed):', await compareWithFloor(api, floor));
      const rows = JSON.stringify(Array.from({ length: 1000 }, (_, index) => ({ ...validRow, torqueNm: 20 + (index % 60) })));
      const { batchTimes, logTimes } = await timeBatches(api.app, rows);
      console.log(`    POST /predict/batch, 1,000 rows: median ${ms(median(batchTimes))} server time (inject; target <= 5 ms)`);
      console.log(`    ...and its 1,000 inference-log rows written to PostgreSQL: median ${ms(median(logTimes))}, off the request's path`);
    } finally {
      await api.app.close();
    }
    // The embedded default: PGlite (PostgreSQL in WebAssembly) on a worker thread of this process,
    // ~25-35 us of CPU per logged row on the same two cores as the server and the load generator.
    const embedded = await apiServer(home, { DATABASE_URL: 'memory://' });
    try {
      report('inference log in embedded PGlite (no DATABASE_URL, local default):', await compareWithFloor(embedded, floor));
    } finally {
      await embedded.app.close();
    }
  } finally {
    await floor.app.close();
    await postgres.stop();
  }

  // Hot swap under load: a fresh server polling every second; the alias moves mid-run.
  const pollIntervalMs = 1000;
  const swapping = await apiServer(home, { MODEL_POLL_INTERVAL_MS: String(pollIntervalMs), DATABASE_URL: 'off' });
  try {
    const underLoad = run(swapping, 6);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const moved = await registerFixtureModel(registry, { failureProbability: 0.9 });
    const movedAt = performance.now();
    while (swapping.app.serving.manager.champion?.version !== moved && performance.now() - movedAt < 10 * pollIntervalMs) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const swapMs = performance.now() - movedAt;
    const result = await underLoad;
    const served = (await swapping.app.inject('/metrics')).body.match(new RegExp(`predict_requests_total\\{model="predictive-maintenance",version="${moved}"\\} (\\d+)`))?.[1] ?? '0';
    console.log(
      `  hot swap under load: new version ${moved} serving ${ms(swapMs)} after the alias moved (poll interval ${pollIntervalMs} ms); ${result.total} requests, failed ${result.failed}, ${served} answered by the new version, p99 ${ms(result.p99)}`,
    );
  } finally {
    await swapping.app.close();
    rmSync(home, { recursive: true, force: true });
  }
}
