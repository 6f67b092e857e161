export type { FeatureStoreReader, FeatureStoreWriter, MachineFeaturesUpdate } from './feature-store.ts';
export { FeatureStoreUnavailableError } from './feature-store-unavailable-error.ts';
export { featureKey, featureKeyPrefix, fromHashFields, toHashFields, type MachineFeatures } from './machine-features.ts';
export { MemoryFeatureStore } from './memory-feature-store.ts';
export { RedisFeatureStore, redisFeatureStoreDefaults, type RedisFeatureStoreOptions } from './redis-feature-store.ts';
