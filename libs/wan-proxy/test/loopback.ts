/**
 * Loopback servers and clients for the proxy's socket tests. Every server and socket made here
 * is registered with a `Cleanup`, so a failing test still leaves nothing open behind it.
 */
import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startWanProxy, type WanProxy, type WanProxyOptions } from '../src/index.ts';

export const loopback = '127.0.0.1';

export class Cleanup {
  private readonly steps: (() => Promise<void> | void)[] = [];

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }
}

export interface TestServer {
  readonly port: number;
  /** Server-side sockets, in the order they were accepted. */
  readonly accepted: Socket[];
  /** performance.now() at each accept. */
  readonly acceptedAtMs: number[];
  close(): Promise<void>;
}

/** A loopback server that runs `onConnection` for each client (half-open allowed, as a proxy peer may be). */
export async function startTestServer(cleanup: Cleanup, onConnection: (socket: Socket) => void): Promise<TestServer> {
  const accepted: Socket[] = [];
  const acceptedAtMs: number[] = [];
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    accepted.push(socket);
    acceptedAtMs.push(performance.now());
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, loopback, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = async () => {
    for (const socket of accepted) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanup.add(close);
  return { port, accepted, acceptedAtMs, close };
}

/** A server that sends back every byte it receives, and ends when the client ends. */
export function startEchoServer(cleanup: Cleanup): Promise<TestServer> {
  return startTestServer(cleanup, (socket) => socket.pipe(socket));
}

/** A proxy with one route to `upstreamPort`, closed by `cleanup`. */
export async function startProxyTo(cleanup: Cleanup, upstreamPort: number, options: Partial<WanProxyOptions> = {}): Promise<WanProxy> {
  const proxy = await startWanProxy({
    routes: [{ name: 'cloud', listen: { host: loopback, port: 0 }, upstream: { host: loopback, port: upstreamPort } }],
    seed: 1,
    ...options,
  });
  cleanup.add(() => proxy.close());
  return proxy;
}

/** A connected client; destroyed by `cleanup`. */
export function connectClient(cleanup: Cleanup, port: number): Promise<Socket> {
  const socket = connect({ host: loopback, port, allowHalfOpen: true });
  cleanup.add(() => void socket.destroy());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Every byte `socket` receives until its end. */
export function readAll(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
}

/** Resolves with performance.now() when `socket` has received `bytes` bytes, collecting them. */
export function receiveBytes(socket: Socket, bytes: number): Promise<{ data: Buffer; atMs: number }> {
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < bytes) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve({ data: Buffer.concat(chunks), atMs: performance.now() });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Writes `data` in `chunkBytes` pieces, waiting for drain whenever write() says so, then ends. */
export async function writeWithBackpressure(socket: Socket, data: Buffer, chunkBytes = 64 * 1024): Promise<void> {
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    if (!socket.write(data.subarray(offset, offset + chunkBytes))) await new Promise((resolve) => socket.once('drain', resolve));
  }
  socket.end();
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds; fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** How a socket ended: 'error <code>' for an error, 'end' for a FIN, 'close' for a close without either. */
export function howItEnds(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('end', () => resolve('end'));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
    socket.once('close', (hadError) => resolve(hadError ? 'error' : 'close'));
  });
}
