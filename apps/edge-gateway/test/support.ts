import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@millwright/test-servers';
import { loadGatewayConfig, type GatewayConfig } from '../src/config.ts';

/** A gateway config for tests: an ephemeral HTTP port, fast batches, everything else from `env`. */
export function testConfig(env: Record<string, string>): GatewayConfig {
  return loadGatewayConfig({ PORT: '0', EMBEDDED_MQTT_PORT: '0', DATABASE_URL: 'memory://', MILLWRIGHT_HOME: '/nonexistent', ...env }, process.cwd());
}

/** Polls `condition` every 50 ms; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A counter's value from a prom-client registry text. */
export function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The gateway as its own process, as the image runs it. */
export interface GatewayProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` of its probes and metrics. */
  readonly httpUrl: string;
  /** What it printed so far, for failure messages. */
  output(): string;
}

/** Starts `main.ts` with `env` on a free HTTP port; the caller waits for the probe it needs. */
export async function spawnGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/edge-gateway/src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  return { child, httpUrl: `http://127.0.0.1:${port}`, output: () => printed };
}
