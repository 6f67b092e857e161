import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptsConnections, systemProgram } from '@millwright/test-servers';
import { ingressNginxArguments } from '../ingress-nginx-conf.ts';

export interface RunningNginx {
  /** What nginx wrote to its error log so far. */
  errors(): string;
  /** Stops the nginx this started, by its PID (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

/** Writes `conf` to `runDir/nginx.conf` and runs the real nginx on it until it accepts connections on `port`. */
export async function startNginx(conf: string, runDir: string, port: number, timeoutMs = 10_000): Promise<RunningNginx> {
  mkdirSync(runDir, { recursive: true });
  const confFile = join(runDir, 'nginx.conf');
  writeFileSync(confFile, conf);
  // A file, not a pipe: nginx reopens its stderr as a log, which a Node pipe does not allow.
  const stderrFd = openSync(join(runDir, 'stderr.log'), 'a');
  const child: ChildProcess = spawn(systemProgram('nginx'), ingressNginxArguments(confFile, runDir), { stdio: ['ignore', 'ignore', stderrFd] });
  closeSync(stderrFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = () => ['stderr.log', 'error.log'].map((file) => { try { return readFileSync(join(runDir, file), 'utf8'); } catch { return ''; } }).join('');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${errors()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not accept connections on ${port} within ${timeoutMs} ms:\n${errors()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { errors, stop };
}
