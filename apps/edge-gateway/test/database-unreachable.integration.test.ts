// The edge–cloud lab: in the hybrid topology the gateway's PostgreSQL is in the cloud, across the
// WAN. A gateway that starts while it is unreachable must come up anyway — probes answering,
// opening retried — and ingest everything once it is there, without losing or duplicating a
// message. Crashing instead put it into CrashLoopBackOff, whose growing waits outlast the outage.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { telemetryTopic, telemetryTopicFilter, toTelemetryMessage, createMachine } from '@millwright/factory';
import { freePort, startMosquitto, startPostgres, type MosquittoServer, type PostgresServer } from '@millwright/test-servers';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayHandle } from '../src/gateway.ts';
import { metricValue, spawnGatewayProcess, testConfig, waitFor } from './support.ts';

let broker: MosquittoServer;
let postgres: PostgresServer;
const stopping: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  // allSettled: when one server cannot start, the other is still assigned, so afterAll stops it.
  const started = await Promise.allSettled([startMosquitto().then((server) => (broker = server)), startPostgres().then((server) => (postgres = server))]);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
});

afterAll(async () => {
  for (const stop of stopping.reverse()) await stop().catch(() => undefined);
  await Promise.all([broker?.destroy(), postgres?.destroy()]);
});

/** Short waits between attempts, so the test runs through several of them in seconds. */
const quickRetry = { firstMs: 200, maxMs: 1000, jitter: 0.2 };

/**
 * A TCP port standing in for the WAN front end of the cloud PostgreSQL: once listening it hangs up
 * on every connection (the front end is up, its back end is not) until `forwardTo` names a port.
 */
interface Forwarder {
  forwardTo: number | undefined;
}

async function listenForwarder(port: number): Promise<Forwarder> {
  const forwarder: Forwarder = { forwardTo: undefined };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    if (forwarder.forwardTo === undefined) return socket.destroy();
    const upstream = connect(forwarder.forwardTo, '127.0.0.1');
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => undefined);
      end.on('close', () => {
        sockets.delete(end);
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  stopping.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return forwarder;
}

const machine = createMachine({ id: 'mill-01', seed: 7 });
const topic = telemetryTopic('plant-1', 'line-1', 'mill-01');

/** Publishes `count` telemetry messages of mill-01 at QoS 1 (each acknowledged by the broker). */
async function publish(count: number): Promise<void> {
  const client = await mqtt.connectAsync(broker.url, { clientId: `publisher-${Math.random().toString(16).slice(2)}` });
  for (let i = 0; i < count; i += 1) {
    const message = toTelemetryMessage(machine.next(), { machineId: 'mill-01', site: 'plant-1', line: 'line-1' }, new Date());
    await client.publishAsync(topic, JSON.stringify(message), { qos: 1 });
  }
  await client.endAsync();
}

/** The persistent session a gateway that ran before left at the broker. */
const sessionOptions = (clientId: string) => ({ clientId, clean: false, protocolVersion: 5 as const, properties: { sessionExpiryInterval: 3600 }, reconnectPeriod: 0 });

async function leaveSession(clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(broker.url, sessionOptions(clientId));
  await client.subscribeAsync(telemetryTopicFilter, { qos: 1 });
  await client.endAsync();
}

async function query(sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function probe(url: string): Promise<{ status: number; body: { problems?: string[] } }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { problems?: string[] } };
}

/** Waits until /readyz names exactly one problem, the database (the broker has granted the subscription), and returns it. */
async function waitForDatabaseProblem(httpUrl: string, pattern: RegExp): Promise<string> {
  let last: unknown;
  await waitFor(
    async () => {
      const ready = await probe(`${httpUrl}/readyz`);
      last = ready;
      return ready.status === 503 && ready.body.problems?.length === 1 && pattern.test(ready.body.problems[0]!);
    },
    () => `/readyz to name only ${pattern}; last answer ${JSON.stringify(last)}`,
  );
  return (last as { body: { problems: string[] } }).body.problems[0]!;
}

describe('the gateway started while its PostgreSQL is unreachable', () => {
  it('answers its probes, retries opening the database, and then stores every message once, those published meanwhile included', async () => {
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const clientId = 'gateway-database-late';
    await leaveSession(clientId);
    await publish(300); // queued in the session before the gateway starts
    const log: string[] = [];
    const gateway: GatewayHandle = await startGateway(
      testConfig({ MQTT_URL: broker.url, DATABASE_URL: `postgresql://postgres@${address}/postgres`, MQTT_CLIENT_ID: clientId }),
      { log: (line) => log.push(line), databaseRetry: quickRetry },
    );
    stopping.push(() => gateway.close(1000));

    expect((await probe(`${gateway.httpUrl}/healthz`)).status).toBe(200);
    const refused = await waitForDatabaseProblem(gateway.httpUrl, /not reachable yet/);
    expect(refused).toMatch(new RegExp(`^PostgreSQL at ${address} not reachable yet: connect ECONNREFUSED ${address}; retrying (in \\d+(\\.\\d)? s|now)$`));
    await publish(300); // while it waits
    await waitFor(
      async () => metricValue(await gateway.metrics.registry.metrics(), 'gateway_messages_received_total') >= 600,
      () => 'the gateway to receive the 600 messages',
    );

    // The front end answers but hangs up, as the lab's WAN did while the cloud was starting.
    const forwarder = await listenForwarder(port);
    await waitForDatabaseProblem(gateway.httpUrl, /Connection terminated unexpectedly/);
    expect((await probe(`${gateway.httpUrl}/healthz`)).status).toBe(200);
    expect(metricValue(await gateway.metrics.registry.metrics(), 'gateway_rows_inserted_total')).toBe(0);

    forwarder.forwardTo = postgres.port;
    await waitFor(async () => (await probe(`${gateway.httpUrl}/readyz`)).status === 200, () => `the gateway to be ready; log:\n${log.join('\n')}`);
    await publish(300); // once it is ready
    const count = async () => ((await query('SELECT count(*)::int AS n FROM raw_telemetry')) as { n: number }[])[0]!.n;
    await waitFor(async () => (await count()) >= 900, () => '900 rows');
    await new Promise((resolve) => setTimeout(resolve, 500)); // whatever is still redelivered must not add a row

    expect(await query('SELECT count(*)::int AS rows, count(DISTINCT sequence)::int AS sequences, min(sequence)::int AS first, max(sequence)::int AS last FROM raw_telemetry')).toEqual([
      { rows: 900, sequences: 900, first: 1, last: 900 },
    ]);
    expect(await query('SELECT id FROM gateway_migrations')).toEqual([{ id: '001-raw-telemetry' }]);
    const failures = log.filter((line) => line.includes('not reachable yet'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const line of failures) expect(line).toMatch(new RegExp(`^PostgreSQL at ${address} not reachable yet \\(attempt \\d+\\): [^\\n]+; retrying in \\d+(\\.\\d)? s$`));
    expect(log.filter((line) => line.includes('open and migrated'))).toHaveLength(1);
  });

  it('closes at once while it waits, leaving what it received unacknowledged for the next gateway', async () => {
    const clientId = 'gateway-closed-while-waiting';
    const gateway = await startGateway(testConfig({ MQTT_URL: broker.url, DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`, MQTT_CLIENT_ID: clientId }));
    stopping.push(() => gateway.close(1000));
    await waitForDatabaseProblem(gateway.httpUrl, /not reachable yet/);
    await publish(100);
    await waitFor(
      async () => metricValue(await gateway.metrics.registry.metrics(), 'gateway_messages_received_total') >= 100,
      () => 'the gateway to receive the 100 messages',
    );

    const started = Date.now();
    await gateway.close(); // its flush would wait 5 s for a store that is not there
    expect(Date.now() - started).toBeLessThan(4000);

    // Nothing was acknowledged: the session hands all 100 to whoever takes it over.
    const redelivered = new Set<string>();
    const next = mqtt.connect(broker.url, sessionOptions(clientId));
    next.on('message', (_topic, payload) => redelivered.add((JSON.parse(payload.toString()) as { messageId: string }).messageId));
    stopping.push(() => next.endAsync(true));
    await waitFor(() => redelivered.size >= 100, () => `100 redelivered messages, got ${redelivered.size}`);
  });

  it('exits with 0 on SIGTERM while it waits', async () => {
    const gateway = await spawnGatewayProcess({
      MQTT_URL: broker.url,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`,
      MQTT_CLIENT_ID: 'gateway-sigterm-while-waiting',
    });
    let exitCode: number | null | undefined;
    gateway.child.once('exit', (code) => (exitCode = code));
    stopping.push(async () => void gateway.child.kill('SIGKILL'));
    await waitFor(
      () => {
        if (exitCode !== undefined) throw new Error(`the gateway exited with ${exitCode} while PostgreSQL was unreachable; output:\n${gateway.output()}`);
        return fetch(`${gateway.httpUrl}/healthz`).then((response) => response.ok, () => false);
      },
      () => `/healthz to answer; output:\n${gateway.output()}`,
    );
    await waitForDatabaseProblem(gateway.httpUrl, /not reachable yet/);
    expect(exitCode).toBeUndefined();

    gateway.child.kill('SIGTERM');
    await waitFor(() => exitCode !== undefined, () => `the gateway to exit; output:\n${gateway.output()}`, 10_000);
    expect(exitCode).toBe(0);
    expect(gateway.output()).not.toMatch(/\n\s+at /); // one line per problem, no stack traces
  });
});
