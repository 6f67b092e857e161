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
