import { telemetryTopic, toTelemetryMessage, createMachine } from '@millwright/factory';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayHandle } from '../src/gateway.ts';
import { metricValue, testConfig, waitFor } from './support.ts';

const topic = telemetryTopic('plant-1', 'line-1', 'mill-01');
const machine = createMachine({ id: 'mill-01', seed: 4 });
const valid = () => toTelemetryMessage(machine.next(), { machineId: 'mill-01', site: 'plant-1', line: 'line-1' }, new Date());

let gateway: GatewayHandle;
let client: mqtt.MqttClient;
const deadLetters: { topic: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  gateway = await startGateway(testConfig({}));
  client = await mqtt.connectAsync(gateway.mqttUrl, { clientId: 'malformed-test' });
  client.on('message', (deadTopic, payload) => deadLetters.push({ topic: deadTopic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await client.subscribeAsync('dead-letter/#', { qos: 1 });
});

afterAll(async () => {
  await client?.endAsync();
  await gateway?.close();
});

describe('the gateway with malformed messages', () => {
  it('dead-letters bad JSON, missing fields, wrong units and a 1 MB payload, counts them by reason, and keeps ingesting', async () => {
    const missingField: Record<string, unknown> = { ...valid() };
    delete missingField['readings'];
    const wrongUnit = valid();
    const wrongUnitPayload = { ...wrongUnit, readings: { ...wrongUnit.readings, torque: { value: 30, unit: 'lbf ft' } } };
    const bad = [
      '{"schemaVersion": 1, "messageId": ',
      JSON.stringify(missingField),
      JSON.stringify(wrongUnitPayload),
      Buffer.alloc(1024 * 1024, 'x'),
      JSON.stringify(valid()).replace('"mill-01-', '"mill-01-x'), // valid message, still ingested
    ];
    for (const payload of bad) await client.publishAsync(topic, payload, { qos: 1 });
    await client.publishAsync(telemetryTopic('plant-1', 'line-1', 'mill-99'), JSON.stringify(valid()), { qos: 1 });
    await client.publishAsync(topic, JSON.stringify(valid()), { qos: 1 });

    await waitFor(() => deadLetters.length >= 5, () => `5 dead letters, got ${deadLetters.length}`);
    await waitFor(async () => (await gateway.store.count()) === 2, () => 'the two valid messages to be stored');
    expect(deadLetters.map((letter) => letter.body['reason'])).toEqual(['not_json', 'invalid_fields', 'invalid_fields', 'too_large', 'topic_mismatch']);
    expect(deadLetters[0]!.topic).toBe(`dead-letter/${topic}`);
    expect(deadLetters[2]!.body['errors']).toEqual([{ field: 'readings.torque.unit', reason: 'must be "Nm", got "lbf ft"' }]);
    expect(deadLetters[3]!.body).toMatchObject({ payloadBytes: 1024 * 1024, payloadTruncated: true });
    const metrics = await gateway.metrics.registry.metrics();
    expect(metricValue(metrics, 'gateway_dead_letters_total{reason="invalid_fields"}')).toBe(2);
    expect(metricValue(metrics, 'gateway_dead_letters_total{reason="too_large"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_rows_inserted_total')).toBe(2);
    const ready = await fetch(`${gateway.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
  });
});
