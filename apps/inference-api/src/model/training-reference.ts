/**
 * A version's training reference: `reference.json`, the per-feature statistics of the rows it was
 * trained on, written by the trainer's evaluate step next to `model.onnx` (libs/ml
 * drift-reference.ts). Live inputs are compared with it for drift, and its medians are the
 * typical operating point the UI's form starts from. A version without a usable one still serves;
 * only drift and the typical point are unavailable, with the reason.
 */
import type { ModelContract } from '@millwright/contract';
import type { ReferenceStatistics } from '@millwright/ml';

/** The reference, or why the version has none that can be used. */
export type TrainingReference = { readonly ok: true; readonly reference: ReferenceStatistics } | { readonly ok: false; readonly problem: string };

const isNumberList = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));

/** Reads `reference.json` of a version's files and checks it describes the contract's features, in order. */
export function readTrainingReference(files: ReadonlyMap<string, Uint8Array>, contract: ModelContract, where: string): TrainingReference {
  const bytes = files.get('reference.json');
  if (bytes === undefined) return { ok: false, problem: `${where} has no reference.json (the trainer writes one with every version; retrain it to compare live inputs)` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return { ok: false, problem: `${where}: reference.json is not JSON (${(error as Error).message})` };
  }
  const candidate = json as Partial<ReferenceStatistics>;
  if (candidate.schemaVersion !== 1 || typeof candidate.rows !== 'number' || !Array.isArray(candidate.features)) {
    return { ok: false, problem: `${where}: reference.json must have schemaVersion 1, rows and features` };
  }
  const names = candidate.features.map((feature) => (feature as { name?: unknown })?.name);
  if (names.join('\u0000') !== contract.featureOrder.join('\u0000')) {
    return { ok: false, problem: `${where}: reference.json describes [${names.join(', ')}], the contract's features are [${contract.featureOrder.join(', ')}]` };
  }
  const broken = candidate.features.find(
    (feature) => !isNumberList(feature.binEdges) || !isNumberList(feature.binCounts) || feature.binCounts.length !== feature.binEdges.length + 1 || typeof feature.quantiles?.p50 !== 'number',
  );
  if (broken !== undefined) return { ok: false, problem: `${where}: reference.json feature "${broken.name}" needs binEdges, binCounts (one more than the edges) and quantiles` };
  return { ok: true, reference: candidate as ReferenceStatistics };
}

/**
 * The typical operating point of the training data: each numeric input's median. Categories are
 * left to the client (a median of category codes is not a typical category).
 */
export function typicalInput(contract: ModelContract, reference: ReferenceStatistics): Record<string, number> {
  const medians = new Map(reference.features.map((feature) => [feature.name, feature.quantiles.p50]));
  const typical: Record<string, number> = {};
  for (const input of contract.inputs) {
    const median = medians.get(input.name);
    if (input.type === 'number' && median !== undefined) typical[input.name] = median;
  }
  return typical;
}
