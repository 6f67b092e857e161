/**
 * One model version ready to serve: its contract, an ONNX Runtime session, and what requests need
 * precomputed. Built from the version's files and warmed up before anything routes to it.
 */
import { formatFieldErrors, validateContract, type ModelContract, type ModelInput } from '@millwright/contract';
import { createOnnxScorer, createTreeExplainer, readTreeEnsemble, type OnnxScorer, type TreeExplainer } from '@millwright/ml';
import { coalescingScorer } from '../serving/coalescing-scorer.ts';
import { readTrainingReference, type TrainingReference } from './training-reference.ts';

/** A loaded, warmed-up model version. */
export interface LoadedModel {
  readonly name: string;
  readonly version: string;
  /** The alias it was resolved through (`champion` or `challenger`). */
  readonly alias: string;
  readonly contract: ModelContract;
  readonly scorer: OnnxScorer;
  readonly featureCount: number;
  /** `registry` when downloaded (or found cached) after resolving the alias, `cache` when the registry was unreachable. */
  readonly source: 'registry' | 'cache';
  /** The numeric inputs, whose values feed the drift histograms. */
  readonly numericInputs: readonly string[];
  /** The statistics of the rows it was trained on (reference.json), or why there are none. */
  readonly trainingReference: TrainingReference;
  /** TreeSHAP over the served ONNX tree ensemble, or why this version cannot be explained. */
  readonly explainer: { readonly ok: true; readonly explainer: TreeExplainer } | { readonly ok: false; readonly reason: string };
  /** Requests scoring on this model right now; a retired model is released once it drops to 0. */
  inFlight: number;
}

/** A midpoint input the warm-up scores: every number in the middle of its range, the first category. */
export function warmUpInput(contract: ModelContract): ModelInput {
  const input: Record<string, number | string> = {};
  for (const field of contract.inputs) {
    if (field.type === 'category') input[field.name] = field.categories[0]!;
    else input[field.name] = field.range === undefined ? 0 : (field.range.min + field.range.max) / 2;
  }
  return input;
}

/**
 * Parses the contract, opens the ONNX session and warms it up (the first run allocates; it must
 * not be a client's request). Releases the session when the warm-up fails.
 *
 * @throws Error naming the version and what is wrong with it.
 */
export async function loadModel(
  files: ReadonlyMap<string, Uint8Array>,
  identity: { name: string; version: string; alias: string; source: 'registry' | 'cache' },
  encode: (contract: ModelContract, input: ModelInput) => Float32Array,
): Promise<LoadedModel> {
  const where = `version ${identity.version} of "${identity.name}"`;
  const contractBytes = files.get('contract.json');
  const onnxBytes = files.get('model.onnx');
  if (contractBytes === undefined || onnxBytes === undefined) throw new Error(`${where} lacks model.onnx or contract.json`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(contractBytes));
  } catch (error) {
    throw new Error(`${where}: contract.json is not JSON (${(error as Error).message})`);
  }
  const checked = validateContract(json);
  if (!checked.ok) throw new Error(`${where}: contract.json is invalid:\n${formatFieldErrors(checked.errors)}`);
  const contract = checked.value;
  const featureCount = contract.featureOrder.length;
  const scorer = coalescingScorer(await createOnnxScorer(onnxBytes, { featureCount }));
  try {
    const [probability] = await scorer.scoreBatch(encode(contract, warmUpInput(contract)));
    if (probability === undefined || !(probability >= 0 && probability <= 1)) {
      throw new Error(`${where}: warm-up answered ${probability}, not a probability`);
    }
  } catch (error) {
    await scorer.release();
    throw error;
  }
  return {
    ...identity,
    contract,
    scorer,
    featureCount,
    numericInputs: contract.inputs.filter((input) => input.type === 'number').map((input) => input.name),
    trainingReference: readTrainingReference(files, contract, where),
    explainer: explainerOf(onnxBytes, featureCount),
    inFlight: 0,
  };
}

/**
 * The version's explainer. A model that is not an explainable tree ensemble (another operator, or
 * exported before covers were written) still serves; only /explain refuses it, saying why.
 */
function explainerOf(onnxBytes: Uint8Array, featureCount: number): LoadedModel['explainer'] {
  try {
    const explainer = createTreeExplainer(readTreeEnsemble(onnxBytes));
    if (explainer.featureCount !== featureCount) {
      return { ok: false, reason: `its ONNX model splits on ${explainer.featureCount} features; the contract has ${featureCount}` };
    }
    return { ok: true, explainer };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
