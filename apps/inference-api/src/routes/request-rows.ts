/**
 * The request shapes /predict and /explain share, resolved to rows for the predictor: one
 * feature object or `{"machineId": ...}` (the feature store's latest values, with any other keys
 * overriding them), and a non-empty array of at most `maxRows` feature objects.
 */
import { isPlainObject } from '@millwright/contract';
import type { FeatureStore } from '../serving/feature-store.ts';
import { HttpProblem } from './error-reply.ts';

/** The one row a single-row body stands for. */
export async function singleRow(body: unknown, featureStore: FeatureStore): Promise<unknown> {
  if (!isPlainObject(body) || !Object.hasOwn(body, 'machineId')) return body;
  const { machineId, ...overrides } = body;
  if (typeof machineId !== 'string' || machineId === '' || machineId.length > 200) {
    throw HttpProblem.ofField(400, 'machineId', 'must be a non-empty string of at most 200 characters');
  }
  const stored = await featureStore.get(machineId);
  if (stored === undefined) throw HttpProblem.ofField(404, 'machineId', `no features are stored for machine "${machineId}"`);
  return { ...stored, ...overrides };
}

/** The rows of a batch body. */
export function batchRows(body: unknown, maxRows: number): unknown[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw HttpProblem.ofField(400, '(body)', 'must be a non-empty JSON array of feature objects');
  }
  if (body.length > maxRows) {
    throw HttpProblem.ofField(413, '(body)', `has ${body.length} rows; at most ${maxRows} per request`);
  }
  return body;
}
