/**
 * The edge gateway's settings, parsed once at boot from environment variables (the names the
 * platform renders in libs/platform apps.ts). Every problem is reported at once, naming the
 * variable, the value and the expected form; `main.ts` prints them and exits with code 2.
 */
import { join } from 'node:path';
import { telemetryTopicFilter } from '@millwright/factory';
import { millwrightHome } from '@millwright/registry';
import { defaultTelemetryRetention, type TelemetryRetention } from './telemetry-retention.ts';

/** The parsed settings. */
export interface GatewayConfig {
  /** The broker; unset starts the embedded one (aedes) on `embeddedMqttPort`. (`MQTT_URL`) */
  readonly mqttUrl: string | undefined;
  /** Port of the embedded broker, on 127.0.0.1; 0 picks a free one. @default 1883 (`EMBEDDED_MQTT_PORT`) */
  readonly embeddedMqttPort: number;
  readonly mqttUsername: string | undefined;
  readonly mqttPassword: string | undefined;
  /** The persistent session's identity: keep it stable, or queued messages are lost. @default 'edge-gateway' (`MQTT_CLIENT_ID`) */
  readonly mqttClientId: string;
  /** @default 'factory/+/+/+/telemetry' (`MQTT_TOPIC`) */
  readonly mqttTopic: string;
  /** Seconds the broker keeps the session (and queues for it) while the gateway is away. @default 604800 (`MQTT_SESSION_EXPIRY_SECONDS`) */
  readonly sessionExpirySeconds: number;
  /** PostgreSQL; unset means embedded PGlite under `home`, `memory://` keeps it in memory. (`DATABASE_URL`) */
  readonly databaseUrl: string | undefined;
  /**
   * What the embedded store keeps (`TELEMETRY_RETENTION_HOURS`, `TELEMETRY_RETENTION_MAX_ROWS`);
   * PostgreSQL's raw_telemetry is left alone. @default {@link defaultTelemetryRetention}
   */
  readonly telemetryRetention: TelemetryRetention;
  /** Redis; unset means the in-memory feature store. (`REDIS_URL`) */
  readonly redisUrl: string | undefined;
  /** @default 3600 (`FEATURE_TTL_SECONDS`) */
  readonly featureTtlSeconds: number;
  /** The inference API; unset turns online scoring off. (`INFERENCE_API_URL`) */
  readonly inferenceApiUrl: string | undefined;
  /** Readings waiting to be scored; beyond it they are skipped and counted. @default 1000 (`SCORING_QUEUE`) */
  readonly scoringQueue: number;
  /**
   * Most messages in one INSERT. Keep it at most half the broker's in-flight window: PUBACKs wait
   * for the commit, so a batch as large as the window would stop the broker until it commits,
   * instead of filling the next batch meanwhile. Over MQTT 5 that window is the gateway's own
   * receive maximum (`MAX_IN_FLIGHT`); mosquitto 2.0's `max_inflight_messages` (1000 in the
   * rendered mosquitto.conf) bounds MQTT 3.1.1 clients only — measured: with 1000 there, an MQTT 5
   * client with receive maximum 10000 was sent 3000 of 3000 messages unacknowledged. 1000 measured
   * best in `npm run bench -- gateway` (0.63-0.78 of the broker-only ceiling, against 0.55-0.58 at 250).
   * @default 1000 (`BATCH_SIZE`)
   */
  readonly batchSize: number;
  /** Longest a message waits for its batch to fill. @default 20 (`BATCH_LINGER_MS`) */
  readonly batchLingerMs: number;
  /** Messages received and not yet committed; reading from the broker pauses beyond it. @default 10000 (`MAX_IN_FLIGHT`) */
  readonly maxInFlight: number;
  /** @default 8080 (`PORT`) */
  readonly port: number;
  /** @default '127.0.0.1' (`HOST`; the image sets 0.0.0.0) */
  readonly host: string;
  /** Where the embedded PGlite database lives (`MILLWRIGHT_HOME`, default `<repo>/.millwright`). */
  readonly home: string;
}

/** A configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid edge-gateway configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables by name. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads variables and collects what is wrong with them; shared by the gateway and its tests. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  url(name: string, schemes: readonly string[]): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
    if (scheme === undefined || !schemes.includes(scheme)) {
      // The value may hold a password: name the scheme, never echo the URL.
      this.problems.push(`${name}: must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}, got ${scheme === undefined ? 'no scheme' : `${scheme}://…`}`);
      return undefined;
    }
    return raw;
  }
}

/**
 * Parses the environment. `workspaceRoot` locates `.millwright/` when `MILLWRIGHT_HOME` is unset.
 * @throws ConfigError naming every bad variable.
 */
export function loadGatewayConfig(env: Env, workspaceRoot: string): GatewayConfig {
  const read = new EnvReader(env);
  const config: GatewayConfig = {
    mqttUrl: read.url('MQTT_URL', ['mqtt', 'mqtts', 'tcp', 'ssl', 'ws', 'wss']),
    embeddedMqttPort: read.integer('EMBEDDED_MQTT_PORT', 1883, 0, 65_535),
    mqttUsername: read.text('MQTT_USERNAME'),
    mqttPassword: read.text('MQTT_PASSWORD'),
    mqttClientId: read.text('MQTT_CLIENT_ID') ?? 'edge-gateway',
    mqttTopic: read.text('MQTT_TOPIC') ?? telemetryTopicFilter,
    sessionExpirySeconds: read.integer('MQTT_SESSION_EXPIRY_SECONDS', 7 * 24 * 3600, 1, 0xffff_ffff),
    databaseUrl: read.text('DATABASE_URL') === 'memory://' ? 'memory://' : read.url('DATABASE_URL', ['postgres', 'postgresql']),
    telemetryRetention: {
      ...defaultTelemetryRetention,
      maxAgeHours: read.integer('TELEMETRY_RETENTION_HOURS', defaultTelemetryRetention.maxAgeHours, 1, 87_600),
      maxRows: read.integer('TELEMETRY_RETENTION_MAX_ROWS', defaultTelemetryRetention.maxRows, 1000, 100_000_000),
    },
    redisUrl: read.url('REDIS_URL', ['redis', 'rediss']),
    featureTtlSeconds: read.integer('FEATURE_TTL_SECONDS', 3600, 1, 365 * 24 * 3600),
    inferenceApiUrl: read.url('INFERENCE_API_URL', ['http', 'https']),
    scoringQueue: read.integer('SCORING_QUEUE', 1000, 1, 1_000_000),
    batchSize: read.integer('BATCH_SIZE', 1000, 1, 10_000),
    batchLingerMs: read.integer('BATCH_LINGER_MS', 20, 0, 10_000),
    maxInFlight: read.integer('MAX_IN_FLIGHT', 10_000, 1, 1_000_000),
    port: read.integer('PORT', 8080, 0, 65_535),
    host: read.text('HOST') ?? '127.0.0.1',
    home: millwrightHome(env, workspaceRoot),
  };
  if (config.maxInFlight < config.batchSize) read.problems.push(`MAX_IN_FLIGHT=${config.maxInFlight}: must be at least BATCH_SIZE (${config.batchSize}), or no batch could fill`);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Where the embedded PGlite database of the gateway lives. */
export function pgliteDirectory(config: GatewayConfig): string {
  return join(config.home, 'edge-gateway', 'pglite');
}
