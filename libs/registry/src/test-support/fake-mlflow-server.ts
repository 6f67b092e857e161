import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRegistryError, type RegistryErrorCode } from '../registry-error.ts';
import { FakeMlflowArtifacts } from './fake-mlflow-artifacts.ts';
import { FakeMlflowModelRegistry } from './fake-mlflow-model-registry.ts';
import type { RequestParams } from './fake-mlflow-params.ts';
import { FakeMlflowTracking } from './fake-mlflow-tracking.ts';

/** A failure the fake server injects instead of (or before) answering a request. */
export type FakeFault =
  /** Answer with this status and MLflow's error body, e.g. 503 TEMPORARILY_UNAVAILABLE; optionally a Retry-After header. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Destroy the connection without answering, as a crashing server or a dropped network does. */
  | { readonly kind: 'close' }
  /** Wait, then answer normally: with a client timeout shorter than `ms`, the client gives up first. */
  | { readonly kind: 'delay'; readonly ms: number };

/** A request as the fake server received it, for tests to assert on. */
export interface RecordedRequest {
  readonly method: string;
  /** The URL path as sent (percent-encoding kept), e.g. `/api/2.0/mlflow/runs/log-batch`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body, for JSON requests; undefined for GET and artifact uploads. */
  readonly body: unknown;
  readonly bodyBytes: number;
  readonly headers: IncomingHttpHeaders;
  /** The fault injected into this request, if any. */
  readonly fault: FakeFault | undefined;
}

/** Options of {@link startFakeMlflowServer}. */
export interface FakeMlflowServerOptions {
  /** When set, every request without exactly this Authorization header gets 401. @default no authentication */
  readonly expectedAuthorization?: string;
  /** The most versions one `model-versions/search` page returns, to exercise `next_page_token`. @default no cap */
  readonly maxSearchResults?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Where to listen: the edge–cloud lab runs it as the cloud's MLflow on `0.0.0.0:5000`. @default 127.0.0.1, a free port */
  readonly listen?: { readonly host: string; readonly port: number };
  /** How many requests {@link FakeMlflowServer.requests} keeps, oldest dropped first (a long-running lab). @default all */
  readonly keepRequests?: number;
}

/** A running fake MLflow tracking server with an artifact proxy, on 127.0.0.1. */
export interface FakeMlflowServer {
  /** The base URL, the value a client gets as MLFLOW_TRACKING_URI, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request received, in order, faulted ones included. */
  readonly requests: readonly RecordedRequest[];
  /** The requests to one REST endpoint, e.g. `requestsTo('POST', 'runs/log-batch')`. */
  requestsTo(method: string, endpoint: string): RecordedRequest[];
  /** Injects `fault` into the next `count` requests. @default fault 503 */
  failNext(count: number, fault?: FakeFault): void;
  /** The artifact proxy's files: path below the proxy root → bytes. */
  readonly artifacts: ReadonlyMap<string, Uint8Array>;
  close(): Promise<void>;
}

const restPrefix = '/api/2.0/mlflow/';
const artifactsPath = '/api/2.0/mlflow-artifacts/artifacts';

/** HTTP statuses of MLflow's error codes (`ERROR_CODE_TO_HTTP_STATUS`, `mlflow/exceptions.py`). */
const statusOfCode: Readonly<Record<RegistryErrorCode, number>> = {
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  INVALID_PARAMETER_VALUE: 400,
  INVALID_STATE: 500,
  BAD_REQUEST: 400,
  ENDPOINT_NOT_FOUND: 404,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  UNAVAILABLE: 503,
};

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, code: RegistryErrorCode, message: string): void {
  // The server's name for "unavailable" is TEMPORARILY_UNAVAILABLE.
  sendJson(response, statusOfCode[code], { error_code: code === 'UNAVAILABLE' ? 'TEMPORARILY_UNAVAILABLE' : code, message });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts an in-process stand-in for an MLflow tracking server (`mlflow server --serve-artifacts`) on
 * 127.0.0.1 and a free port. It implements the REST endpoints the registry client uses, with the
 * documented paths, field names, status codes and error bodies, and an in-memory artifact proxy; it
 * records every request and can inject faults to exercise retries.
 */
export async function startFakeMlflowServer(options: FakeMlflowServerOptions = {}): Promise<FakeMlflowServer> {
  const now = options.now ?? Date.now;
  const tracking = new FakeMlflowTracking(now);
  const registry = new FakeMlflowModelRegistry(now, options.maxSearchResults);
  const artifacts = new FakeMlflowArtifacts();
  const requests: RecordedRequest[] = [];
  const faults: FakeFault[] = [];

  const routes: Readonly<Record<string, (params: RequestParams, bodyBytes: number) => unknown>> = {
    'POST experiments/create': (p) => tracking.createExperiment(p),
    'GET experiments/get-by-name': (p) => tracking.getExperimentByName(p),
    'GET experiments/get': (p) => tracking.getExperiment(p),
    'POST runs/create': (p) => tracking.createRun(p),
    'POST runs/update': (p) => tracking.updateRun(p),
    'GET runs/get': (p) => tracking.getRun(p),
    'POST runs/log-batch': (p, bytes) => tracking.logBatch(p, bytes),
    'POST registered-models/create': (p) => registry.createRegisteredModel(p),
    'GET registered-models/get': (p) => registry.getRegisteredModel(p),
    'POST model-versions/create': (p) => registry.createModelVersion(p),
    'GET model-versions/get': (p) => registry.getModelVersion(p),
    'GET model-versions/search': (p) => registry.searchModelVersions(p),
    'POST model-versions/set-tag': (p) => registry.setModelVersionTag(p),
    'GET model-versions/get-download-uri': (p) => registry.getDownloadUri(p),
    'POST registered-models/alias': (p) => registry.setAlias(p),
    'DELETE registered-models/alias': (p) => registry.deleteAlias(p),
    'GET registered-models/alias': (p) => registry.getVersionByAlias(p),
  };

  const serveArtifacts = (method: string, path: string, query: URLSearchParams, body: Buffer, response: ServerResponse): void => {
    if (path === artifactsPath && method === 'GET') return sendJson(response, 200, artifacts.list(query.get('path') ?? undefined));
    const artifactPath = path.slice(artifactsPath.length + 1).split('/').map(decodeURIComponent).join('/');
    if (method === 'PUT') return sendJson(response, 200, artifacts.upload(artifactPath, new Uint8Array(body)));
    if (method === 'GET') {
      const bytes = artifacts.download(artifactPath);
      if (bytes !== undefined) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void response.end(bytes);
      }
      // MLflow's artifact repository raises an OSError for a missing file, which Flask turns into a bare 500.
      response.writeHead(500, { 'content-type': 'text/html' });
      return void response.end('<h1>Internal Server Error</h1>');
    }
    sendError(response, 'ENDPOINT_NOT_FOUND', `No ${method} endpoint at ${path}`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
    let parsed: unknown;
    try {
      parsed = method !== 'GET' && isJson && body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return sendError(response, 'BAD_REQUEST', 'Malformed JSON request body');
    }
    const fault = faults.shift();
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: parsed, bodyBytes: body.length, headers: request.headers, fault });
    if (options.keepRequests !== undefined && requests.length > options.keepRequests) requests.splice(0, requests.length - options.keepRequests);
    if (fault?.kind === 'close') return void request.socket.destroy();
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return sendJson(response, fault.status, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'injected fault' }, headers);
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (options.expectedAuthorization !== undefined && request.headers.authorization !== options.expectedAuthorization) {
      // MLflow's basic-auth app answers a plain-text 401, not an MLflow error body.
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="mlflow"' });
      return void response.end('You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html');
    }
    // The tracking server's liveness endpoint, which the rendered probes call.
    if (url.pathname === '/health' && method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return void response.end('OK');
    }
    if (url.pathname === artifactsPath || url.pathname.startsWith(`${artifactsPath}/`)) return serveArtifacts(method, url.pathname, url.searchParams, body, response);
    const route = url.pathname.startsWith(restPrefix) ? routes[`${method} ${url.pathname.slice(restPrefix.length)}`] : undefined;
    if (route === undefined) return sendError(response, 'ENDPOINT_NOT_FOUND', `No ${method} endpoint at ${url.pathname}`);
    if (method === 'POST' && !isJson) return sendError(response, 'BAD_REQUEST', 'Bad Request. Content-Type must be "application/json".');
    const params: RequestParams = method === 'GET' ? Object.fromEntries(url.searchParams) : ((parsed ?? {}) as RequestParams);
    sendJson(response, 200, route(params, body.length));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return;
      if (isRegistryError(error)) return sendError(response, error.code, error.message);
      sendError(response, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.listen?.port ?? 0, options.listen?.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = options.listen === undefined || options.listen.host === '0.0.0.0' ? '127.0.0.1' : options.listen.host;

  return {
    url: `http://${host}:${port}`,
    requests,
    requestsTo: (method, endpoint) => requests.filter((r) => r.method === method && (r.path === endpoint || r.path === `${restPrefix}${endpoint}`)),
    failNext(count, fault = { kind: 'status', status: 503 }) {
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    artifacts: artifacts.files,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
