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
import { median, ms, timeRuns } from './stats.ts';

const connections = 64;
const durationSeconds = 5;
const rounds = 2;

async function apiServer(home: string, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ MILLWRIGHT_HOME: home, DATABASE_URL: 'memory://', MODEL_POLL_INTERVAL_MS: '0', ...env }, home);
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

export async function benchInference(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'millwright-bench-inference-'));
  const registry = localRegistry(home);
  await registerFixtureModel(registry, { failureProbability: 0.6 });
  const api = await apiServer(home);
  const floor = await floorServer();
  try {
    console.log(`inference benchmark: ${connections} connections, ${durationSeconds} s per run, ${rounds} interleaved rounds (medians)`);
    const predict: autocannon.Result[] = [];
    const bare: autocannon.Result[] = [];
    await load(url(api, '/predict'), 2); // warm-up (JIT, ONNX Runtime threads)
    await load(url(floor, '/floor'), 2);
    for (let round = 0; round < rounds; round += 1) {
      predict.push(await load(url(api, '/predict')));
      bare.push(await load(url(floor, '/floor')));
    }
    const rps = (results: autocannon.Result[]) => median(results.map((result) => result.requests.average));
    const p99 = (results: autocannon.Result[]) => median(results.map((result) => result.latency.p99));
    const failed = (results: autocannon.Result[]) => results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0);
    console.log(`  bare Fastify floor:  ${rps(bare).toFixed(0)} req/s, p99 ${ms(p99(bare))}`);
    console.log(`  POST /predict:       ${rps(predict).toFixed(0)} req/s, p99 ${ms(p99(predict))}, failed ${failed(predict)}`);
    console.log(`  /predict / floor = ${(rps(predict) / rps(bare)).toFixed(2)} (target >= 0.60); p99 target <= 5 ms`);

    const rows = JSON.stringify(Array.from({ length: 1000 }, (_, index) => ({ ...validRow, torqueNm: 20 + (index % 60) })));
    const batch = () => api.inject({ method: 'POST', url: '/predict/batch', payload: rows, headers: { 'content-type': 'application/json' } });
    await timeRuns(10, batch);
    const batchTimes = await timeRuns(50, batch);
    console.log(`  POST /predict/batch, 1,000 rows: median ${ms(median(batchTimes))} server time (inject; target <= 5 ms)`);
  } finally {
    await api.close();
    await floor.close();
  }

  // Hot swap under load: a fresh server polling every 100 ms; the alias moves mid-run.
  const swapping = await apiServer(home, { MODEL_POLL_INTERVAL_MS: '100' });
  try {
    const run = load(url(swapping, '/predict'), 6, 0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const moved = await registerFixtureModel(registry, { failureProbability: 0.9 });
    const result = await run;
    const served = (await swapping.inject('/metrics')).body.match(new RegExp(`predict_requests_total\\{model="predictive-maintenance",version="${moved}"\\} (\\d+)`))?.[1] ?? '0';
    console.log(
      `  hot swap under load: ${result.requests.total} requests, failed ${result.errors + result.timeouts + result.non2xx}, ${served} answered by the new version ${moved}, p99 ${ms(result.latency.p99)}`,
    );
  } finally {
    await swapping.close();
    rmSync(home, { recursive: true, force: true });
  }
}
