/**
 * The embedded MQTT broker (aedes, in this process) that stands in for Mosquitto when `MQTT_URL`
 * is unset. It speaks MQTT 3.1.1 only and keeps sessions in memory: for one machine, not for the
 * edge (docs/architecture.md, "Embedded defaults and real services").
 */
import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

/** A running embedded broker. */
export interface EmbeddedBroker {
  /** `mqtt://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts aedes on 127.0.0.1 (`port` 0 picks a free one). */
export async function startEmbeddedBroker(port: number): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`the embedded MQTT broker cannot listen on 127.0.0.1:${port}: ${error.message} (set EMBEDDED_MQTT_PORT, or MQTT_URL for a real broker)`)));
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${bound}`,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
