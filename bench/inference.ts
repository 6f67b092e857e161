// Inference API benchmark (issue 3): autocannon against single-row POST /predict and against a
// bare Fastify route returning a constant JSON body (the HTTP floor) in the same process setup,
// same connections and duration; a 1,000-row batch; an alias move under load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import inferenceApi, { fastifyOptions } from '../apps/inference-api/src/app.ts';
import { loadConfig } from '../apps/inference-api/src/config.ts';
import { localRegistry } from '../apps/inference-api/src/test-support/build-app.ts';
import { registerFixtureModel, validRow } from '../apps/inference-api/src/test-support/model-fixture.ts';
import { startPostgres } from '../libs/test-servers/src/index.ts';
import { median, ms, timeRuns } from './stats.ts';

const connections = 64;
const durationSeconds = 5;
const rounds = 2;

async function apiServer(home: string, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ MILLWRIGHT_HOME: home, MODEL_POLL_INTERVAL_MS: '0', ...env }, home);
  const app = Fastify(fastifyOptions(config));
  await app.register(inferenceApi, { config, registry: localRegistry(home) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function floorServer(): Promise<FastifyInstance> {
  const app = Fastify();
  const constant = { prediction: 'ok', probability: 0.05, threshold: 0.5, model: { name: 'predictive-maintenance', version: '1', alias: 'champion' } };
  app.post('/floor', async () => constant);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function url(app: FastifyInstance, path: string): string {
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${path}`;
}

async function load(target: string, seconds = durationSeconds, workers = 1): Promise<autocannon.Result> {
  return autocannon({
    url: target,
    method: 'POST',
    body: JSON.stringify(validRow),
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    // The load generator runs on its own thread, as a separate client machine would.
    ...(workers > 0 ? { workers } : {}),
  });
}

type Result = autocannon.Result;
const rps = (results: Result[]) => median(results.map((result) => result.requests.average));
const p99 = (results: Result[]) => median(results.map((result) => result.latency.p99));
const failed = (results: Result[]) => results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0);

/** Interleaved rounds of `/predict` on `api` and the bare route on `floor`, after a warm-up of each. */
async function compareWithFloor(api: FastifyInstance, floor: FastifyInstance): Promise<{ predict: Result[]; bare: Result[] }> {
  const predict: Result[] = [];
  const bare: Result[] = [];
  await load(url(api, '/predict'), 2); // warm-up (JIT, first inference-log batches)
  await load(url(floor, '/floor'), 2);
  for (let round = 0; round < rounds; round += 1) {
    predict.push(await load(url(api, '/predict')));
    bare.push(await load(url(floor, '/floor')));
  }
  return { predict, bare };
}

function report(label: string, { predict, bare }: { predict: Result[]; bare: Result[] }): void {
  console.log(`  ${label}`);
  console.log(`    bare Fastify floor:  ${rps(bare).toFixed(0)} req/s, p99 ${ms(p99(bare))}`);
  console.log(`    POST /predict:       ${rps(predict).toFixed(0)} req/s, p99 ${ms(p99(predict))}, failed ${failed(predict)}`);
  console.log(`    /predict / floor = ${(rps(predict) / rps(bare)).toFixed(2)} (target >= 0.60); p99 target <= 5 ms`);
}

export async function benchInference(): Promise<void> {
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
      const batch = () => api.inject({ method: 'POST', url: '/predict/batch', payload: rows, headers: { 'content-type': 'application/json' } });
      await timeRuns(10, batch);
      const batchTimes = await timeRuns(50, batch);
      console.log(`    POST /predict/batch, 1,000 rows: median ${ms(median(batchTimes))} server time (inject; target <= 5 ms)`);
    } finally {
      await api.close();
    }
    // The embedded default: PGlite (PostgreSQL in WebAssembly) on a worker thread of this process,
    // ~25-35 us of CPU per logged row on the same two cores as the server and the load generator.
    const embedded = await apiServer(home, { DATABASE_URL: 'memory://' });
    try {
      report('inference log in embedded PGlite (no DATABASE_URL, local default):', await compareWithFloor(embedded, floor));
    } finally {
      await embedded.close();
    }
  } finally {
    await floor.close();
    await postgres.stop();
  }

  // Hot swap under load: a fresh server polling every second; the alias moves mid-run.
  const pollIntervalMs = 1000;
  const swapping = await apiServer(home, { MODEL_POLL_INTERVAL_MS: String(pollIntervalMs), DATABASE_URL: 'off' });
  try {
    const run = load(url(swapping, '/predict'), 6);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const moved = await registerFixtureModel(registry, { failureProbability: 0.9 });
    const movedAt = performance.now();
    while (swapping.serving.manager.champion?.version !== moved && performance.now() - movedAt < 10 * pollIntervalMs) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const swapMs = performance.now() - movedAt;
    const result = await run;
    const served = (await swapping.inject('/metrics')).body.match(new RegExp(`predict_requests_total\\{model="predictive-maintenance",version="${moved}"\\} (\\d+)`))?.[1] ?? '0';
    console.log(
      `  hot swap under load: new version ${moved} serving ${ms(swapMs)} after the alias moved (poll interval ${pollIntervalMs} ms); ${result.requests.total} requests, failed ${result.errors + result.timeouts + result.non2xx}, ${served} answered by the new version, p99 ${ms(result.latency.p99)}`,
    );
  } finally {
    await swapping.close();
    rmSync(home, { recursive: true, force: true });
  }
}
