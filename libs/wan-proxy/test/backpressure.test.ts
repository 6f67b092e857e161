import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, connectClient, startProxyTo, startTestServer, waitFor } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const maxHeldBytes = 256 * 1024;
const totalBytes = 50 * 1024 * 1024;
const chunkBytes = 64 * 1024;

/** Resolves true on 'drain', false if none comes within `ms`. */
function drainsWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('drain', onDrain);
      resolve(false);
    }, ms);
    const onDrain = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('drain', onDrain);
  });
}

describe('backpressure', () => {
  it('pauses a client writing 50 MB into a cut link, holding no more than the bound, and delivers it all after', async () => {
    // One block repeated keeps the test's own memory small; the offset in each chunk makes order matter.
    const block = randomBytes(chunkBytes);
    const chunkAt = (index: number) => Buffer.concat([Buffer.from(index.toString(16).padStart(8, '0')), block.subarray(8)]);
    const sentHash = createHash('sha256');
    const receivedHash = createHash('sha256');
    let receivedBytes = 0;
    const server = await startTestServer(cleanup, (socket) =>
      socket.on('data', (chunk: Buffer) => {
        receivedHash.update(chunk);
        receivedBytes += chunk.length;
      }),
    );
    const proxy = await startProxyTo(cleanup, server.port, { maxHeldBytes });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    await waitFor('the upstream connection', () => server.accepted.length === 1);
    proxy.setLinkDown(true);

    let index = 0;
    let writesRefused = 0;
    let stuck = false;
    while (index * chunkBytes < totalBytes) {
      const chunk = chunkAt(index);
      sentHash.update(chunk);
      index += 1;
      if (client.write(chunk)) continue;
      writesRefused += 1;
      if (!stuck && !(await drainsWithin(client, 1000))) {
        stuck = true;
        const held = proxy.counters()['cloud']!.upstream;
        expect(index * chunkBytes).toBeLessThan(totalBytes);
        expect(held.bytesHeld).toBeGreaterThan(0);
        expect(held.bytesHeldPeak).toBeLessThanOrEqual(maxHeldBytes);
        expect(receivedBytes).toBe(0);
        proxy.setLinkDown(false);
      }
      if (stuck) await new Promise((resolve) => client.once('drain', resolve));
    }
    client.end();
    expect(stuck).toBe(true);
    expect(writesRefused).toBeGreaterThan(0);
    await waitFor('all 50 MB upstream', () => receivedBytes === totalBytes, 60_000);
    expect(receivedHash.digest('hex')).toBe(sentHash.digest('hex'));
    const counters = proxy.counters()['cloud']!.upstream;
    expect(counters).toMatchObject({ bytesForwarded: totalBytes, bytesHeld: 0 });
    expect(counters.bytesHeldPeak).toBeLessThanOrEqual(maxHeldBytes);
  });

  it('pauses the upstream server when the client does not read', async () => {
    let serverWritesRefused = 0;
    const server = await startTestServer(cleanup, (socket) => {
      const block = Buffer.alloc(chunkBytes, 7);
      // Write until the socket refuses, a few times over: a proxy without backpressure would keep taking.
      const writeMore = () => {
        while (socket.write(block));
        serverWritesRefused += 1;
        if (serverWritesRefused < 5) socket.once('drain', writeMore);
      };
      writeMore();
    });
    const proxy = await startProxyTo(cleanup, server.port, { maxHeldBytes });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    client.pause();
    await waitFor('the proxy to hold downstream bytes', () => proxy.counters()['cloud']!.downstream.bytesHeld > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const downstream = proxy.counters()['cloud']!.downstream;
    expect(downstream.bytesHeldPeak).toBeLessThanOrEqual(maxHeldBytes);
    expect(serverWritesRefused).toBeLessThan(5);
  });
});
