/**
 * An in-memory ApiClient for component tests: each route ("GET /models") answers with a value or
 * throws an ApiError; every call is recorded. The end-to-end test uses the real API instead.
 */
import { ai4iContract } from '@millwright/contract';
import { ApiError, type ApiClient, type CallOptions } from '../shared/api/api-client.ts';

/** A route's answer: a value, or a function of the request body (which may throw). */
export type FakeRoute = unknown | ((body: unknown, options: CallOptions | undefined) => unknown);

/** A recorded call. */
export interface FakeCall {
  readonly route: string;
  readonly body: unknown;
  readonly options: CallOptions | undefined;
}

/** The fake client, its recorded calls, and its routes (tests may replace them). */
export function createFakeApi(routes: Record<string, FakeRoute>): ApiClient & { calls: FakeCall[]; routes: Record<string, FakeRoute> } {
  const calls: FakeCall[] = [];
  const answer = async (route: string, body: unknown, options: CallOptions | undefined) => {
    calls.push({ route, body, options });
    if (!(route in routes)) throw new ApiError(`${route}: no route ${route}`, 404);
    const handler = routes[route];
    return typeof handler === 'function' ? (handler as (body: unknown, options: CallOptions | undefined) => unknown)(body, options) : structuredClone(handler);
  };
  return {
    baseUrl: 'http://api.test',
    calls,
    routes,
    getJson: async <T>(path: string, options?: CallOptions) => (await answer(`GET ${path}`, undefined, options)) as T,
    postJson: async <T>(path: string, body: unknown, options?: CallOptions) => (await answer(`POST ${path}`, body, options)) as T,
    getText: async (path: string, options?: CallOptions) => String(await answer(`GET ${path}`, undefined, options)),
  };
}

/** The API being unreachable, as the real client reports it. */
export function unreachable(route: string): never {
  throw new ApiError(`${route}: the inference API at http://api.test is unreachable (Failed to fetch)`, undefined);
}

/** `GET /models` serving version 3 of the AI4I model as champion. */
export function servedModels(threshold = 0.4) {
  return {
    name: 'predictive-maintenance',
    champion: { version: '3', alias: 'champion', source: 'registry', contract: ai4iContract(threshold) },
    challenger: null,
    challengerMode: 'off',
    problems: [],
  };
}

/** The routes of a healthy API serving {@link servedModels}. */
export function healthyRoutes(): Record<string, FakeRoute> {
  return {
    'GET /models': servedModels(),
    'GET /serving/limits': { maxBatchRows: 1000, bodyLimitBytes: 1_048_576, adminEnabled: true },
    'GET /machines': { machines: ['lathe-1'] },
    'GET /machines/lathe-1': { machineId: 'lathe-1', features: { type: 'H', airTemperatureK: 301, processTemperatureK: 311, rotationalSpeedRpm: 1400, torqueNm: 55, toolWearMin: 210 } },
    'GET /registry/versions/3/importances': { version: '3', importances: [{ feature: 'torqueNm', importance: 0.6 }, { feature: 'toolWearMin', importance: 0.4 }] },
  };
}
