// Issue 6, "Done when": the gateway killed with SIGKILL mid-run and restarted still ends with
// rows = messages (the persistent session redelivers what was never acknowledged; the primary
// key absorbs what had been committed but not yet acknowledged).
import type { ChildProcess } from 'node:child_process';
import { startMosquitto, startPostgres, type MosquittoServer, type PostgresServer } from '@millwright/test-servers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSimulatorConfig } from '../../sensor-sim/src/config.ts';
import { startSimulator } from '../../sensor-sim/src/simulator.ts';
import { spawnGatewayProcess, waitFor } from './support.ts';

const messages = 30_000;

let broker: MosquittoServer;
let postgres: PostgresServer;
const children = new Set<ChildProcess>();
/** What each gateway process printed, for the failure message. */
const outputs: (() => string)[] = [];
const output = () => outputs.map((printed) => printed()).join('');

beforeAll(async () => {
  // allSettled: when one server cannot start, the other is still assigned, so afterAll stops it.
  const started = await Promise.allSettled([
    startMosquitto({ maxQueuedMessages: 1_000_000 }).then((server) => (broker = server)),
    startPostgres().then((server) => (postgres = server)),
  ]);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([broker?.destroy(), postgres?.destroy()]);
});

/** The gateway as its own process, as the image runs it; resolves once its /readyz says ready. */
async function startGatewayProcess(): Promise<ChildProcess> {
  const gateway = await spawnGatewayProcess({ MQTT_URL: broker.url, DATABASE_URL: postgres.url, MQTT_CLIENT_ID: 'gateway-kill-9' });
  const { child } = gateway;
  outputs.push(gateway.output);
  children.add(child);
  child.once('exit', () => children.delete(child));
  // Ready means subscribed: a publisher that starts earlier loses what the broker routes to no one.
  const ready = () => fetch(`${gateway.httpUrl}/readyz`).then((response) => response.ok, () => false);
  await waitFor(ready, () => `the gateway to be ready; gateway output:\n${output()}`, 60_000);
  return child;
}

let lastRows = 0;

async function rows(): Promise<{ rows: number; ids: number }> {
  const client = new pg.Client({ connectionString: postgres.url });
  try {
    await client.connect();
    const counted = (await client.query('SELECT count(*)::int AS rows, count(DISTINCT message_id)::int AS ids FROM raw_telemetry')).rows[0] as { rows: number; ids: number };
    lastRows = counted.rows;
    return counted;
  } catch {
    return { rows: -1, ids: -1 };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Rows and the last sequence per machine (for the failure message: the gaps show which were lost). */
async function rowsPerMachine(): Promise<string> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const result = await client.query(
      `SELECT machine_id, count(*)::int AS n, max(sequence)::int AS last FROM raw_telemetry GROUP BY machine_id ORDER BY machine_id`,
    );
    return (result.rows as { machine_id: string; n: number; last: number }[]).map((row) => `${row.machine_id}: ${row.n} rows, last sequence ${row.last}`).join('\n');
  } finally {
    await client.end();
  }
}

describe('the gateway process killed with SIGKILL', () => {
  it('ends with one row per message after a restart', async () => {
    const first = await startGatewayProcess();
    const simulator = startSimulator(loadSimulatorConfig({ MQTT_URL: broker.url, MACHINES: '20', RATE_HZ: '0', MESSAGE_LIMIT: String(messages), MAX_IN_FLIGHT: '500' }));
    await waitFor(async () => (await rows()).rows >= messages / 3, () => 'a third of the rows', 60_000);
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;

    await simulator.finished;
    await simulator.close();
    const second = await startGatewayProcess();
    await waitFor(
      async () => (await rows()).rows >= messages,
      () => `${messages} rows after the restart; rows now ${lastRows}; gateway output:\n${output()}`,
      30_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\nrows per machine:\n${await rowsPerMachine()}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rows()).toEqual({ rows: messages, ids: messages });
    const stopped = new Promise((resolve) => second.once('exit', resolve));
    second.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 180_000);
});
