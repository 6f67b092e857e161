/**
 * The process entry (the image's ENTRYPOINT; `tsx apps/sensor-sim/src/main.ts`): reads the
 * configuration once (exit 2 naming every bad variable), starts the machines and the HTTP port,
 * and stops cleanly on SIGTERM/SIGINT or once MESSAGE_LIMIT messages are acknowledged.
 */
import { ConfigError, loadSimulatorConfig, type SimulatorConfig } from './config.ts';
import { startSimulatorOpsServer } from './ops-server.ts';
import { startSimulator } from './simulator.ts';

function readConfig(): SimulatorConfig {
  try {
    return loadSimulatorConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const log = (line: string) => console.log(`${new Date().toISOString()} sensor-sim: ${line}`);
const simulator = startSimulator(config, { log });
const ops = await startSimulatorOpsServer(simulator, { port: config.port, host: config.host });
log(`${config.machines} machines publishing to ${config.mqttUrl} at ${config.rateHz === 0 ? 'full speed' : `${config.rateHz} Hz each`}; PUT /scenario on port ${config.port}`);

const stop = async (why: string) => {
  log(`${why}: stopping after ${simulator.acknowledged()} acknowledged messages`);
  await simulator.close();
  await ops.close();
  process.exit(0);
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
void simulator.finished.then(() => stop(`MESSAGE_LIMIT ${config.messageLimit} reached`));
