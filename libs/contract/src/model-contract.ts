/**
 * The model contract (`contract.json`): what a model version takes, what it derives and what it
 * answers. The inference API validates requests against it, the UI renders its form from it, and
 * the trainer encodes rows with it, so a model trained elsewhere is served by writing one
 * (docs/architecture.md, "Models").
 */

/** The only contract format so far; a breaking change adds a version, never edits this one. */
export const modelContractSchemaVersion = 1;

/** The inclusive range a numeric input must lie in. */
export interface InputRange {
  readonly min: number;
  readonly max: number;
}

/** A numeric input, in the unit the model was trained on. */
export interface NumberInput {
  readonly name: string;
  readonly type: 'number';
  /** The physical unit (`K`, `rpm`, `Nm`, `min`); shown beside the field in the UI. */
  readonly unit?: string;
  readonly description: string;
  /** Values outside it are rejected rather than extrapolated by the model. */
  readonly range?: InputRange;
}

/** A categorical input: one of a fixed list of strings. */
export interface CategoryInput {
  readonly name: string;
  readonly type: 'category';
  readonly description: string;
  /** The allowed values, in the order the ordinal encoding numbers them (0, 1, 2, …). */
  readonly categories: readonly string[];
}

/** One input of a predict request. */
export type ContractInput = NumberInput | CategoryInput;

/** A feature computed from the inputs by a formula every consumer shares (see `engineeredFeatureCatalogue`). */
export interface EngineeredFeature {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** What the model answers: two classes, the positive one, and the probability that decides it. */
export interface ContractOutputs {
  readonly classes: readonly [string, string];
  readonly positiveClass: string;
  /** A request is classified positive when P(positive) ≥ threshold. */
  readonly threshold: number;
}

/**
 * The model contract. `featureOrder` is the layout of the float32 vector the ONNX model takes:
 * each entry is a numeric input's name, an engineered feature's name, a category input's name
 * (ordinal encoding: the index of the value in `categories`), or `input=value` (one-hot: 1 when
 * the input equals that value, else 0).
 */
export interface ModelContract {
  readonly schemaVersion: typeof modelContractSchemaVersion;
  readonly name: string;
  readonly task: 'binary-classification';
  readonly inputs: readonly ContractInput[];
  readonly engineered: readonly EngineeredFeature[];
  readonly outputs: ContractOutputs;
  readonly featureOrder: readonly string[];
}

/** A validated predict request: input name → number or category value. */
export type ModelInput = Readonly<Record<string, number | string>>;

/** The `featureOrder` entry of the one-hot indicator for `input` = `category`, e.g. `type=L`. */
export function oneHotFeatureName(input: string, category: string): string {
  return `${input}=${category}`;
}
