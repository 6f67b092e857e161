import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@millwright/test-servers';
import { Cleanup, connectClient, howItEnds, readAll, receiveBytes, sleep, startEchoServer, startProxyTo, startTestServer, waitFor } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('faults', () => {
  it('resetConnections destroys every open connection abruptly: the client sees a reset', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    const port = proxy.address('cloud').port;
    const clients = await Promise.all([connectClient(cleanup, port), connectClient(cleanup, port)]);
    await waitFor('both upstream connections', () => echo.accepted.length === 2);
    const endings = clients.map(howItEnds);
    const upstreamEnding = howItEnds(echo.accepted[0]!);
    expect(proxy.resetConnections()).toBe(2);
    expect(await Promise.all(endings)).toEqual(['error ECONNRESET', 'error ECONNRESET']);
    expect(await upstreamEnding).toBe('error ECONNRESET');
    await waitFor('no active connection', () => proxy.counters()['cloud']!.connectionsActive === 0);
    expect(proxy.events().at(-1)).toMatchObject({ kind: 'connections-reset', connections: 2 });
  });

  it('a new connection after a reset works again (a link flap, not a cut)', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    const first = await connectClient(cleanup, proxy.address('cloud').port);
    const firstEnding = howItEnds(first);
    await waitFor('the upstream connection', () => echo.accepted.length === 1);
    proxy.resetConnections();
    await firstEnding;
    const second = await connectClient(cleanup, proxy.address('cloud').port);
    const echoed = receiveBytes(second, 5);
    second.write('again');
    expect((await echoed).data.toString()).toBe('again');
  });

  it('a stall holds the data of an open connection until it is lifted', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    proxy.setToxics('downstream', { stalled: true });
    const echoed = receiveBytes(client, 5);
    client.write('stall');
    await waitFor('the echo to be held', () => proxy.counters()['cloud']!.downstream.bytesHeld === 5);
    await sleep(300);
    expect(proxy.counters()['cloud']!.downstream.bytesForwarded).toBe(0);
    proxy.setToxics('downstream', { stalled: false });
    expect((await echoed).data.toString()).toBe('stall');
  });

  it('random stalls of a degraded link hold data for at least their duration', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port, { seed: 11 });
    // About one stall every 100 ms, each 300 ms long: the link is stalled most of the time, so
    // echoes over 1.5 s cannot all miss them (without stalls each takes a few milliseconds).
    proxy.setToxics('upstream', { randomStalls: { perMinute: 600, durationMs: 300 } });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    let slowest = 0;
    for (const startedAtMs = performance.now(); performance.now() - startedAtMs < 1500; ) {
      const echoed = receiveBytes(client, 1);
      const sentAtMs = performance.now();
      client.write('x');
      slowest = Math.max(slowest, (await echoed).atMs - sentAtMs);
    }
    expect(slowest).toBeGreaterThanOrEqual(100);
  });

  it('an upstream that resets its side resets the client too', async () => {
    const server = await startTestServer(cleanup, (socket) => socket.once('data', () => socket.resetAndDestroy()));
    const proxy = await startProxyTo(cleanup, server.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const ending = howItEnds(client);
    client.write('boom');
    expect(await ending).toBe('error ECONNRESET');
  });

  it('a client of a route whose upstream refuses is reset after being accepted', async () => {
    const proxy = await startProxyTo(cleanup, await freePort());
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    expect(await howItEnds(client)).toBe('error ECONNRESET');
  });

  it('slow_close delays the FIN, not the data before it', async () => {
    const server = await startTestServer(cleanup, (socket) => socket.end('reply'));
    const proxy = await startProxyTo(cleanup, server.port);
    proxy.setToxics('downstream', { slowCloseMs: 300 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const startedAtMs = performance.now();
    const reply = receiveBytes(client, 5);
    const finAtMs = readAll(client).then(() => performance.now());
    const { atMs: replyAtMs } = await reply;
    expect((await finAtMs) - startedAtMs).toBeGreaterThanOrEqual(298);
    // The reply is not held with the FIN (the margin absorbs a busy client event loop).
    expect((await finAtMs) - replyAtMs).toBeGreaterThanOrEqual(200);
  });
});
