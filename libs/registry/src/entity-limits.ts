import { RegistryError } from './registry-error.ts';

/**
 * The size limits MLflow enforces on run entities, from `mlflow/utils/validation.py`
 * (`MAX_ENTITY_KEY_LENGTH`, `MAX_PARAM_VAL_LENGTH`, `MAX_TAG_VAL_LENGTH`,
 * `MAX_MODEL_REGISTRY_TAG_*`). Both registries check them, so a run that logs locally also logs to MLflow.
 */
export const entityLimits = {
  keyLength: 250,
  paramValueLength: 6000,
  runTagValueLength: 8000,
  modelVersionTagValueLength: 5000,
} as const;

/**
 * Param, metric and tag keys: "Names may only contain alphanumerics, underscores (_), dashes (-),
 * periods (.), spaces ( ), colon(:) and slashes (/)" (`validate_param_and_metric_name` in
 * `mlflow/utils/validation.py`; Python's `\w` is Unicode-aware, hence `\p{L}\p{N}`).
 */
const keyCharacters = /^[\p{L}\p{N}_/.\- :]+$/u;

/**
 * MLflow also refuses a key that a POSIX `normpath` would change (`path_not_unique`): an empty
 * segment, `.` or `..`, or a leading slash, because keys become file names in its file store.
 */
function resolvesToAnotherName(key: string): boolean {
  return key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** Throws INVALID_PARAMETER_VALUE unless `key` is a valid metric, param or tag key. */
export function assertEntityKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (!keyCharacters.test(key)) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `${kind} key ${JSON.stringify(key)} is invalid: keys may only contain letters, digits, underscores, dashes, periods, spaces, colons and slashes`,
    );
  }
  if (resolvesToAnotherName(key)) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `${kind} key ${JSON.stringify(key)} is invalid: it must not start or end with "/", contain "//", or have a "." or ".." segment`,
    );
  }
  assertMaxLength(`${kind} key`, key, entityLimits.keyLength);
}

/** Throws INVALID_PARAMETER_VALUE when `value` is longer than `limit` characters. */
export function assertMaxLength(what: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      `${what} ${JSON.stringify(value.slice(0, 40))}... is ${value.length} characters long; the limit is ${limit}`,
    );
  }
}
