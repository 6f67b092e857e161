/**
 * The sensor simulator's settings, parsed once at boot from environment variables (`MACHINES`,
 * `MQTT_URL`, `MQTT_USERNAME`, `MQTT_PASSWORD` as the platform renders them in libs/platform
 * apps.ts). Every problem is reported at once, naming the variable; `main.ts` exits with code 2.
 */
import { checkDriftScenario, topicSegmentPattern, type DriftScenario } from '@millwright/factory';

/** The parsed settings. */
export interface SimulatorConfig {
  /** @default 10 (`MACHINES`) */
  readonly machines: number;
  /** The broker. @default 'mqtt://127.0.0.1:1883' — where the edge gateway's embedded broker listens (`MQTT_URL`) */
  readonly mqttUrl: string;
  readonly mqttUsername: string | undefined;
  readonly mqttPassword: string | undefined;
  /** @default 'plant-1' (`SITE`) */
  readonly site: string;
  /** @default 'line-1' (`LINE`) */
  readonly line: string;
  /** Machine ids are `<prefix>-01`, `<prefix>-02`, … @default 'machine' (`MACHINE_PREFIX`) */
  readonly machinePrefix: string;
  /** Processes per second per machine; 0 publishes as fast as the broker acknowledges. @default 1 (`RATE_HZ`) */
  readonly rateHz: number;
  /** Messages to publish in total, then stop; 0 means no limit. @default 0 (`MESSAGE_LIMIT`) */
  readonly messageLimit: number;
  /** Machine i is seeded with seed + i. @default 1 (`SEED`) */
  readonly seed: number;
  /** Drift at start, as JSON (a DriftScenario array). @default [] (`SCENARIO`) */
  readonly scenario: DriftScenario;
  /** Publishes not yet acknowledged by the broker; the simulator waits beyond it. @default 1000 (`MAX_IN_FLIGHT`) */
  readonly maxInFlight: number;
  /** @default 8080 (`PORT`) */
  readonly port: number;
  /** @default '127.0.0.1' (`HOST`; the image sets 0.0.0.0) */
  readonly host: string;
}

/** A configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid sensor-sim configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const segment = new RegExp(topicSegmentPattern, 'u');

/**
 * A drift scenario from JSON text.
 * @throws RangeError saying what is wrong.
 */
export function parseScenario(text: string): DriftScenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RangeError(`must be a JSON array of drifts: ${(error as Error).message}`);
  }
  if (!Array.isArray(value) || !value.every((drift) => typeof drift === 'object' && drift !== null && !Array.isArray(drift))) {
    throw new RangeError('must be a JSON array of drift objects, e.g. [{"kind":"heatWave","peakK":5}]');
  }
  const scenario = value as DriftScenario;
  checkDriftScenario(scenario);
  return scenario;
}

/**
 * Parses the environment.
 * @throws ConfigError naming every bad variable.
 */
export function loadSimulatorConfig(env: Readonly<Record<string, string | undefined>>): SimulatorConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (name: string, fallback: number, min: number, max: number, whole: boolean) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const level = (name: string, fallback: string) => {
    const value = text(name) ?? fallback;
    if (!segment.test(value)) problems.push(`${name}=${JSON.stringify(value)}: must be letters, digits, "_", "." or "-" (an MQTT topic level, at most 64)`);
    return value;
  };
  const mqttUrl = text('MQTT_URL') ?? 'mqtt://127.0.0.1:1883';
  if (!/^(mqtt|mqtts|tcp|ssl|ws|wss):\/\//i.test(mqttUrl)) problems.push('MQTT_URL: must be a URL starting with mqtt://, mqtts://, ws:// or wss://');
  let scenario: DriftScenario = [];
  const scenarioText = text('SCENARIO');
  if (scenarioText !== undefined) {
    try {
      scenario = parseScenario(scenarioText);
    } catch (error) {
      problems.push(`SCENARIO: ${(error as Error).message}`);
    }
  }
  const config: SimulatorConfig = {
    machines: number('MACHINES', 10, 1, 10_000, true),
    mqttUrl,
    mqttUsername: text('MQTT_USERNAME'),
    mqttPassword: text('MQTT_PASSWORD'),
    site: level('SITE', 'plant-1'),
    line: level('LINE', 'line-1'),
    machinePrefix: level('MACHINE_PREFIX', 'machine'),
    rateHz: number('RATE_HZ', 1, 0, 10_000, false),
    messageLimit: number('MESSAGE_LIMIT', 0, 0, Number.MAX_SAFE_INTEGER, true),
    seed: number('SEED', 1, 0, 2 ** 31, true),
    scenario,
    maxInFlight: number('MAX_IN_FLIGHT', 1000, 1, 65_535, true),
    port: number('PORT', 8080, 0, 65_535, true),
    host: text('HOST') ?? '127.0.0.1',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
