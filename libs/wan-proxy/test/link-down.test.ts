import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, connectClient, readAll, receiveBytes, sleep, startEchoServer, startProxyTo, startTestServer, waitFor } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Numbered lines, so a lost, repeated or reordered one shows. */
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `line ${from + index}\n`).join('');

describe('a link that is down', () => {
  it('holds an echo round trip until the link is back, then delivers every byte once, in order', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const before = lines(0, 100);
    const during = lines(100, 1100);
    const echoed = receiveBytes(client, before.length + during.length);
    let received = 0;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    client.write(before);
    await waitFor('the echo of the lines sent before the cut', () => received === before.length);

    proxy.setLinkDown(true);
    client.write(during);
    await sleep(400);
    expect(received).toBe(before.length);
    expect(proxy.counters()['cloud']!.upstream.bytesHeld).toBe(during.length);

    proxy.setLinkDown(false);
    expect((await echoed).data.toString()).toBe(before + during);
    expect(proxy.events().map((event) => event.kind)).toEqual(['profile', 'toxics', 'toxics', 'link-down', 'link-up']);
  });

  it('holds what is already on its way back, too', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    proxy.setToxics('downstream', { latencyMs: 300 });
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const echoed = receiveBytes(client, 5);
    client.write('hello');
    await waitFor('the echo to be held on its way back', () => proxy.counters()['cloud']!.downstream.bytesHeld === 5);
    proxy.setLinkDown(true);
    await sleep(500);
    expect(proxy.counters()['cloud']!.downstream.bytesForwarded).toBe(0);
    proxy.setLinkDown(false);
    expect((await echoed).data.toString()).toBe('hello');
  });

  it('accepts a new connection but connects it upstream only once the link is back', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    proxy.setLinkDown(true);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    const echoed = receiveBytes(client, 4);
    client.write('ping');
    await sleep(400);
    expect(echo.accepted).toHaveLength(0);
    expect(proxy.counters()['cloud']).toMatchObject({ connectionsActive: 1, connectionsWaitingForLink: 1 });

    const upAtMs = performance.now();
    proxy.setLinkDown(false);
    expect((await echoed).data.toString()).toBe('ping');
    expect(echo.acceptedAtMs[0]).toBeGreaterThanOrEqual(upAtMs);
    expect(proxy.counters()['cloud']!.connectionsWaitingForLink).toBe(0);
  });

  it('holds a FIN like data, after the bytes before it', async () => {
    const server = await startTestServer(cleanup, (socket) => void readAll(socket).then((data) => socket.end(`${data.length}`)));
    const proxy = await startProxyTo(cleanup, server.port);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    await waitFor('the upstream connection', () => server.accepted.length === 1);
    let serverSawEnd = false;
    server.accepted[0]!.once('end', () => (serverSawEnd = true));
    proxy.setLinkDown(true);
    const reply = readAll(client);
    client.end('four');
    await sleep(300);
    expect(serverSawEnd).toBe(false);
    proxy.setLinkDown(false);
    expect((await reply).toString()).toBe('4');
    expect(serverSawEnd).toBe(true);
  });

  it('forgets a client that resets while waiting, without ever connecting upstream', async () => {
    const echo = await startEchoServer(cleanup);
    const proxy = await startProxyTo(cleanup, echo.port);
    proxy.setLinkDown(true);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    await waitFor('the proxy to accept', () => proxy.counters()['cloud']!.connectionsWaitingForLink === 1);
    client.resetAndDestroy();
    await waitFor('the connection to finish', () => proxy.counters()['cloud']!.connectionsActive === 0);
    proxy.setLinkDown(false);
    await sleep(100);
    expect(echo.accepted).toHaveLength(0);
    expect(proxy.counters()['cloud']!.connectionsWaitingForLink).toBe(0);
  });

  it('delivers what a client sent and its FIN once the link is back, as a real cut link would', async () => {
    const server = await startTestServer(cleanup, () => undefined);
    const proxy = await startProxyTo(cleanup, server.port);
    proxy.setLinkDown(true);
    const client = await connectClient(cleanup, proxy.address('cloud').port);
    client.end('bye');
    await waitFor('the bytes to be held', () => proxy.counters()['cloud']!.upstream.bytesHeld === 3);
    proxy.setLinkDown(false);
    await waitFor('the upstream connection', () => server.accepted.length === 1);
    expect((await readAll(server.accepted[0]!)).toString()).toBe('bye');
  });
});
