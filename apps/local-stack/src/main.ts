/**
 * `npm start`: the whole Millwright loop on this machine on embedded defaults (see
 * local-stack.ts), one URL printed, Ctrl-C to stop. Bad settings exit 2 naming the variables.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError as GatewayConfigError } from '@millwright/edge-gateway';
import { ConfigError as ApiConfigError } from '@millwright/inference-api';
import { ConfigError as SimulatorConfigError } from '@millwright/sensor-sim';
import { startLocalStack, type LocalStack } from './local-stack.ts';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

let stack: LocalStack;
try {
  log('starting the local stack (MQTT broker, edge gateway, sensor simulator, inference API, operator UI) ...');
  stack = await startLocalStack({ env: process.env, workspaceRoot, log });
} catch (error) {
  if (error instanceof GatewayConfigError || error instanceof ApiConfigError || error instanceof SimulatorConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`the local stack could not start: ${(error as Error).message}`);
  process.exit(1);
}

console.log('');
console.log(`Millwright is running: ${stack.url}`);
console.log(`  operator UI and inference API (POST ${stack.url}predict, OpenAPI at ${stack.url}openapi.json)`);
console.log(`  MQTT broker ${stack.mqttUrl}: the simulator publishes factory/<site>/<line>/<machine>/telemetry`);
if (stack.adminTokenGenerated) console.log(`  admin token for this session (Models page: promote, roll back): ${stack.adminToken}`);
else console.log('  admin token: the one in ADMIN_TOKEN (Models page: promote, roll back)');
console.log('Press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ...`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    void stack.close().then(() => {
      log('stopped');
      process.exit(0);
    });
  });
}
