import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceLog, openSqlClient, type InferenceRecord, type SqlClient } from '../src/serving/inference-log.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { failingRow, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const home = tempHome();
let postgres: PostgresServer;

beforeAll(async () => {
  await registerFixtureModel(localRegistry(home.dir));
  postgres = await startPostgres();
});

afterAll(async () => {
  await postgres?.destroy();
  home.remove();
});

const until = async (condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('inference log (embedded PGlite)', () => {
  it('creates inference_log by migration and appends every prediction', async () => {
    const sql = (await openSqlClient('memory://', ''))!;
    const app = await buildApp({ home: home.dir, sqlClient: sql });
    const before = Date.now();
    const single = (await app.inject({ method: 'POST', url: '/predict', payload: validRow })).json<{ probability: number }>();
    const batch = (await app.inject({ method: 'POST', url: '/predict/batch', payload: [validRow, failingRow] })).json<{ predictions: { probability: number }[] }>();
    const after = Date.now();
    await app.serving.inferenceLog.flush();
    type Row = { logged_at: Date; model: string; version: string; alias: string; shadow: boolean; prediction: string; probability: number; inputs: Record<string, unknown> };
    const { rows } = (await sql.query('SELECT logged_at, model, version, alias, shadow, prediction, probability, inputs FROM inference_log ORDER BY id', [])) as { rows: Row[] };
    expect(rows.map((row) => row.prediction)).toEqual(['ok', 'ok', 'failure']);
    expect(rows.map((row) => row.probability)).toEqual([single.probability, ...batch.predictions.map((p) => p.probability)]);
    expect(rows[0]).toMatchObject({ model: 'predictive-maintenance', version: '1', alias: 'champion', shadow: false, inputs: validRow });
    expect(rows[2]!.inputs.torqueNm).toBe(70);
    for (const row of rows) expect(row.logged_at.getTime()).toBeGreaterThanOrEqual(before - 1);
    for (const row of rows) expect(row.logged_at.getTime()).toBeLessThanOrEqual(after + 1);
    const migrations = (await sql.query('SELECT id FROM schema_migrations', [])) as { rows: { id: string }[] };
    expect(migrations.rows).toEqual([{ id: '001_create_inference_log' }]);
    await app.close();
  });
});

describe('inference log (real PostgreSQL)', () => {
  it('keeps predicting when PostgreSQL stops, counts the drops, and resumes logging when it is back', async () => {
    const app = await buildApp({ home: home.dir, env: { DATABASE_URL: postgres.url, INFERENCE_LOG_QUEUE: '200' } });
    const { inferenceLog } = app.serving;
    const count = async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM inference_log')).rows[0].n);
      } finally {
        await client.end();
      }
    };
    const predict = async (n: number) => {
      for (let index = 0; index < n; index += 1) {
        const response = await app.inject({ method: 'POST', url: '/predict', payload: validRow });
        expect(response.statusCode).toBe(200);
      }
    };
    await predict(50);
    await until(() => inferenceLog.written === 50);
    expect(await count()).toBe(50);

    await postgres.stop();
    const started = performance.now();
    await predict(500);
    const elapsed = performance.now() - started;
    await until(async () => Number((await app.inject('/metrics')).body.match(/inference_log_dropped_total\{reason="database"\} (\d+)/)?.[1]) > 0);
    const metrics = (await app.inject('/metrics')).body;
    const dropped = ['database', 'queue_full'].map((reason) => Number(metrics.match(new RegExp(`inference_log_dropped_total\\{reason="${reason}"\\} (\\d+)`))?.[1] ?? 0));
    expect(dropped[0]! + dropped[1]!).toBeGreaterThan(0);
    expect(elapsed / 500).toBeLessThan(20); // predictions did not wait for the database

    await postgres.start();
    const before = inferenceLog.written;
    await predict(20);
    await until(() => inferenceLog.written >= before + 20 - inferenceLog.pending, 20_000);
    await until(async () => (await count()) > 50, 20_000);
    await app.close();
  }, 60_000);
});

describe('inference log rows a broken model scores (real PostgreSQL)', () => {
  it('logs a NaN or infinite probability as such, without dropping the rows batched with it', async () => {
    const sql = (await openSqlClient(postgres.url, ''))!;
    const drops: string[] = [];
    const log = new InferenceLog(sql, { capacity: 10, flushIntervalMs: 60_000, onDrop: (reason) => drops.push(reason) });
    const row = { time: new Date(), model: 'nan-model', version: '9', alias: 'challenger', inputs: validRow, prediction: 'ok', shadow: true };
    for (const probability of [0.25, Number.NaN, Number.POSITIVE_INFINITY]) log.append({ ...row, probability });
    await log.flush();
    const { rows } = (await sql.query("SELECT probability, shadow, alias FROM inference_log WHERE model = 'nan-model' ORDER BY id", [])) as {
      rows: { probability: number; shadow: boolean; alias: string }[];
    };
    expect(drops).toEqual([]);
    expect(rows.map((r) => r.probability)).toEqual([0.25, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(rows.every((r) => r.shadow && r.alias === 'challenger')).toBe(true);
    await log.close();
  });
});

/** A logged prediction made `hoursAgo` hours ago. */
function recordFrom(hoursAgo: number, probability = 0.5): InferenceRecord {
  return { time: new Date(Date.now() - hoursAgo * 3_600_000), model: 'predictive-maintenance', version: '1', alias: 'champion', inputs: validRow, probability, prediction: 'ok', shadow: false };
}

async function loggedProbabilities(sql: SqlClient): Promise<number[]> {
  return ((await sql.query('SELECT probability FROM inference_log ORDER BY id', [])) as { rows: { probability: number }[] }).rows.map((row) => row.probability);
}

describe('inference log failures', () => {
  it('reports a database that cannot be opened once per outage, not once per batch, and counts every row dropped', async () => {
    const dataDir = join(home.dir, 'inference-log-taken-by-a-file');
    writeFileSync(dataDir, 'not a directory\n');
    const errors: string[] = [];
    let dropped = 0;
    const log = new InferenceLog(await openSqlClient(undefined, dataDir), { capacity: 100, flushIntervalMs: 60_000, onDrop: (_reason, rows) => (dropped += rows), onError: (error) => errors.push(error.message) });
    for (let batch = 0; batch < 5; batch += 1) {
      log.append(recordFrom(0));
      await log.flush();
    }
    await log.close();
    expect(dropped).toBe(5);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^writing failed, dropping rows until it works again: the embedded database at \S*inference-log-taken-by-a-file could not be opened/);
  });

  it('reports a new outage after writing worked again', async () => {
    const database = (await openSqlClient('memory://', ''))!;
    let down = true;
    const flaky: SqlClient = { query: (sql, params) => (down ? Promise.reject(new Error('connection refused')) : database.query(sql, params)), close: () => database.close() };
    const errors: string[] = [];
    const log = new InferenceLog(flaky, { capacity: 100, flushIntervalMs: 60_000, onDrop: () => undefined, onError: (error) => errors.push(error.message) });
    for (const state of [true, true, false, false, true, true]) {
      down = state;
      log.append(recordFrom(0));
      await log.flush();
    }
    await log.close();
    expect(errors).toEqual(['writing failed, dropping rows until it works again: connection refused', 'writing failed, dropping rows until it works again: connection refused']);
  });
});

describe('inference log retention (embedded PGlite)', () => {
  it('deletes the rows older than the retention and the oldest beyond its row cap, and keeps the rest', async () => {
    const sql = (await openSqlClient('memory://', ''))!;
    const log = new InferenceLog(sql, { capacity: 100, flushIntervalMs: 60_000, onDrop: () => undefined, retention: { maxAgeHours: 24, maxRows: 4 } });
    for (const [hoursAgo, probability] of [[49, 0.01], [25, 0.02], [5, 0.03], [4, 0.04], [3, 0.05], [2, 0.06], [1, 0.07]] as const) log.append(recordFrom(hoursAgo, probability));
    await log.flush();
    expect(await log.applyRetention()).toEqual({ expired: 2, overCap: 1 });
    expect(await loggedProbabilities(sql)).toEqual([0.04, 0.05, 0.06, 0.07]);
    await log.close();
  });

  it('keeps the folder of an embedded log bounded while rows keep coming', async () => {
    const dataDir = join(home.dir, 'bounded-inference-log');
    const sql = (await openSqlClient(undefined, dataDir))!;
    const log = new InferenceLog(sql, { capacity: 10_000, flushIntervalMs: 60_000, onDrop: () => undefined, retention: { maxAgeHours: 24, maxRows: 5000 } });
    const kilobytes = () => Number(execFileSync('du', ['-sk', dataDir], { encoding: 'utf8' }).split('\t')[0]);
    const sizes: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      for (let row = 0; row < 5000; row += 1) log.append(recordFrom(0));
      await log.flush();
      await log.applyRetention();
      sizes.push(kilobytes());
    }
    expect(((await sql.query('SELECT count(*)::int AS n FROM inference_log', [])) as { rows: { n: number }[] }).rows[0]!.n).toBe(5000);
    // After the first rounds the space freed is reused and the WAL recycled: no growth beyond a page or two.
    expect(Math.max(...sizes.slice(3)), `folder sizes in KB, round by round: ${sizes.join(', ')}`).toBeLessThanOrEqual(Math.max(sizes[1]!, sizes[2]!) * 1.02);
    await log.close();
  });
});

describe('inference log retention (real PostgreSQL)', () => {
  it('leaves a PostgreSQL log alone: its retention is its operator\'s', async () => {
    const sql = (await openSqlClient(postgres.url, ''))!;
    const log = new InferenceLog(sql, { capacity: 10, flushIntervalMs: 60_000, onDrop: () => undefined, retention: { maxAgeHours: 1, maxRows: 1 } });
    log.append(recordFrom(48, 0.48));
    log.append(recordFrom(0, 0.49));
    await log.flush();
    expect(await log.applyRetention()).toEqual({ expired: 0, overCap: 0 });
    const kept = (await sql.query('SELECT count(*)::int AS n FROM inference_log WHERE probability IN (0.48, 0.49)', [])) as { rows: { n: number }[] };
    expect(kept.rows[0]!.n).toBe(2);
    await log.close();
  });
});
