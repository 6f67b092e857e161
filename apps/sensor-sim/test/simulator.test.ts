import { parseTelemetryMessage } from '@millwright/factory';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSimulatorConfig } from '../src/config.ts';
import { startSimulatorOpsServer } from '../src/ops-server.ts';
import { startSimulator } from '../src/simulator.ts';

let broker: Aedes;
let server: Server;
let url: string;

beforeAll(async () => {
  broker = await Aedes.createBroker();
  server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('loadSimulatorConfig', () => {
  it('names every bad variable at once', () => {
    expect(() => loadSimulatorConfig({ MACHINES: 'ten', RATE_HZ: '-1', SITE: 'a/b', SCENARIO: '[{"kind":"heatWave"}]' })).toThrow(ConfigError);
    try {
      loadSimulatorConfig({ MACHINES: 'ten', RATE_HZ: '-1', SITE: 'a/b' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'MACHINES="ten": must be a whole number from 1 to 10000',
        'SITE="a/b": must be letters, digits, "_", "." or "-" (an MQTT topic level, at most 64)',
        'RATE_HZ="-1": must be a number from 0 to 10000',
      ]);
    }
  });

  it('defaults to 10 machines at 1 Hz on the gateway embedded broker', () => {
    expect(loadSimulatorConfig({})).toMatchObject({ machines: 10, rateHz: 1, mqttUrl: 'mqtt://127.0.0.1:1883', messageLimit: 0 });
  });
});

describe('startSimulator', () => {
  it('publishes valid telemetry for each machine on its own topic up to the limit, and switches drift at run time', async () => {
    const subscriber = await mqtt.connectAsync(url);
    const received: { topic: string; payload: Buffer }[] = [];
    subscriber.on('message', (topic, payload) => received.push({ topic, payload }));
    await subscriber.subscribeAsync('factory/#', { qos: 1 });
    const simulator = startSimulator(loadSimulatorConfig({ MQTT_URL: url, MACHINES: '3', RATE_HZ: '0', MESSAGE_LIMIT: '30', SITE: 'p', LINE: 'l' }));
    const ops = await startSimulatorOpsServer(simulator, { port: 0, host: '127.0.0.1' });
    await simulator.finished;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(30);
    expect(new Set(received.map((message) => message.topic))).toEqual(new Set(['factory/p/l/machine-01/telemetry', 'factory/p/l/machine-02/telemetry', 'factory/p/l/machine-03/telemetry']));
    expect(received.every((message) => parseTelemetryMessage(message.payload).ok)).toBe(true);

    const base = `http://127.0.0.1:${(ops.server.address() as AddressInfo).port}`;
    const bad = await fetch(`${base}/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[{"kind":"fasterToolWear","multiplier":0}]' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('multiplier must be a positive number');
    const good = await fetch(`${base}/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[{"kind":"heatWave","peakK":5}]' });
    expect(good.status).toBe(200);
    expect(simulator.scenario()).toEqual([{ kind: 'heatWave', peakK: 5 }]);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('sensor_messages_published_total 30');

    await ops.close();
    await simulator.close();
    await subscriber.endAsync();
  });
});
