/**
 * The sensor simulator, startable in-process: N machines with the physics of libs/factory, each
 * publishing one versioned telemetry message per process to its own topic at QoS 1, at a steady
 * rate (or as fast as the broker acknowledges), with at most `maxInFlight` publishes
 * unacknowledged and an optional total limit. mqtt.js keeps unacknowledged publishes and resends
 * them after a reconnect; reconnect attempts back off from 1 s to 30 s.
 */
import { checkDriftScenario, createMachine, telemetryTopic, toTelemetryMessage, type DriftScenario, type Machine } from '@millwright/factory';
import mqtt from 'mqtt';
import type { SimulatorConfig } from './config.ts';

/** A running simulator. */
export interface SimulatorHandle {
  readonly machineIds: readonly string[];
  /** Messages the broker has acknowledged. */
  acknowledged(): number;
  /** Messages handed to the MQTT client. */
  published(): number;
  /** The scenario set at run time (drift `startsAt` counted from when it was set). */
  scenario(): DriftScenario;
  /**
   * Switches every machine to `scenario` from its next process on; each drift's `startsAt`
   * counts processes from now.
   * @throws RangeError when the scenario cannot be simulated.
   */
  setScenario(scenario: DriftScenario): void;
  /** Resolves once `messageLimit` messages are acknowledged (never without a limit). */
  readonly finished: Promise<void>;
  readonly connected: () => boolean;
  /** Stops publishing and disconnects (unacknowledged publishes are dropped). */
  close(): Promise<void>;
}

interface LiveMachine {
  readonly machine: Machine;
  readonly topic: string;
  processes: number;
}

/** How often the pacing loop runs; each tick publishes whatever is due. */
const tickMs = 10;
const reconnectMs = { first: 1000, max: 30_000 } as const;

export function startSimulator(config: SimulatorConfig, options: { log?: (line: string) => void } = {}): SimulatorHandle {
  const log = options.log ?? (() => undefined);
  const machines: LiveMachine[] = Array.from({ length: config.machines }, (_, index) => {
    const id = `${config.machinePrefix}-${String(index + 1).padStart(2, '0')}`;
    return { machine: createMachine({ id, seed: config.seed + index, scenario: config.scenario }), topic: telemetryTopic(config.site, config.line, id), processes: 0 };
  });
  let currentScenario = config.scenario;
  const client = mqtt.connect(config.mqttUrl, {
    username: config.mqttUsername,
    password: config.mqttPassword,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: reconnectMs.first,
    connectTimeout: 10_000,
  });
  client.on('error', (error) => log(`MQTT: ${error.message}`));
  // Backoff: each failed attempt doubles the wait, a successful connect resets it.
  client.on('close', () => {
    client.options.reconnectPeriod = Math.min((client.options.reconnectPeriod ?? reconnectMs.first) * 2, reconnectMs.max);
  });
  client.on('connect', () => {
    client.options.reconnectPeriod = reconnectMs.first;
  });

  let published = 0;
  let acknowledged = 0;
  let stopped = false;
  const started = performance.now();
  const limit = config.messageLimit > 0 ? config.messageLimit : Number.POSITIVE_INFINITY;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const due = () => (config.rateHz === 0 ? limit : Math.min(limit, Math.floor(((performance.now() - started) / 1000) * config.rateHz * machines.length)));

  const publishDue = () => {
    const target = due();
    while (!stopped && published < target && published - acknowledged < config.maxInFlight) {
      const live = machines[published % machines.length]!;
      const message = toTelemetryMessage(live.machine.next(), { machineId: live.machine.id, site: config.site, line: config.line }, new Date());
      live.processes += 1;
      published += 1;
      client.publish(live.topic, JSON.stringify(message), { qos: 1 }, (error) => {
        if (error) {
          log(`publish of ${message.messageId} failed: ${error.message}`);
          return;
        }
        acknowledged += 1;
        if (acknowledged >= limit) finish();
        else if (config.rateHz === 0) publishDue();
      });
    }
  };
  const timer = setInterval(publishDue, tickMs);

  return {
    machineIds: machines.map((live) => live.machine.id),
    acknowledged: () => acknowledged,
    published: () => published,
    scenario: () => currentScenario,
    setScenario: (scenario) => {
      checkDriftScenario(scenario);
      for (const live of machines) {
        live.machine.setScenario(scenario.map((drift) => ({ ...drift, startsAt: live.processes + (drift.startsAt ?? 0) })));
      }
      currentScenario = scenario;
    },
    finished,
    connected: () => client.connected,
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.race([client.endAsync(false), new Promise((resolve) => setTimeout(resolve, 2000))]);
      client.end(true);
    },
  };
}
