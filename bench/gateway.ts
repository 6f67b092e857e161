// Edge gateway benchmark (issue 6): sustained MQTT → PostgreSQL messages per second through the
// gateway (validation, feature-store updates in Redis and metrics on), beside the broker-only
// QoS 1 ceiling — one publisher, one plain subscriber — measured in the same run, interleaved,
// medians. Real Mosquitto, PostgreSQL and Redis from Debian on loopback; bounded load; every run
// checks rows = messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createMachine, telemetryTopic, toTelemetryMessage } from '@millwright/factory';
import { freePort, startMosquitto, startPostgres, startRedis } from '@millwright/test-servers';
import mqtt from 'mqtt';
import pg from 'pg';
import { median } from './stats.ts';

const machines = 50;
const messagesPerRun = 100_000;
const rounds = Number(process.env['BENCH_GATEWAY_ROUNDS'] ?? 3);
const publishWindow = 1000;
const gatewayClientId = 'bench-gateway';
/** `BENCH_GATEWAY_CPU_PROF=<dir>` writes a V8 CPU profile of each gateway run there (open it in Chrome DevTools). */
const profileDirectory = process.env['BENCH_GATEWAY_CPU_PROF'];

interface Prepared {
  readonly topic: string;
  readonly payload: Buffer;
}

function prepareMessages(): Prepared[] {
  const fleet = Array.from({ length: machines }, (_, index) => createMachine({ id: `bench-${String(index + 1).padStart(2, '0')}`, seed: index + 1 }));
  const producedAt = new Date();
  return Array.from({ length: messagesPerRun }, (_, index) => {
    const machine = fleet[index % machines]!;
    const message = toTelemetryMessage(machine.next(), { machineId: machine.id, site: 'bench', line: 'line-1' }, producedAt);
    return { topic: telemetryTopic('bench', 'line-1', machine.id), payload: Buffer.from(JSON.stringify(message)) };
  });
}

/** Publishes every message at QoS 1 with `publishWindow` unacknowledged at most; resolves when all are acknowledged. */
async function publishAll(url: string, messages: readonly Prepared[]): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId: `bench-publisher-${process.pid}`, clean: true });
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let acknowledged = 0;
    const pump = () => {
      while (next < messages.length && next - acknowledged < publishWindow) {
        const { topic, payload } = messages[next++]!;
        client.publish(topic, payload, { qos: 1 }, (error) => {
          if (error) return reject(error);
          acknowledged += 1;
          if (acknowledged === messages.length) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  await client.endAsync();
}

/** Starts a child process and resolves when it prints `line`. */
function childPrinting(args: string[], env: NodeJS.ProcessEnv, line: string, nodeArgs: readonly string[] = []): { child: ChildProcess; printed: Promise<void> } {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const printed = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (text) => text.includes(line) && resolve());
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before printing "${line}"`)));
  });
  return { child, printed };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Ends the gateway's persistent session once its run is over. Left in place, the broker would
 * queue every message of the next broker-only run for it (slowing the ceiling down) and hand them
 * to the next gateway run on connect (docs/toolchain.md, "MQTT sessions": test clients must end their sessions).
 */
async function endSession(url: string, clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId, clean: true, protocolVersion: 5, properties: { sessionExpiryInterval: 0 }, reconnectPeriod: 0 });
  await client.endAsync();
}

async function brokerOnly(url: string, messages: readonly Prepared[]): Promise<number> {
  const subscriber = childPrinting(['bench/gateway-plain-subscriber.ts', url, String(messages.length)], {}, 'ready');
  await subscriber.printed;
  const done = new Promise<void>((resolve) => createInterface({ input: subscriber.child.stdout! }).on('line', (text) => text === 'done' && resolve()));
  const started = performance.now();
  await publishAll(url, messages);
  await done;
  const seconds = (performance.now() - started) / 1000;
  await stopChild(subscriber.child);
  return messages.length / seconds;
}

async function throughGateway(urls: { mqtt: string; postgres: string; redis: string }, messages: readonly Prepared[], db: pg.Client): Promise<number> {
  await db.query('TRUNCATE raw_telemetry').catch(() => undefined);
  const port = await freePort();
  const gateway = childPrinting(
    ['apps/edge-gateway/src/main.ts'],
    { MQTT_URL: urls.mqtt, DATABASE_URL: urls.postgres, REDIS_URL: urls.redis, PORT: String(port), MQTT_CLIENT_ID: gatewayClientId },
    'reading',
    profileDirectory === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`],
  );
  await gateway.printed;
  // Ready means subscribed: publishing earlier would lose messages routed to no one.
  const ready = () => fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
  for (let attempt = 0; !(await ready()); attempt += 1) {
    if (attempt === 200) throw new Error('the gateway was not ready within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const started = performance.now();
  await publishAll(urls.mqtt, messages);
  // The gateway's own counter, polled every 100 ms (a scrape costs the gateway CPU: every 20 ms it
  // was 4 % of its profile); count(*) is checked once at the end.
  const deadline = Date.now() + 120_000;
  const inserted = async () => {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text());
    return Number(/^gateway_rows_inserted_total (\d+)/m.exec(text)?.[1] ?? 0);
  };
  while ((await inserted()) < messages.length) {
    if (Date.now() > deadline) throw new Error(`gateway stored fewer than ${messages.length} rows within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Number((await db.query('SELECT count(*)::int AS n FROM raw_telemetry')).rows[0].n);
  await stopChild(gateway.child);
  await endSession(urls.mqtt, gatewayClientId);
  if (rows !== messages.length) throw new Error(`gateway stored ${rows} rows for ${messages.length} messages`);
  return messages.length / seconds;
}

export async function benchGateway(): Promise<void> {
  const [broker, postgres, redis] = await Promise.all([startMosquitto({ maxQueuedMessages: 1_000_000, maxInflightMessages: 1000 }), startPostgres(), startRedis()]);
  const db = new pg.Client({ connectionString: postgres.url });
  try {
    await db.connect();
    const messages = prepareMessages();
    console.log(`gateway benchmark: ${messagesPerRun} messages of ~${messages[0]!.payload.length} bytes from ${machines} machines per run, ${rounds} interleaved rounds (medians)`);
    const ceiling: number[] = [];
    const gateway: number[] = [];
    const urls = { mqtt: broker.url, postgres: postgres.url, redis: redis.url };
    for (let round = 0; round < rounds; round += 1) {
      ceiling.push(await brokerOnly(broker.url, messages));
      gateway.push(await throughGateway(urls, messages, db));
      const roundRatio = gateway.at(-1)! / ceiling.at(-1)!;
      console.log(`  round ${round + 1}: broker-only ${ceiling.at(-1)!.toFixed(0)} msg/s, gateway ${gateway.at(-1)!.toFixed(0)} msg/s, ratio ${roundRatio.toFixed(2)} (rows = messages)`);
    }
    const ratio = median(gateway) / median(ceiling);
    console.log(`  broker-only QoS 1 ceiling   ${median(ceiling).toFixed(0)} msg/s`);
    console.log(`  MQTT → gateway → PostgreSQL ${median(gateway).toFixed(0)} msg/s, zero loss (validation, Redis features, metrics on)`);
    console.log(`  ratio ${ratio.toFixed(2)} of the ceiling (medians of ${rounds} rounds; target ≥ 0.65)`);
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all([broker.destroy(), postgres.destroy(), redis.destroy()]);
  }
}
