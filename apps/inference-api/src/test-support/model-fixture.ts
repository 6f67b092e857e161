/**
 * Real models for the tests, built in-process with the shared libraries (no training run): a
 * one-tree forest over the AI4I contract, exported to ONNX by libs/ml and registered through the
 * registry's public API exactly as the trainer's `register` step does, then given an alias.
 * Different `failureProbability` values make versions tell apart by their answers.
 */
import { ai4iContract, type ModelContract } from '@millwright/contract';
import { exportOnnx, type Forest, type GlobalImportance, type ReferenceStatistics } from '@millwright/ml';
import type { ModelRegistry } from '@millwright/registry';

/** The registered model name the API serves by default. */
export const fixtureModelName = 'predictive-maintenance';

/** A valid request for the AI4I contract. */
export const validRow = {
  type: 'M',
  airTemperatureK: 300.1,
  processTemperatureK: 310.2,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 100,
} as const;

/** A row the fixture forest scores as a failure (torque above 60 Nm). */
export const failingRow = { ...validRow, torqueNm: 70 } as const;

/**
 * The ONNX bytes of a one-split forest: torqueNm (feature 4) < 60 → `okProbability`, else
 * `failureProbability`.
 */
export function fixtureOnnx(contract: ModelContract, failureProbability: number, okProbability = 0.05, withCovers = true): Uint8Array {
  const torque = contract.featureOrder.indexOf('torqueNm');
  const forest: Forest = {
    featureCount: contract.featureOrder.length,
    trees: [
      {
        kind: 'split',
        feature: torque,
        threshold: 60,
        samples: 100,
        impurityDecrease: 0.1,
        left: { kind: 'leaf', p1: okProbability },
        right: { kind: 'leaf', p1: failureProbability },
      },
    ],
  };
  // Covers for TreeSHAP: 80 training rows below 60 Nm, 20 above, so the base value is 0.8·ok + 0.2·failure.
  const coverRows = Array.from({ length: 100 }, (_, index) => {
    const row = new Array<number>(contract.featureOrder.length).fill(0);
    row[torque] = index < 80 ? 40 : 70;
    return row;
  });
  return exportOnnx(forest, { featureNames: contract.featureOrder, ...(withCovers ? { coverRows } : {}) });
}

/** Options of {@link registerFixtureModel}. */
export interface FixtureModelOptions {
  readonly failureProbability?: number;
  readonly okProbability?: number;
  /** Alias to point at the new version. @default 'champion' */
  readonly alias?: string | null;
  /** Replaces model.onnx, e.g. with garbage to make the version fail to load. */
  readonly onnx?: Uint8Array;
  /** Stored as reference.json, the training statistics drift compares with. @default none */
  readonly reference?: ReferenceStatistics;
  /** Stored as global-importance.json, the version's mean |SHAP| per feature. @default none */
  readonly globalImportance?: GlobalImportance;
  readonly name?: string;
}

/** Registers a new version with model.onnx and contract.json (and reference.json) and moves the alias to it; returns the version. */
export async function registerFixtureModel(registry: ModelRegistry, options: FixtureModelOptions = {}): Promise<string> {
  const name = options.name ?? fixtureModelName;
  const contract = ai4iContract(0.5);
  await registry.ensureRegisteredModel(name);
  const experiment = await registry.getOrCreateExperiment(name);
  const run = await registry.createRun(experiment.experimentId, { runName: 'fixture' });
  const onnx = options.onnx ?? fixtureOnnx(contract, options.failureProbability ?? 0.9, options.okProbability ?? 0.05);
  await registry.logArtifact(run.runId, 'model/model.onnx', onnx);
  await registry.logArtifact(run.runId, 'model/contract.json', new TextEncoder().encode(JSON.stringify(contract)));
  if (options.globalImportance) await registry.logArtifact(run.runId, 'model/global-importance.json', new TextEncoder().encode(JSON.stringify(options.globalImportance)));
  if (options.reference) await registry.logArtifact(run.runId, 'model/reference.json', new TextEncoder().encode(JSON.stringify(options.reference)));
  await registry.finishRun(run.runId, 'FINISHED');
  const version = await registry.createModelVersion(name, { runId: run.runId, source: `runs:/${run.runId}/model` });
  const alias = options.alias === undefined ? 'champion' : options.alias;
  if (alias !== null) await registry.setAlias(name, alias, version.version);
  return version.version;
}
