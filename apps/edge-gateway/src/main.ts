/**
 * The process entry (the image's ENTRYPOINT; `tsx apps/edge-gateway/src/main.ts`): reads the
 * configuration once (exit 2 naming every bad variable), starts the gateway, and on SIGTERM/SIGINT
 * commits and acknowledges what it holds before exiting.
 */
import { ConfigError, loadGatewayConfig, type GatewayConfig } from './config.ts';
import { startGateway } from './gateway.ts';

function readConfig(): GatewayConfig {
  try {
    return loadGatewayConfig(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const log = (line: string) => console.log(`${new Date().toISOString()} edge-gateway: ${line}`);
const gateway = await startGateway(config, { log });
log(`reading ${config.mqttTopic} from ${gateway.mqttUrl}; metrics and probes on ${gateway.httpUrl}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: committing buffered messages, then stopping`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
