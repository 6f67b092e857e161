import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, waitUntilListening } from './child-server.ts';
import { freePort } from './free-port.ts';
import { systemProgram } from './system-program.ts';

/** A real Redis server on loopback, owned by the test that started it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the server; `start()` brings it back on the same port (empty: no persistence). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  destroy(): Promise<void>;
}

/**
 * Starts a throw-away Redis from the Debian package on a free loopback port, without persistence,
 * in a temporary directory. Only the process it started is ever stopped, by PID.
 */
export async function startRedis(options: { timeoutMs?: number } = {}): Promise<RedisServer> {
  const program = systemProgram('redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'millwright-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'];
    child = spawn(program, args, { stdio: 'ignore' });
    await waitUntilListening(child, port, 'redis-server', options.timeoutMs ?? 10_000);
  };
  const stop = () => stopChild(child, 5000);
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
