export { loadSimulatorConfig, parseScenario, ConfigError, type SimulatorConfig } from './config.ts';
export { startSimulator, type SimulatorHandle } from './simulator.ts';
export { startSimulatorOpsServer } from './ops-server.ts';
