// HTTP load from a second process, as a separate client machine would send it: the autocannon CLI
// (`--json`), so the load generator's own event loop and garbage collector never share a thread
// or a heap with the server under test. Bounded by `durationSeconds`; loopback only.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/** What one run measured, from the client's side. Latencies in milliseconds (autocannon reports whole ones). */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly durationSeconds: number;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Runs the autocannon CLI against `url` with a JSON POST body and returns its summary. */
export function httpLoad({ url, body, connections, durationSeconds }: LoadOptions): Promise<LoadResult> {
  const args = [autocannonCli, '--json', '--no-progress', '-c', String(connections), '-d', String(durationSeconds), '-m', 'POST'];
  args.push('-H', 'content-type=application/json', '-b', body, url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.trim()}`));
      let result: {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        errors: number;
        timeouts: number;
        non2xx: number;
      };
      try {
        result = JSON.parse(stdout) as typeof result;
      } catch {
        return reject(new Error(`autocannon printed no JSON summary: ${stdout.slice(0, 200)}${stderr.trim()}`));
      }
      resolve({
        requestsPerSecond: result.requests.average,
        total: result.requests.total,
        failed: result.errors + result.timeouts + result.non2xx,
        p50: result.latency.p50,
        p99: result.latency.p99,
      });
    });
  });
}

/** `http://127.0.0.1:<port><path>` of a listening Fastify instance. */
export function urlOf(app: FastifyInstance, path: string): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}${path}`;
}

/**
 * Records how long each request spent inside the server (Fastify's `reply.elapsedTime`: from the
 * request's arrival at the router to the response's end), so the report can tell the server's
 * own time from the time requests queue in the kernel and the client. Register before `listen`.
 */
export function recordServerTimes(app: FastifyInstance, limit = 2_000_000): { take(): number[] } {
  let times: number[] = [];
  app.addHook('onResponse', (_request, reply, done) => {
    if (times.length < limit) times.push(reply.elapsedTime);
    done();
  });
  return {
    take() {
      const taken = times;
      times = [];
      return taken;
    },
  };
}

/** The `fraction` quantile (0..1) of `values`, nearest rank; 0 for an empty list. */
export function quantile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
