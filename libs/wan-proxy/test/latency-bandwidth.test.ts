import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, connectClient, receiveBytes, startEchoServer, startProxyTo, startTestServer } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

// Timers may fire up to a millisecond early against performance.now(), hence the small slack.
const timerSlackMs = 2;

/** A server that counts what it receives and reports when it has `bytes`, per connection. */
async function startCountingServer(bytes: number) {
  const doneAtMs: number[] = [];
  const server = await startTestServer(cleanup, (socket: Socket) => {
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received === bytes) doneAtMs.push(performance.now());
    });
  });
  return { server, doneAtMs };
}

describe('latency', () => {
  it('delays the first byte of a round trip by the latency of each direction', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    proxy.setToxics('both', { latencyMs: 200 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const echoed = receiveBytes(client, 1);
    const sentAtMs = performance.now();
    client.write('x');
    expect((await echoed).atMs - sentAtMs).toBeGreaterThanOrEqual(400 - timerSlackMs);
  });

  it('delays only the direction it is set on, and applies to a connection already open', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const firstEcho = receiveBytes(client, 1);
    client.write('a');
    await firstEcho;
    proxy.setToxics('upstream', { latencyMs: 250 });
    const sentAtMs = performance.now();
    const secondEcho = receiveBytes(client, 1);
    client.write('b');
    const { atMs } = await secondEcho;
    expect(atMs - sentAtMs).toBeGreaterThanOrEqual(250 - timerSlackMs);
    expect(proxy.toxics('downstream').latencyMs).toBe(0);
  });

  it('delays a chunk by at least latency minus jitter', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port, { seed: 7 });
    proxy.setToxics('upstream', { latencyMs: 150, jitterMs: 50 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    for (const letter of ['a', 'b', 'c']) {
      const echoed = receiveBytes(client, 1);
      const sentAtMs = performance.now();
      client.write(letter);
      const { data, atMs } = await echoed;
      expect(data.toString()).toBe(letter);
      expect(atMs - sentAtMs).toBeGreaterThanOrEqual(100 - timerSlackMs);
    }
  });
});

describe('bandwidth', () => {
  it('takes at least about 1.8 s to carry 1 MB at 4 mbit', async () => {
    const megabyte = 1_000_000;
    const { server, doneAtMs } = await startCountingServer(megabyte);
    const proxy = await startProxyTo(cleanup, server.port);
    proxy.setToxics('upstream', { kbitPerSecond: 4000 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const startedAtMs = performance.now();
    client.write(randomBytes(megabyte));
    await expect.poll(() => doneAtMs.length, { timeout: 20_000 }).toBe(1);
    expect(doneAtMs[0]! - startedAtMs).toBeGreaterThanOrEqual(1800);
  });

  it('is shared by every connection of the link: two 500 kB uploads at 4 mbit take as long as one 1 MB', async () => {
    const halfMegabyte = 500_000;
    const { server, doneAtMs } = await startCountingServer(halfMegabyte);
    const proxy = await startProxyTo(cleanup, server.port);
    proxy.setToxics('upstream', { kbitPerSecond: 4000 });
    const port = proxy.address('cloud').port;
    const clients = await Promise.all([connectClient(cleanup, port), connectClient(cleanup, port)]);
    const startedAtMs = performance.now();
    for (const client of clients) client.write(randomBytes(halfMegabyte));
    await expect.poll(() => doneAtMs.length, { timeout: 20_000 }).toBe(2);
    expect(Math.max(...doneAtMs) - startedAtMs).toBeGreaterThanOrEqual(1800);
  });

  it('leaves the other direction at full speed', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    proxy.setToxics('downstream', { kbitPerSecond: 64 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const echoed = receiveBytes(client, 100_000);
    client.write(randomBytes(100_000));
    // 100 kB at 64 kbit/s is 12.5 s; a limit on the wrong direction would not be this slow.
    await expect(Promise.race([echoed.then(() => 'done'), new Promise((resolve) => setTimeout(resolve, 1500, 'limited'))])).resolves.toBe('limited');
    expect(proxy.counters()['cloud']!.upstream.bytesForwarded).toBe(100_000);
  });
});
