/**
 * The one place the UI talks HTTP to the inference API: JSON in and out, a timeout on every call,
 * and every failure turned into an {@link ApiError} whose message an operator can act on.
 */

/** One field problem, as the API reports contract violations. */
export interface ApiFieldError {
  readonly field: string;
  readonly reason: string;
}

/** A failed call: `status` is undefined when the API could not be reached at all. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly fieldErrors: readonly ApiFieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the API was unreachable or unavailable (the banner with a retry applies). */
  get isUnavailable(): boolean {
    return this.status === undefined || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** Options of one call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * Sent as `X-Admin-Token` (admin endpoints), not in `Authorization`: that header carries the
   * browser's basic-auth credentials for the ingress in front of the API.
   */
  readonly adminToken?: string;
}

/** The API operations' transport. */
export interface ApiClient {
  /** The base URL (for links and the curl command); '' is the UI's own origin. */
  readonly baseUrl: string;
  getJson<T>(path: string, options?: CallOptions): Promise<T>;
  postJson<T>(path: string, body: unknown, options?: CallOptions): Promise<T>;
  getText(path: string, options?: CallOptions): Promise<string>;
}

/** Options of {@link createApiClient}. */
export interface ApiClientOptions {
  readonly baseUrl: string;
  /** @default globalThis.fetch */
  readonly fetcher?: typeof fetch;
  /** @default 15000 */
  readonly timeoutMs?: number;
}

async function errorFrom(response: Response, where: string): Promise<ApiError> {
  let message = `${where}: the API answered ${response.status} ${response.statusText}`.trim();
  let fieldErrors: ApiFieldError[] = [];
  try {
    const body = (await response.json()) as { error?: unknown; errors?: unknown };
    if (typeof body.error === 'string') message = `${where}: ${body.error}`;
    if (Array.isArray(body.errors)) fieldErrors = body.errors.filter((item): item is ApiFieldError => typeof item?.field === 'string' && typeof item?.reason === 'string');
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiError(message, response.status, fieldErrors);
}

/** Creates the client for one base URL. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetcher = options.fetcher ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call(method: 'GET' | 'POST', path: string, body: unknown, callOptions: CallOptions = {}): Promise<Response> {
    const where = `${method} ${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (callOptions.adminToken) headers['x-admin-token'] = callOptions.adminToken;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetcher(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      if (callOptions.signal?.aborted) throw error;
      const reason = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message;
      throw new ApiError(`${where}: the inference API at ${baseUrl || 'this origin'} is unreachable (${reason})`, undefined);
    }
    if (!response.ok) throw await errorFrom(response, where);
    return response;
  }

  return {
    baseUrl,
    getJson: async <T>(path: string, callOptions?: CallOptions) => (await (await call('GET', path, undefined, callOptions)).json()) as T,
    postJson: async <T>(path: string, body: unknown, callOptions?: CallOptions) => (await (await call('POST', path, body, callOptions)).json()) as T,
    getText: async (path: string, callOptions?: CallOptions) => (await call('GET', path, undefined, callOptions)).text(),
  };
}
