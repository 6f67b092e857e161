// The inference API as a library, for the local stack that runs it in one process with the
// edge gateway and the UI (apps/local-stack). The image runs server.ts.
export { default as inferenceApi, fastifyOptions, type AppOptions, type ServingState } from './app.ts';
export { ConfigError, loadConfig, type ServingConfig } from './config.ts';
export type { FeatureStore } from './serving/feature-store.ts';
