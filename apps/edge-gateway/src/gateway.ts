/**
 * The edge gateway, startable in-process: MQTT (persistent session, QoS 1) → validation →
 * batched idempotent inserts into raw_telemetry → PUBACK after COMMIT; the latest features per
 * machine into the feature store; optional online scoring and alerts; dead letters for what
 * cannot be ingested; bounded memory; Prometheus metrics and probes on one HTTP port. A
 * PostgreSQL that cannot be reached at start does not stop it: it keeps trying (retrying-store.ts).
 * `main.ts` runs it as a process; `npm start` and the tests call {@link startGateway} directly.
 */
import type { AddressInfo } from 'node:net';
import { alertTopic, telemetryModelInput } from '@millwright/factory';
import { MemoryFeatureStore, RedisFeatureStore, type FeatureStoreWriter } from '@millwright/feature-store';
import mqtt, { type IPublishPacket } from 'mqtt';
import { acceptMessage, type AcceptedMessage } from './accept-message.ts';
import { AckGate, type AckTicket } from './ack-gate.ts';
import { BatchWriter, type BatchEntry } from './batch-writer.ts';
import { pgliteDirectory, type GatewayConfig } from './config.ts';
import { deadLetter, deadLetterTopic } from './dead-letter.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { FeatureUpdater } from './feature-updater.ts';
import { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.ts';
import { OnlineScorer, type FailureAlert } from './online-scorer.ts';
import { startOpsServer } from './ops-server.ts';
import type { RetrySchedule } from './retry-delay.ts';
import { RetryingStore } from './retrying-store.ts';
import { openTelemetryStore, postgresAddress, type TelemetryStore } from './telemetry-store.ts';

/** What the embedding process may hand the gateway instead of what the config names. */
export interface GatewayDependencies {
  /** A feature store shared with an in-process inference API. @default Redis when `redisUrl` is set, else a new MemoryFeatureStore */
  readonly featureStore?: FeatureStoreWriter;
  /** Progress and problems, one line each. @default discard */
  readonly log?: (line: string) => void;
  /** The waits between attempts to open PostgreSQL (tests shorten them). @default defaultRetrySchedule */
  readonly databaseRetry?: RetrySchedule;
}

/** A running gateway. */
export interface GatewayHandle {
  /** The broker the gateway reads from (the embedded one's URL when `mqttUrl` was unset). */
  readonly mqttUrl: string;
  /** `http://host:port` of /metrics, /healthz, /readyz. */
  readonly httpUrl: string;
  readonly metrics: GatewayMetrics;
  /** raw_telemetry; until PostgreSQL is open its inserts wait, and its other calls reject naming why. */
  readonly store: TelemetryStore;
  readonly featureStore: FeatureStoreWriter;
  /**
   * Commits what is buffered (at most `timeoutMs`, default 5000), acknowledges it, and stops
   * everything it started; before PostgreSQL opened, it stops at once and acknowledges nothing.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** What a batch entry carries to its commit. */
interface Committed {
  readonly ticket: AckTicket | undefined;
  readonly accepted: AcceptedMessage;
}

/**
 * Opens raw_telemetry: PostgreSQL in the background, retrying until it is reachable; the embedded
 * store at once, since it is a local folder whose failures waiting would not fix.
 */
async function openRawTelemetry(config: GatewayConfig, log: (line: string) => void, schedule: RetrySchedule | undefined): Promise<RetryingStore> {
  const open = () =>
    openTelemetryStore(config.databaseUrl, pgliteDirectory(config), {
      retention: config.telemetryRetention,
      onRetentionError: (error) => log(`pruning raw_telemetry to its retention failed, trying again in ${config.telemetryRetention.intervalSeconds} s: ${error.message}`),
    });
  const address = postgresAddress(config.databaseUrl);
  if (address === undefined) return new RetryingStore({ open, target: 'the embedded store', log }, await open());
  return new RetryingStore({ open, target: `PostgreSQL at ${address}`, log, ...(schedule ? { schedule } : {}) });
}

/**
 * Starts the gateway; resolves once its HTTP port listens. PostgreSQL is opened and migrated in
 * the background (its progress on /readyz); the embedded store before this resolves.
 */
export async function startGateway(config: GatewayConfig, dependencies: GatewayDependencies = {}): Promise<GatewayHandle> {
  const log = dependencies.log ?? (() => undefined);
  const metrics = createGatewayMetrics();
  const store = await openRawTelemetry(config, log, dependencies.databaseRetry);
  const featureStore = dependencies.featureStore ?? (config.redisUrl ? new RedisFeatureStore(config.redisUrl, { ttlSeconds: config.featureTtlSeconds }) : new MemoryFeatureStore());
  const broker: EmbeddedBroker | undefined = config.mqttUrl === undefined ? await startEmbeddedBroker(config.embeddedMqttPort) : undefined;
  const mqttUrl = config.mqttUrl ?? broker!.url;

  const client = mqtt.connect(mqttUrl, {
    manualConnect: true,
    clientId: config.mqttClientId,
    username: config.mqttUsername,
    password: config.mqttPassword,
    // A persistent session: the broker queues telemetry while the gateway is away and redelivers
    // what it never acknowledged. MQTT 5 needs clean:false AND an expiry > 0 (docs/toolchain.md, "MQTT sessions").
    clean: false,
    // aedes (the embedded broker) speaks MQTT 3.1.1 only.
    protocolVersion: broker ? 4 : 5,
    ...(broker ? {} : { properties: { sessionExpiryInterval: config.sessionExpirySeconds, receiveMaximum: Math.min(65_535, config.maxInFlight) } }),
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    resubscribe: false,
  });
  const gate = new AckGate(client);
  let databaseFailing = false;
  let open = 0;
  let closing = false;
  let waitingForRoom: (() => void) | undefined;

  const finish = (tickets: readonly (AckTicket | undefined)[]) => {
    gate.release(tickets.filter((ticket): ticket is AckTicket => ticket !== undefined));
    open -= tickets.length;
    metrics.inFlight.set(open);
    if (waitingForRoom && open < config.maxInFlight) {
      const resume = waitingForRoom;
      waitingForRoom = undefined;
      resume();
    }
  };

  const features = new FeatureUpdater(featureStore, (error) => {
    metrics.featureStoreErrors.inc();
    log(`feature store update failed: ${(error as Error).message}`);
  });
  const scorer = config.inferenceApiUrl
    ? new OnlineScorer({
        inferenceApiUrl: config.inferenceApiUrl,
        queueLimit: config.scoringQueue,
        onSkipped: (reason, count) => metrics.scoringSkipped.inc({ reason }, count),
        onAlert: (alert: FailureAlert) => {
          metrics.alerts.inc();
          client.publish(alertTopic(alert.site, alert.line, alert.machineId), JSON.stringify(alert), { qos: 1 }, () => undefined);
        },
      })
    : undefined;

  const writer = new BatchWriter<Committed>({
    store,
    batchSize: config.batchSize,
    lingerMs: config.batchLingerMs,
    onError: (error) => {
      metrics.databaseErrors.inc();
      if (!databaseFailing) log(`raw_telemetry insert failed, retrying: ${(error as Error).message}`);
      databaseFailing = true;
    },
    onCommitted: (entries: readonly BatchEntry<Committed>[], inserted, seconds) => {
      databaseFailing = false;
      metrics.inserted.inc(inserted);
      metrics.duplicates.inc(entries.length - inserted);
      metrics.commitSeconds.observe(seconds);
      finish(entries.map((entry) => entry.extra.ticket));
      for (const { extra } of entries) {
        const { message } = extra.accepted;
        features.offer(message);
        scorer?.offer({ message, input: telemetryModelInput(message) });
      }
    },
  });

  client.handleMessage = (packet: IPublishPacket, callback) => {
    if (closing) return; // not acknowledged: the broker redelivers it to the next gateway
    metrics.received.inc();
    const ticket = packet.qos > 0 && packet.messageId !== undefined ? gate.admit(packet.messageId) : undefined;
    open += 1;
    metrics.inFlight.set(open);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const accepted = acceptMessage(packet.topic, payload);
    if (accepted.ok) {
      writer.add({ row: accepted.row, extra: { ticket, accepted } });
    } else {
      metrics.deadLetters.inc({ reason: accepted.reason });
      const letter = deadLetter(packet.topic, payload, accepted.reason, accepted.errors, new Date());
      client.publish(deadLetterTopic(packet.topic), JSON.stringify(letter), { qos: 1 }, () => finish([ticket]));
    }
    // Backpressure: at the bound, stop reading until commits make room (mqtt.js processes the
    // connection's next packet only after this callback).
    if (open < config.maxInFlight) callback();
    else waitingForRoom = () => callback();
  };
  // Ready only once the broker has granted the subscription: a new session stores nothing
  // published before its SUBACK, so a publisher that starts on "connected" would lose its first
  // messages (the kill -9 test lost 337–1523 that way, every one sent before the SUBSCRIBE).
  let subscribed = false;
  client.on('connect', () => {
    subscribed = false;
    client.subscribe(config.mqttTopic, { qos: 1 }, (error, granted) => {
      const qos = granted?.[0]?.qos;
      if (error || qos !== 1) {
        log(`subscribing to ${config.mqttTopic} at QoS 1 failed: ${error?.message ?? `the broker granted ${qos}`}`);
        return;
      }
      subscribed = true;
      log(`subscribed to ${config.mqttTopic} at QoS 1`);
    });
  });
  client.on('close', () => (subscribed = false));
  client.on('error', (error) => log(`MQTT: ${error.message}`));
  client.on('offline', () => log(`MQTT: disconnected from ${mqttUrl}, reconnecting`));
  // The broker connection does not wait for PostgreSQL. What arrives before the store opens goes
  // into batches whose inserts wait for it, and is acknowledged only once committed (ack-gate.ts):
  // the path a running gateway takes in a database outage, bounded the same way — reading pauses
  // at MAX_IN_FLIGHT and the broker queues the rest in the persistent session. Subscribing at
  // once also means a first start's new session stores what is published meanwhile (a session
  // stores nothing before its SUBACK). The feature store follows commits, so, as in an outage
  // while running, it catches up once PostgreSQL is reachable.
  client.connect();

  const ops = await startOpsServer(
    metrics,
    {
      notReady: () => [
        ...(store.isOpen ? [] : [store.notOpen()!]),
        ...(client.connected ? [] : [`not connected to the MQTT broker at ${mqttUrl}`]),
        ...(client.connected && !subscribed ? [`the broker has not yet granted the subscription to ${config.mqttTopic}`] : []),
        ...(databaseFailing ? ['inserts into raw_telemetry are failing'] : []),
      ],
    },
    { port: config.port, host: config.host },
  );
  const address = ops.server.address() as AddressInfo;

  return {
    mqttUrl,
    httpUrl: `http://${config.host}:${address.port}`,
    metrics,
    store,
    featureStore,
    close: async (timeoutMs = 5000) => {
      closing = true;
      waitingForRoom = undefined;
      // Before the store opened nothing can commit: waiting for it would only delay SIGTERM.
      if (store.isOpen) await writer.flush(timeoutMs);
      writer.stop();
      await features.drain();
      await scorer?.close();
      await Promise.race([client.endAsync(false), new Promise((resolve) => setTimeout(resolve, 2000))]);
      client.end(true);
      await ops.close();
      await store.close();
      await featureStore.close();
      await broker?.close();
    },
  };
}
