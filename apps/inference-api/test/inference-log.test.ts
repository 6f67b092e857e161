import { startPostgres, type PostgresServer } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceLog, openSqlClient } from '../src/serving/inference-log.ts';
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
