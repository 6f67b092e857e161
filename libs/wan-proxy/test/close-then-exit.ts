/**
 * Run as a child process by close.test.ts: leaves a proxy with one connection whose bytes wait
 * a minute on a latency timer and one held by a stall, closes it and its own peers, and prints
 * "closed". Node exits once nothing is left open, so a timer or socket the proxy leaked would
 * keep this process alive for a minute. (A cut link holds bytes without any timer, and
 * close.test.ts checks the sockets of a connection waiting for one.)
 */
import { startWanProxy } from '../src/index.ts';
import { Cleanup, connectClient, loopback, startEchoServer, waitFor } from './loopback.ts';

const peers = new Cleanup();
const echo = await startEchoServer(peers);
const route = (name: string) => ({ name, listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: echo.port } });
const proxy = await startWanProxy({ routes: [route('delayed'), route('stalled')], seed: 5 });
const held = (name: string, direction: 'upstream' | 'downstream') => () => proxy.counters()[name]![direction].bytesHeld > 0;

proxy.setToxics('upstream', { latencyMs: 60_000 });
const delayed = await connectClient(peers, proxy.address('delayed').port);
delayed.write('held a minute');
await waitFor('bytes held by latency', held('delayed', 'upstream'));

proxy.setToxics('upstream', { latencyMs: 0 });
proxy.setToxics('downstream', { stalled: true });
const stalled = await connectClient(peers, proxy.address('stalled').port);
stalled.write('echoed, then stalled');
await waitFor('bytes held by the stall', held('stalled', 'downstream'));

await proxy.close();
await peers.run();
console.log('closed');
