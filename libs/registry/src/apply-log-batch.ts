import type { LogBatchChunk } from './log-batch.ts';
import type { WireKeyValue, WireRunData } from './mlflow-wire.ts';
import { RegistryError } from './registry-error.ts';

/**
 * Applies a batch to a run's stored data with MLflow's overwrite rules (REST API, "Log Batch"):
 * "metric values are never overwritten" (they append), "tag values can be overwritten by successive
 * writes to the same tag key", "once written, param values cannot be changed (attempting to overwrite a
 * param value will result in an error). However, logging the same param (key, value) is permitted".
 * Nothing is applied when a param conflicts. The local registry and the fake MLflow server share it.
 */
export function applyLogBatch(runId: string, data: WireRunData, batch: LogBatchChunk): WireRunData {
  const params = new Map((data.params ?? []).map((param) => [param.key, param.value]));
  for (const { key, value } of batch.params) {
    const logged = params.get(key);
    if (logged !== undefined && logged !== value) {
      throw new RegistryError(
        'INVALID_PARAMETER_VALUE',
        `Changing param values is not allowed. Param with key='${key}' was already logged with value='${logged}' for run ID='${runId}'. Attempted logging new value '${value}'.`,
      );
    }
    params.set(key, value);
  }
  const tags = new Map((data.tags ?? []).map((tag) => [tag.key, tag.value]));
  for (const { key, value } of batch.tags) tags.set(key, value);
  const asList = (entries: Map<string, string>): WireKeyValue[] => [...entries].map(([key, value]) => ({ key, value }));
  return { metrics: [...(data.metrics ?? []), ...batch.metrics], params: asList(params), tags: asList(tags) };
}
