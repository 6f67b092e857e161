export { championAlias, challengerAlias } from './model-registry.ts';
export type {
  ArtifactFile,
  CreateModelVersionOptions,
  CreateRunOptions,
  Experiment,
  FinalRunStatus,
  LogBatchInput,
  MetricInput,
  ModelRegistry,
  ModelVersion,
  RegisteredModel,
  Run,
  RunStatus,
} from './model-registry.ts';
export { RegistryError, isRegistryError, registryErrorCodes, type RegistryErrorCode, type RegistryErrorOptions } from './registry-error.ts';
export { logBatchLimits, splitLogBatch, normalizeLogBatch, type LogBatchChunk, type MetricPoint, type KeyValue } from './log-batch.ts';
export { isRetryableStatus, retryDelayMs, resolveRetryPolicy, type RetryPolicy, type ResolvedRetryPolicy } from './retry-policy.ts';
export { parseArtifactUri, type ArtifactLocation } from './artifact-uri.ts';
export { MlflowRegistry, type MlflowRegistryProps } from './mlflow/mlflow-registry.ts';
export type { MlflowAuth } from './mlflow/mlflow-http.ts';
export { createS3Client, s3ArtifactDirectory, type S3ArtifactOptions } from './mlflow/s3-artifact-directory.ts';
export type { ArtifactDirectory } from './artifact-directory.ts';
export { LocalRegistry, type LocalRegistryOptions } from './local/local-registry.ts';
export { registryFromEnv, localRegistryRoot, millwrightHome, type RegistryEnv } from './registry-from-env.ts';
