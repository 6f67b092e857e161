import { RegistryError } from './registry-error.ts';

/** MLflow's limit on alias names (`MAX_REGISTERED_MODEL_ALIAS_LENGTH` in `mlflow/utils/validation.py`). */
const maxAliasLength = 255;

/** Experiment names: non-empty, at most 500 characters (`MAX_EXPERIMENT_NAME_LENGTH`, `mlflow/utils/validation.py`). */
export function assertExperimentName(name: string): void {
  if (name.trim() === '' || name.length > 500) {
    throw new RegistryError('INVALID_PARAMETER_VALUE', `experiment name ${JSON.stringify(name)} is invalid: use 1 to 500 characters, not only spaces`);
  }
}

/**
 * Registered model names. MLflow only demands a non-empty name (`_validate_model_name`); the local
 * registry stores one directory per model, so both registries also refuse "/" and the names "." and "..".
 */
export function assertModelName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || /\p{Cc}/u.test(name) || name.length > 256) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `registered model name ${JSON.stringify(name)} is invalid: use 1 to 256 characters, without "/" or control characters, other than "." and ".."`,
    );
  }
}

/**
 * Alias names, as `_validate_model_alias_name` in `mlflow/utils/validation.py` checks them:
 * alphanumerics, underscores and dashes; at most 255 characters; `latest` (any case) and `v<digits>`
 * are reserved for version references.
 */
export function assertAliasName(alias: string): void {
  const reason =
    alias === ''
      ? 'it is empty'
      : !/^[\p{L}\p{N}_-]+$/u.test(alias)
        ? 'names may only contain letters, digits, underscores (_) and dashes (-)'
        : alias.length > maxAliasLength
          ? `it is longer than ${maxAliasLength} characters`
          : alias.toLowerCase() === 'latest'
            ? '"latest" (in any case) is reserved'
            : /^[vV]\d+$/.test(alias)
              ? 'v<number> is reserved for version references'
              : undefined;
  if (reason !== undefined) {
    throw new RegistryError('INVALID_PARAMETER_VALUE', `alias ${JSON.stringify(alias)} is invalid: ${reason}`);
  }
}

/** Model versions are positive integers written as strings, like MLflow's (`_validate_model_version`). */
export function assertModelVersion(version: string): void {
  if (!/^[1-9]\d*$/.test(version)) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `model version ${JSON.stringify(version)} is invalid: versions are positive integers such as "1" or "12"`,
    );
  }
}

/** Run IDs, as MLflow accepts them (`_RUN_ID_REGEX` in `mlflow/utils/validation.py`). */
export function assertRunId(runId: string): void {
  if (!/^[a-zA-Z0-9][\w-]{0,255}$/.test(runId)) {
    throw new RegistryError('INVALID_PARAMETER_VALUE', `run ID ${JSON.stringify(runId)} is invalid: run IDs are letters, digits, "_" and "-", starting with a letter or digit`);
  }
}

/** Experiment IDs, as MLflow accepts them (`_EXPERIMENT_ID_REGEX` in `mlflow/utils/validation.py`). */
export function assertExperimentId(experimentId: string): void {
  if (!/^[a-zA-Z0-9][\w-]{0,63}$/.test(experimentId)) {
    throw new RegistryError('INVALID_PARAMETER_VALUE', `experiment ID ${JSON.stringify(experimentId)} is invalid: experiment IDs are letters, digits, "_" and "-", up to 64 characters`);
  }
}
