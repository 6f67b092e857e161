// Pins the mqtt.js behaviour the PUBACK gate relies on (a private method of mqtt 5.16.0): if an
// upgrade changes it, this test fails before a gateway acknowledges what it has not committed.
import { startMosquitto, type MosquittoServer } from '@millwright/test-servers';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckGate, type AckTicket } from '../src/ack-gate.ts';
import { waitFor } from './support.ts';

let broker: MosquittoServer;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker?.destroy());

const session = (clientId: string, expiry = 300): IClientOptions => ({ clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: expiry }, reconnectPeriod: 0 });

/** A subscriber whose PUBACKs go through a gate; returns the tickets of what it received. */
async function gatedSubscriber(clientId: string, expiry = 300) {
  const client = mqtt.connect(broker.url, { ...session(clientId, expiry), manualConnect: true });
  const gate = new AckGate(client);
  const received: { payload: string; ticket: AckTicket }[] = [];
  client.handleMessage = (packet, callback) => {
    received.push({ payload: packet.payload.toString(), ticket: gate.admit(packet.messageId!) });
    callback();
  };
  client.connect();
  await new Promise((resolve) => client.once('connect', resolve));
  await client.subscribeAsync('gate/#', { qos: 1 });
  return { client, gate, received };
}

async function publish(...payloads: string[]): Promise<void> {
  const publisher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  for (const payload of payloads) await publisher.publishAsync('gate/test', payload, { qos: 1 });
  await publisher.endAsync();
}

describe('AckGate on mqtt 5.16.0', () => {
  it('holds PUBACKs until released, so the broker redelivers what was never released', async () => {
    const first = await gatedSubscriber('gate-held');
    await publish('a', 'b', 'c');
    await waitFor(() => first.received.length === 3, () => 'three messages');
    await first.client.endAsync();

    const second = await gatedSubscriber('gate-held');
    await waitFor(() => second.received.length === 3, () => 'three redelivered messages');
    expect(second.received.map((message) => message.payload)).toEqual(['a', 'b', 'c']);
    second.gate.release(second.received.map((message) => message.ticket));
    expect(second.gate.sent).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await second.client.endAsync();

    const third = await gatedSubscriber('gate-held', 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(third.received).toEqual([]);
    await third.client.endAsync();
  });

  it('sends PUBACKs in arrival order: a later message waits for an earlier one', async () => {
    const subscriber = await gatedSubscriber('gate-order', 0);
    await publish('1', '2');
    await waitFor(() => subscriber.received.length === 2, () => 'two messages');
    subscriber.gate.release([subscriber.received[1]!.ticket]);
    expect(subscriber.gate.sent).toBe(0);
    subscriber.gate.release([subscriber.received[0]!.ticket]);
    expect(subscriber.gate.sent).toBe(2);
    await subscriber.client.endAsync();
  });

  it('drops PUBACKs owed on a connection that has ended', async () => {
    const subscriber = await gatedSubscriber('gate-stale', 0);
    await publish('x');
    await waitFor(() => subscriber.received.length === 1, () => 'one message');
    subscriber.client.reconnect();
    await new Promise((resolve) => subscriber.client.once('connect', resolve));
    subscriber.gate.release([subscriber.received[0]!.ticket]);
    expect(subscriber.gate.sent).toBe(0);
    await subscriber.client.endAsync();
  });
});
