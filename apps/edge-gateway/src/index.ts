export { loadGatewayConfig, ConfigError, type GatewayConfig } from './config.ts';
export { startGateway, type GatewayDependencies, type GatewayHandle } from './gateway.ts';
