import type { ModelInput } from '@millwright/contract';
import type { BatchPredictions } from './api/predict-batch.ts';

/** One scored row. */
export interface ScoredRow {
  readonly prediction: string;
  readonly probability: number;
  readonly version: string;
}

/**
 * Scores the inputs in requests of at most `batchRows`, one after another (the API scores each
 * batch in one model call; sequential requests keep the shop-floor API responsive for others),
 * reporting progress after each. A failed batch stops the run and rejects with its error.
 */
export async function scoreInBatches(
  inputs: readonly ModelInput[],
  batchRows: number,
  predict: (rows: readonly ModelInput[]) => Promise<BatchPredictions>,
  onProgress: (done: number, total: number) => void,
): Promise<ScoredRow[]> {
  if (!(Number.isInteger(batchRows) && batchRows >= 1)) throw new RangeError(`batchRows must be a whole number ≥ 1, got ${batchRows}`);
  const scored: ScoredRow[] = [];
  for (let start = 0; start < inputs.length; start += batchRows) {
    const chunk = inputs.slice(start, start + batchRows);
    const answer = await predict(chunk);
    if (answer.predictions.length !== chunk.length) throw new Error(`the API answered ${answer.predictions.length} predictions for ${chunk.length} rows`);
    for (const { prediction, probability } of answer.predictions) scored.push({ prediction, probability, version: answer.model.version });
    onProgress(scored.length, inputs.length);
  }
  return scored;
}
