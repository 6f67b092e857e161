import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stopChild } from './child-server.ts';
import { freePort } from './free-port.ts';
import { systemProgram } from './system-program.ts';

/** A real PostgreSQL server on loopback, owned by the test that started it. */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication on loopback only). */
  readonly url: string;
  readonly port: number;
  /** A URL for another database on this server. */
  urlFor(database: string): string;
  /** Stops the server (fast shutdown); the data stays, so `start()` brings it back. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
}

/**
 * The directory of the PostgreSQL server programs (initdb, postgres, pg_isready of one major
 * version): Debian keeps them under /usr/lib/postgresql/<n>/bin, off PATH, and may link initdb
 * onto PATH; the link is followed so the three always come from the same version.
 */
export function postgresBinDir(): string {
  return dirname(realpathSync(systemProgram('initdb')));
}

/**
 * initdb and postgres refuse to run as root: as root, run them as the `postgres` user — by
 * spawning with its uid/gid, not through runuser/su, so the PID we stop is postgres itself.
 * Undefined when not root (the current user runs them).
 */
export function postgresServerUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no postgres user to run PostgreSQL as (install the postgresql package)');
  return { uid, gid };
}

async function waitUntilReady(bin: string, port: number, dir: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode} while starting`);
    const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore' });
    if (ready.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`postgres in ${dir} not ready on port ${port} after ${timeoutMs} ms`);
}

/**
 * Starts a throw-away PostgreSQL server from the Debian package on a free loopback port, in a
 * temporary data directory (fsync off: test data need not survive a power cut). Only the process
 * it started is ever stopped, by PID.
 */
export async function startPostgres(options: { timeoutMs?: number } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'millwright-pg-'));
  const data = join(dir, 'data');
  const user = postgresServerUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], {
    encoding: 'utf8',
    ...user,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
    const args = ['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((setting) => ['-c', setting])];
    child = spawn(join(bin, 'postgres'), args, { stdio: 'ignore', ...user });
    await waitUntilReady(bin, port, dir, child, options.timeoutMs ?? 30_000);
  };
  const stop = () => stopChild(child, 10_000, 'SIGINT'); // PostgreSQL's fast shutdown
  await start();
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    urlFor: (database) => `${base}/${database}`,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
