import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { startWanProxy, type WanProxy } from '../src/index.ts';
import { Cleanup, connectClient, howItEnds, loopback, startEchoServer, waitFor, type TestServer } from './loopback.ts';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/**
 * How many listeners and sockets the process has, by kind. Timers are left out: vitest's own come
 * and go; the child-process test below covers the proxy's.
 */
function openHandles(): Record<string, number> {
  const counts: Record<string, number> = { TCPServerWrap: 0, TCPSocketWrap: 0 };
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind]! += 1;
  return counts;
}

/**
 * Whether there are no more handles of each kind than in `before`. "No more" rather than "as
 * many": handles of an earlier test may still be finishing their close when `before` is taken.
 */
function noMoreHandlesThan(before: Record<string, number>): boolean {
  const now = openHandles();
  return Object.keys(before).every((kind) => now[kind]! <= before[kind]!);
}

describe('close', () => {
  /** Starts a proxy with two routes to `upstreamPort`, closed by the cleanup too (a second close is harmless). */
  async function startTwoRouteProxy(upstreamPort: number) {
    const proxy = await startWanProxy({
      routes: [
        { name: 'cloud-a', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: upstreamPort } },
        { name: 'cloud-b', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: upstreamPort } },
      ],
      seed: 3,
    });
    cleanup.add(() => proxy.close());
    return proxy;
  }

  /** Closes `proxy`, checks the clients saw their end and the port is closed, then that the handles are back to `before`. */
  async function closeAndCheck(proxy: WanProxy, clients: Socket[], echo: TestServer, before: Record<string, number>) {
    const endings = clients.map(howItEnds);
    await proxy.close();
    expect(await Promise.all(endings)).toEqual(clients.map(() => 'end'));
    const refused = connect({ host: loopback, port: proxy.address('cloud-a').port });
    expect(await howItEnds(refused)).toBe('error ECONNREFUSED');
    for (const socket of clients) socket.destroy();
    await waitFor('the echo server to see its side close', () => echo.accepted.every((socket) => socket.destroyed));
    // Node lists a handle until libuv has finished closing it, a moment after 'close'.
    await waitFor(`the open handles to be as before the proxy: ${JSON.stringify(before)}`, () => noMoreHandlesThan(before), 5000);
    for (const route of proxy.routes) expect(proxy.counters()[route.name]).toMatchObject({ connectionsActive: 0, upstream: { bytesHeld: 0 }, downstream: { bytesHeld: 0 } });
  }

  it('leaves no listener or socket behind when connections hold bytes on a timer and in a stall', async () => {
    const echo = await startEchoServer(cleanup);
    const before = openHandles();
    const proxy = await startTwoRouteProxy(echo.port);
    proxy.setToxics('upstream', { latencyMs: 5000 });
    const delayed = await connectClient(cleanup, proxy.address('cloud-a').port);
    delayed.write('held by a latency timer');
    await waitFor('bytes held by latency', () => proxy.counters()['cloud-a']!.upstream.bytesHeld > 0);
    proxy.setToxics('upstream', { latencyMs: 0 });
    proxy.setToxics('downstream', { stalled: true });
    const stalled = await connectClient(cleanup, proxy.address('cloud-b').port);
    stalled.write('echoed, then held by a stall');
    await waitFor('bytes held by the stall', () => proxy.counters()['cloud-b']!.downstream.bytesHeld > 0);
    await closeAndCheck(proxy, [delayed, stalled], echo, before);
  });

  it('leaves nothing behind of a connection waiting for the link', async () => {
    const echo = await startEchoServer(cleanup);
    const before = openHandles();
    const proxy = await startTwoRouteProxy(echo.port);
    proxy.setLinkDown(true);
    const waiting = await connectClient(cleanup, proxy.address('cloud-a').port);
    waiting.write('held while waiting');
    await waitFor('a connection waiting for the link, holding its bytes', () => proxy.counters()['cloud-a']!.upstream.bytesHeld > 0);
    expect(proxy.counters()['cloud-a']!.connectionsWaitingForLink).toBe(1);
    await closeAndCheck(proxy, [waiting], echo, before);
    expect(echo.accepted).toHaveLength(0);
  });

  it('lets a process exit at once after close, though its connections held bytes for a minute', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./close-then-exit.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    expect({ code, signal, output: output.trim() }).toEqual({ code: 0, signal: null, output: 'closed' });
  });

  it('refuses to start, listening on nothing, when one route cannot listen', async () => {
    const first = await startWanProxy({ routes: [{ name: 'taken', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: 9 } }] });
    cleanup.add(() => first.close());
    const takenPort = first.address('taken').port;
    const before = openHandles();
    await expect(
      startWanProxy({
        routes: [
          { name: 'free', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: 9 } },
          { name: 'clash', listen: { host: loopback, port: takenPort }, upstream: { host: loopback, port: 9 } },
        ],
      }),
    ).rejects.toThrow(`route "clash": cannot listen on 127.0.0.1:${takenPort}: listen EADDRINUSE`);
    await waitFor(`the open handles to be as before: ${JSON.stringify(before)}`, () => noMoreHandlesThan(before), 5000);
  });

  it('names the routes it has when asked for an unknown one', async () => {
    const proxy = await startWanProxy({ routes: [{ name: 'cloud', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: 9 } }] });
    cleanup.add(() => proxy.close());
    expect(() => proxy.address('edge')).toThrow('no route "edge": the link has "cloud"');
  });
});
