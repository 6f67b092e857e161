import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, connectClient, readAll, sha256, startProxyTo, startTestServer, writeWithBackpressure } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Sends `toServer` from a client and `toClient` from the server at once, through a proxy with `toxics`. */
async function exchangeThroughProxy(toServer: Buffer, toClient: Buffer, latencyMs: number, jitterMs: number) {
  let serverReceived: (received: Promise<Buffer>) => void = () => undefined;
  const atServer = new Promise<Buffer>((resolve) => (serverReceived = resolve));
  const server = await startTestServer(cleanup, (socket) => {
    serverReceived(readAll(socket));
    void writeWithBackpressure(socket, toClient);
  });
  const proxy = await startProxyTo(cleanup, server.port, { seed: 99 });
  proxy.setToxics('both', { latencyMs, jitterMs });
  const client = await connectClient(cleanup, proxy.address('cloud').port);
  const clientReceived = readAll(client);
  await writeWithBackpressure(client, toServer, 7919); // an odd size, so chunks do not line up with reads
  return { proxy, atClient: await clientReceived, atServer: await atServer };
}

describe('bytes through the proxy', () => {
  it('arrive unchanged in both directions on a link without toxics', async () => {
    const toServer = randomBytes(3 * 1024 * 1024);
    const toClient = randomBytes(2 * 1024 * 1024 + 17);
    const { proxy, atClient, atServer } = await exchangeThroughProxy(toServer, toClient, 0, 0);
    expect(sha256(atServer)).toBe(sha256(toServer));
    expect(sha256(atClient)).toBe(sha256(toClient));
    const counters = proxy.counters()['cloud']!;
    expect(counters.upstream.bytesForwarded).toBe(toServer.length);
    expect(counters.downstream.bytesForwarded).toBe(toClient.length);
    expect(counters.connectionsOpened).toBe(1);
  });

  it('arrive in order under jitter larger than the latency', async () => {
    const toServer = randomBytes(2 * 1024 * 1024);
    const toClient = randomBytes(1024 * 1024);
    const { proxy, atClient, atServer } = await exchangeThroughProxy(toServer, toClient, 5, 20);
    expect(atServer.length).toBe(toServer.length);
    expect(sha256(atServer)).toBe(sha256(toServer));
    expect(sha256(atClient)).toBe(sha256(toClient));
    expect(proxy.counters()['cloud']!.upstream.bytesHeld).toBe(0);
  });

  it('forwards a FIN after the pending data and keeps the other direction open (half-close)', async () => {
    const server = await startTestServer(cleanup, (socket) => {
      const request = readAll(socket);
      void request.then((bytes) => socket.end(`got ${bytes.length} bytes`));
    });
    const proxy = await startProxyTo(cleanup, server.port);
    proxy.setToxics('both', { latencyMs: 50 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const reply = readAll(client);
    client.end(Buffer.alloc(1000, 1));
    expect((await reply).toString()).toBe('got 1000 bytes');
  });

  it('counts connections per route, and none active once both sides have closed', async () => {
    const server = await startTestServer(cleanup, (socket) => socket.end());
    const proxy = await startProxyTo(cleanup, server.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    client.end();
    await readAll(client);
    await new Promise((resolve) => client.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.counters()['cloud']).toMatchObject({ connectionsOpened: 1, connectionsActive: 0, connectionsWaitingForLink: 0 });
  });
});
