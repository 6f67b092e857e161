import { RegistryError } from '../registry-error.ts';
import type { WireKeyValue } from '../mlflow-wire.ts';

/**
 * A request's fields as the fake server received them: the query string of a GET, the JSON body
 * otherwise (`_get_request_message`, `mlflow/server/handlers.py`).
 */
export type RequestParams = Readonly<Record<string, unknown>>;

/** MLflow's wording for a missing required field (`missing_value`, `mlflow/utils/validation.py`). */
function missing(field: string): RegistryError {
  return new RegistryError('INVALID_PARAMETER_VALUE', `Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`);
}

function invalid(field: string, value: unknown): RegistryError {
  return new RegistryError('INVALID_PARAMETER_VALUE', `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied.`);
}

/** A required string field. */
export function requiredString(params: RequestParams, field: string): string {
  const value = params[field];
  if (value === undefined || value === null || value === '') throw missing(field);
  if (typeof value !== 'string') throw invalid(field, value);
  return value;
}

/** An optional string field. */
export function optionalString(params: RequestParams, field: string): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(field, value);
  return value;
}

/** An optional int64 field; GET query strings carry numbers as text. */
export function optionalInteger(params: RequestParams, field: string): number | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalid(field, value);
  return number;
}

/** An optional repeated field of `{ key, value }` objects whose values are strings (protobuf `string` fields). */
export function keyValueList(params: RequestParams, field: string): WireKeyValue[] {
  return objectList(params, field).map((entry) => ({ key: requiredString(entry, 'key'), value: optionalString(entry, 'value') ?? '' }));
}

/** An optional repeated field of objects, returned as records for the caller to read. */
export function objectList(params: RequestParams, field: string): Record<string, unknown>[] {
  const value = params[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) throw invalid(field, value);
  return value as Record<string, unknown>[];
}

/** Drops empty lists and unset fields, as MLflow's JSON serialization of protobuf messages does. */
export function withoutEmptyFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && !(Array.isArray(field) && field.length === 0))) as T;
}
