// Issue 6, "Done when": 100,000 messages from 50 machines end as exactly 100,000 rows — no loss,
// no duplicates — across a broker restart and a 10 s database outage, with the real Mosquitto,
// PostgreSQL and Redis from Debian on loopback.
import { featureKeyPrefix } from '@millwright/feature-store';
import { startMosquitto, startPostgres, startRedis, type MosquittoServer, type PostgresServer, type RedisServer } from '@millwright/test-servers';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSimulatorConfig } from '../../sensor-sim/src/config.ts';
import { startSimulator } from '../../sensor-sim/src/simulator.ts';
import { startGateway, type GatewayHandle } from '../src/gateway.ts';
import { metricValue, testConfig, waitFor } from './support.ts';

const machines = 50;
const messages = 100_000;

let broker: MosquittoServer;
let postgres: PostgresServer;
let redis: RedisServer;
let gateway: GatewayHandle | undefined;

beforeAll(async () => {
  // allSettled: when one server cannot start, the others are still assigned, so afterAll stops them.
  const started = await Promise.allSettled([
    startMosquitto({ maxQueuedMessages: 1_000_000, maxInflightMessages: 1000 }).then((server) => (broker = server)),
    startPostgres().then((server) => (postgres = server)),
    startRedis().then((server) => (redis = server)),
  ]);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
});

afterAll(async () => {
  await gateway?.close(1000);
  await Promise.all([broker?.destroy(), postgres?.destroy(), redis?.destroy()]);
});

async function rowsBy(query: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

describe('the gateway with real Mosquitto, PostgreSQL and Redis', () => {
  it('stores 100,000 messages from 50 machines exactly once across a broker restart and a 10 s database outage', async () => {
    const started = Date.now();
    gateway = await startGateway(testConfig({ MQTT_URL: broker.url, DATABASE_URL: postgres.url, REDIS_URL: redis.url, MQTT_CLIENT_ID: 'gateway-no-loss' }));
    await waitFor(async () => (await fetch(`${gateway!.httpUrl}/readyz`)).ok, () => 'the gateway to be ready');
    const simulator = startSimulator(
      loadSimulatorConfig({ MQTT_URL: broker.url, MACHINES: String(machines), RATE_HZ: '0', MESSAGE_LIMIT: String(messages), MAX_IN_FLIGHT: '500' }),
    );
    const stored = () => gateway!.store.count().catch(() => -1);

    await waitFor(async () => (await stored()) >= 25_000, () => 'the first 25,000 rows', 60_000);
    await broker.stop();
    await broker.start();

    await waitFor(async () => (await stored()) >= 50_000, () => '50,000 rows after the broker restart', 60_000);
    await postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await postgres.start();

    await simulator.finished;
    await waitFor(async () => (await stored()) >= messages, () => `${messages} rows`, 60_000);
    await simulator.close();
    // Whatever is still redelivered must not add a row.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await rowsBy('SELECT count(*)::int AS rows, count(DISTINCT message_id)::int AS ids FROM raw_telemetry')).toEqual([{ rows: messages, ids: messages }]);
    const perMachine = (await rowsBy('SELECT machine_id, count(*)::int AS n, min(sequence)::int AS first, max(sequence)::int AS last FROM raw_telemetry GROUP BY machine_id')) as {
      n: number;
      first: number;
      last: number;
    }[];
    expect(perMachine).toHaveLength(machines);
    for (const machine of perMachine) expect(machine).toMatchObject({ n: messages / machines, first: 1, last: messages / machines });

    const text = await gateway.metrics.registry.metrics();
    expect(metricValue(text, 'gateway_rows_inserted_total')).toBe(messages);
    expect(metricValue(text, 'gateway_database_errors_total')).toBeGreaterThan(0);
    const keys = new Redis(redis.url);
    expect(await keys.keys(`${featureKeyPrefix}*`)).toHaveLength(machines);
    keys.disconnect();
    console.log(`100,000 messages, broker restart and 10 s database outage: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);
});
