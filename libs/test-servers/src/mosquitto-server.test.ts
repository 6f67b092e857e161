import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type MosquittoServer } from './mosquitto-server.ts';

describe('startMosquitto', () => {
  let broker: MosquittoServer;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(() => broker.destroy());

  it('keeps a persistent session and its queued messages across a restart', async () => {
    const session = { clientId: 'test-session', clean: false, protocolVersion: 5 as const, properties: { sessionExpiryInterval: 60 }, reconnectPeriod: 0 };
    const subscriber = await mqtt.connectAsync(broker.url, session);
    await subscriber.subscribeAsync('kept/#', { qos: 1 });
    await subscriber.endAsync();
    const publisher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await publisher.publishAsync('kept/one', 'queued', { qos: 1 });
    await publisher.endAsync();

    await broker.stop();
    await broker.start();

    // The broker delivers the queued message right after CONNACK: listen before connecting.
    const resumed = mqtt.connect(broker.url, { ...session, properties: { sessionExpiryInterval: 0 } });
    const message = await new Promise<string>((resolve) => resumed.once('message', (_topic, payload) => resolve(payload.toString())));
    await resumed.endAsync();
    expect(message).toBe('queued');
  });
});
