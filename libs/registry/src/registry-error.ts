/**
 * The error codes a registry reports. They are MLflow's own `error_code` values (the JSON error body
 * `{ "error_code": "...", "message": "..." }`, see `mlflow/exceptions.py` and the protocol in
 * https://mlflow.org/docs/latest/rest-api.html), so the local registry and the MLflow client fail the
 * same way; `UNAVAILABLE` is ours: the server could not be reached, or kept failing, after every retry.
 */
export const registryErrorCodes = [
  'RESOURCE_ALREADY_EXISTS',
  'RESOURCE_DOES_NOT_EXIST',
  'INVALID_PARAMETER_VALUE',
  'INVALID_STATE',
  'BAD_REQUEST',
  'ENDPOINT_NOT_FOUND',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'REQUEST_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
  'UNAVAILABLE',
] as const;

/** One of {@link registryErrorCodes}. */
export type RegistryErrorCode = (typeof registryErrorCodes)[number];

/** Extra facts a {@link RegistryError} may carry. */
export interface RegistryErrorOptions {
  /** The HTTP status the server answered with, when the error came from a server. */
  readonly status?: number;
  /** The underlying error (a network failure, a file-system error). */
  readonly cause?: unknown;
}

/** A registry operation failed; `code` says how, the message says what, where and how to fix it. */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly status: number | undefined;

  constructor(code: RegistryErrorCode, message: string, options: RegistryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.code = code;
    this.status = options.status;
  }
}

/** True when `error` is a {@link RegistryError}, and has `code` when one is given. */
export function isRegistryError(error: unknown, code?: RegistryErrorCode): error is RegistryError {
  return error instanceof RegistryError && (code === undefined || error.code === code);
}
