import { RegistryError } from '../registry-error.ts';
import { isRetryableStatus, retryDelayMs, type ResolvedRetryPolicy } from '../retry-policy.ts';
import { registryErrorFromResponse } from './mlflow-error.ts';

/**
 * Credentials for a tracking server behind authentication: a bearer token (what MLflow's clients send
 * for `MLFLOW_TRACKING_TOKEN`) or HTTP basic auth (`MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`).
 */
export type MlflowAuth = { readonly token: string } | { readonly username: string; readonly password: string };

/** Settings of {@link MlflowHttp}, defaults already applied. */
export interface MlflowHttpOptions {
  /** The tracking server's base URL, e.g. `http://mlflow.mlops.svc:5000` (the value of `MLFLOW_TRACKING_URI`). */
  readonly trackingUri: string;
  readonly auth: MlflowAuth | undefined;
  /** How long one attempt may take, body included. */
  readonly timeoutMs: number;
  readonly retry: ResolvedRetryPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** A scalar or nested JSON value a request carries. */
export type JsonPayload = Readonly<Record<string, unknown>>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Outgoing {
  readonly method: Method;
  /** The path below the server root, starting with `/api/2.0/`. */
  readonly apiPath: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: { readonly bytes: Uint8Array | string; readonly contentType: string };
}

function authorizationHeader(auth: MlflowAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  if ('token' in auth) return { authorization: `Bearer ${auth.token}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

/** Says what a failed fetch ran into: a timeout, a refused or reset connection, ... */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within the timeout (${error.message})`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined ? message : `${message} (${code})`;
}

/**
 * The HTTP transport of the MLflow client: one place for the base URL, authentication, per-attempt
 * timeouts (`AbortSignal.timeout`) and bounded retries with exponential backoff and jitter on network
 * errors, 429 and 5xx. Any other answer is final and becomes a {@link RegistryError} at once.
 */
export class MlflowHttp {
  private readonly baseUrl: string;

  constructor(private readonly options: MlflowHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.trackingUri);
    } catch (error) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `MLflow tracking URI ${JSON.stringify(options.trackingUri)} is not a URL; use e.g. http://localhost:5000`, { cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `MLflow tracking URI ${options.trackingUri} must be http:// or https://`);
    }
    this.baseUrl = options.trackingUri.replace(/\/+$/, '');
  }

  /**
   * Calls a REST endpoint under `/api/2.0/mlflow/`. GET sends the payload as a query string, every other
   * method as a JSON body: "The MLflow REST API requires content type application/json for all POST
   * requests" (https://mlflow.org/docs/latest/rest-api.html), and the server reads query arguments only
   * for GET (`_get_request_message` in `mlflow/server/handlers.py`).
   */
  async callJson<T>(method: Exclude<Method, 'PUT'>, endpoint: string, payload: JsonPayload): Promise<T> {
    const apiPath = `/api/2.0/mlflow/${endpoint}`;
    const bytes =
      method === 'GET'
        ? await this.send({ method, apiPath, query: toQuery(payload) })
        : await this.send({ method, apiPath, body: { bytes: JSON.stringify(payload), contentType: 'application/json' } });
    return parseJson<T>(bytes, `${method} ${apiPath}`);
  }

  /** GETs any API path and parses the JSON answer. */
  async getJson<T>(apiPath: string, query: Readonly<Record<string, string>>): Promise<T> {
    return parseJson<T>(await this.send({ method: 'GET', apiPath, query }), `GET ${apiPath}`);
  }

  /** GETs any API path and returns the raw bytes. */
  getBytes(apiPath: string): Promise<Uint8Array> {
    return this.send({ method: 'GET', apiPath });
  }

  /** PUTs raw bytes to any API path. */
  async putBytes(apiPath: string, bytes: Uint8Array): Promise<void> {
    await this.send({ method: 'PUT', apiPath, body: { bytes, contentType: 'application/octet-stream' } });
  }

  private async send(request: Outgoing): Promise<Uint8Array> {
    const { retry, timeoutMs, random, sleep } = this.options;
    const query = request.query === undefined ? '' : `?${new URLSearchParams(request.query).toString()}`;
    const url = `${this.baseUrl}${request.apiPath}${query}`;
    const label = `${request.method} ${request.apiPath}`;
    const headers: Record<string, string> = { 'user-agent': 'millwright-registry', ...authorizationHeader(this.options.auth) };
    if (request.body !== undefined) headers['content-type'] = request.body.contentType;
    let lastFailure = '';
    let lastStatus: number | undefined;
    let lastCause: unknown;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt += 1) {
      let retryAfter: number | undefined;
      try {
        const response = await fetch(url, { method: request.method, headers, body: request.body?.bytes, signal: AbortSignal.timeout(timeoutMs) });
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (response.ok) return bytes;
        const error = registryErrorFromResponse(label, response.status, Buffer.from(bytes).toString('utf8'));
        if (!isRetryableStatus(response.status)) throw error;
        lastFailure = error.message;
        lastStatus = response.status;
        lastCause = error;
        const header = response.headers.get('retry-after');
        retryAfter = header === null ? undefined : Number(header);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        lastFailure = describeNetworkError(error);
        lastStatus = undefined;
        lastCause = error;
      }
      if (attempt < retry.maxAttempts) await sleep(retryDelayMs(attempt, retry, random, retryAfter));
    }
    throw new RegistryError(
      'UNAVAILABLE',
      `MLflow ${label} at ${this.baseUrl} failed ${retry.maxAttempts} times; last: ${lastFailure}. Check that the tracking server is up and MLFLOW_TRACKING_URI points at it`,
      { status: lastStatus, cause: lastCause },
    );
  }
}

function toQuery(payload: JsonPayload): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value !== undefined) query[key] = String(value);
  }
  return query;
}

function parseJson<T>(bytes: Uint8Array, label: string): T {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    // The wire types describe MLflow's documented response structures; the server is trusted to follow them.
    return (text === '' ? {} : JSON.parse(text)) as T;
  } catch (error) {
    throw new RegistryError('INTERNAL_ERROR', `MLflow ${label} answered with a body that is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
}
