/**
 * What every test server shares: waiting until the process it spawned accepts TCP connections
 * on loopback, and stopping exactly that process (SIGTERM, then SIGKILL after a grace period).
 */
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** Whether something accepts a TCP connection on 127.0.0.1:`port` right now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Resolves once `child` listens on `port`.
 * @throws Error naming `name` when it exits first or is not listening after `timeoutMs`; `detail()` adds what it printed.
 */
export async function waitUntilListening(child: ChildProcess, port: number, name: string, timeoutMs: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting${detail()}`);
    if (Date.now() > deadline) throw new Error(`${name} not listening on 127.0.0.1:${port} after ${timeoutMs} ms${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops `child` (only it, by its PID): `signal` (SIGTERM unless the server wants another), then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess | undefined, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
