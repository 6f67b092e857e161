import { RegistryError, registryErrorCodes, type RegistryErrorCode } from '../registry-error.ts';

/**
 * MLflow error codes that have another name in {@link registryErrorCodes}. The server's full set is
 * `ERROR_CODE_TO_HTTP_STATUS` in `mlflow/exceptions.py`.
 */
const aliasedCodes: Readonly<Record<string, RegistryErrorCode>> = {
  TEMPORARILY_UNAVAILABLE: 'UNAVAILABLE',
  CUSTOMER_UNAUTHORIZED: 'UNAUTHENTICATED',
  NOT_FOUND: 'RESOURCE_DOES_NOT_EXIST',
  ALREADY_EXISTS: 'RESOURCE_ALREADY_EXISTS',
  RESOURCE_EXHAUSTED: 'REQUEST_LIMIT_EXCEEDED',
  MALFORMED_REQUEST: 'BAD_REQUEST',
};

/**
 * The code to use when the body names none, or one we do not know: MLflow's own
 * `HTTP_STATUS_TO_ERROR_CODE` fallback (`mlflow/exceptions.py`), e.g. for a proxy's bare 401.
 */
function codeForStatus(status: number): RegistryErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'ENDPOINT_NOT_FOUND';
  if (status === 429) return 'REQUEST_LIMIT_EXCEEDED';
  if (status === 503) return 'UNAVAILABLE';
  return 'INTERNAL_ERROR';
}

function isKnownCode(code: string): code is RegistryErrorCode {
  return (registryErrorCodes as readonly string[]).includes(code);
}

/** The parts of MLflow's error body, `{ "error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..." }`. */
interface MlflowErrorBody {
  readonly error_code?: unknown;
  readonly message?: unknown;
}

function parseErrorBody(text: string): MlflowErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as MlflowErrorBody) : {};
  } catch {
    return {};
  }
}

/**
 * Turns a non-2xx MLflow answer into a {@link RegistryError}. `request` names the call, e.g.
 * `POST /api/2.0/mlflow/registered-models/create`, so the message says where it failed.
 */
export function registryErrorFromResponse(request: string, status: number, bodyText: string): RegistryError {
  const body = parseErrorBody(bodyText);
  const mlflowCode = typeof body.error_code === 'string' ? body.error_code : undefined;
  const code = mlflowCode === undefined ? codeForStatus(status) : isKnownCode(mlflowCode) ? mlflowCode : (aliasedCodes[mlflowCode] ?? codeForStatus(status));
  const detail = typeof body.message === 'string' ? body.message : bodyText.trim().slice(0, 200) || '(empty body)';
  return new RegistryError(code, `MLflow ${request} answered ${status} ${mlflowCode ?? code}: ${detail}`, { status });
}
