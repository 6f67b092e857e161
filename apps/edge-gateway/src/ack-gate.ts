/**
 * Holds the gateway's PUBACKs until what they acknowledge is safe, then sends them in the order
 * the messages arrived (MQTT 3.1.1 §4.6 and MQTT 5 §4.6 require that order).
 *
 * mqtt.js has no manual-ack API: its `handleMessage(packet, callback)` sends the PUBACK when the
 * callback runs, but it also stops processing the connection's packets until then, so holding
 * the callback until a batch commits would allow one message in flight (~2.6k msg/s, docs/toolchain.md, "mqtt.js and the delayed PUBACK").
 * Instead the callback runs at once and this gate swallows the PUBACK mqtt.js then sends, by
 * wrapping the client's private `_sendPacket` (mqtt.js is pinned at 5.16.0 for this; the test
 * ack-gate.test.ts fails if an upgrade changes it). Once a message is committed (or
 * dead-lettered) the gate writes its PUBACK itself — only on the connection it arrived on: after a
 * reconnect the broker redelivers every unacknowledged message of the persistent session, and the
 * primary key absorbs the copies.
 */
import type { MqttClient } from 'mqtt';

/** One received QoS 1 message, waiting to be acknowledged. */
export interface AckTicket {
  readonly packetId: number;
  readonly connection: number;
  done: boolean;
}

type SendPacket = (packet: Record<string, unknown>, callback?: (error?: Error) => void, ...rest: unknown[]) => void;

/** The private method of mqtt.js the gate wraps. */
interface ClientInternals {
  _sendPacket: SendPacket;
}

export class AckGate {
  private readonly send: SendPacket;
  private connection = 0;
  private queue: AckTicket[] = [];
  /** Where the unacknowledged tickets start in `queue`. */
  private head = 0;
  /** PUBACKs written (tests, metrics). */
  sent = 0;

  constructor(private readonly client: MqttClient) {
    const internals = client as unknown as ClientInternals;
    if (typeof internals._sendPacket !== 'function') throw new Error('mqtt.js no longer has _sendPacket: the PUBACK gate needs the pinned mqtt 5.16.0');
    this.send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, callback, ...rest) => {
      if (packet['cmd'] === 'puback') {
        // Held: this gate sends it once the message is safe (see release).
        callback?.();
        return;
      }
      this.send(packet, callback, ...rest);
    };
    // A new connection: acknowledgements owed on the old one are void (the broker redelivers).
    client.on('connect', () => {
      this.connection += 1;
      this.queue = [];
      this.head = 0;
    });
  }

  /** Registers a QoS 1 message as it arrives, before it is handed to the batch or the dead-letter path. */
  admit(packetId: number): AckTicket {
    const ticket: AckTicket = { packetId, connection: this.connection, done: false };
    this.queue.push(ticket);
    return ticket;
  }

  /** Marks messages safe and sends every PUBACK that is now first in line. */
  release(tickets: Iterable<AckTicket>): void {
    for (const ticket of tickets) ticket.done = true;
    // The queue is consumed from `head` and compacted once half of it is spent: slicing it on
    // every release made each commit cost as much as the whole window (up to MAX_IN_FLIGHT).
    while (this.head < this.queue.length && this.queue[this.head]!.done) {
      const ticket = this.queue[this.head]!;
      this.head += 1;
      if (ticket.connection !== this.connection || !this.client.connected) continue;
      this.send({ cmd: 'puback', messageId: ticket.packetId, reasonCode: 0 });
      this.sent += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** Tickets not yet acknowledged on the current connection. */
  get waiting(): number {
    return this.queue.length - this.head;
  }
}
