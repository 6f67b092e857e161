import type { ModelInput } from '@millwright/contract';
import type { ApiClient } from '../../../shared/api/api-client.ts';

/** `POST /predict/batch`'s answer. */
export interface BatchPredictions {
  readonly predictions: readonly { readonly prediction: string; readonly probability: number }[];
  readonly threshold: number;
  readonly model: { readonly name: string; readonly version: string; readonly alias: string };
}

/** Scores up to the API's row limit in one call. */
export function predictBatch(api: ApiClient, rows: readonly ModelInput[], signal?: AbortSignal): Promise<BatchPredictions> {
  return api.postJson<BatchPredictions>('/predict/batch', rows, { signal });
}
