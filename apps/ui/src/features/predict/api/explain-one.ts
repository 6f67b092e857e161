import type { ApiClient } from '../../../shared/api/api-client.ts';
import type { MarginSpace } from '../../../shared/format/margin-space.ts';
import type { PredictAnswer } from './predict-one.ts';

/** One model feature's TreeSHAP contribution, as `POST /explain` reports it. */
export interface FeatureContribution {
  /** A name of the contract's `featureOrder`. */
  readonly feature: string;
  readonly kind: 'input' | 'one-hot' | 'engineered';
  /** The inputs an engineered feature is computed from. */
  readonly from?: readonly string[];
  /** The encoded value the model saw. */
  readonly value: number;
  /** In `marginSpace`. */
  readonly contribution: number;
}

/** `POST /explain`'s answer: the prediction and why, `baseValue + Σ contributions = margin`. */
export interface Explanation extends PredictAnswer {
  readonly marginSpace: MarginSpace;
  readonly baseValue: number;
  readonly margin: number;
  readonly contributions: readonly FeatureContribution[];
}

/** Predicts one row of inputs and explains it; a version without node covers answers 501. */
export function explainOne(api: ApiClient, input: Readonly<Record<string, number | string>>, signal?: AbortSignal): Promise<Explanation> {
  return api.postJson<Explanation>('/explain', input, { signal });
}
