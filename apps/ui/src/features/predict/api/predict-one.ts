import type { ApiClient } from '../../../shared/api/api-client.ts';

/** `POST /predict`'s answer. */
export interface PredictAnswer {
  readonly prediction: string;
  readonly probability: number;
  readonly threshold: number;
  readonly model: { readonly name: string; readonly version: string; readonly alias: string };
}

/** Scores one row of inputs. */
export function predictOne(api: ApiClient, input: Readonly<Record<string, number | string>>, signal?: AbortSignal): Promise<PredictAnswer> {
  return api.postJson<PredictAnswer>('/predict', input, { signal });
}
