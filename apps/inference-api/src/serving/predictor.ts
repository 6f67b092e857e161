/**
 * The prediction path every endpoint shares: pick the version that answers (champion, or the
 * challenger for its canary share), validate each row against that version's contract, encode it
 * with the shared contract library, score the batch in one ONNX Runtime call, then record metrics
 * and queue the inference log. In shadow mode the challenger scores the same rows after the
 * response is decided, off the request's path.
 */
import { toFeatureVector, validateInput, type FieldError, type ModelInput } from '@millwright/contract';
import type { ChallengerMode } from '../config.ts';
import type { ServingMetrics } from '../metrics.ts';
import type { LoadedModel } from '../model/loaded-model.ts';
import type { ModelManager } from '../model/model-manager.ts';
import type { DriftMonitor } from './drift-monitor.ts';
import type { InferenceLog } from './inference-log.ts';

/** One scored row. */
export interface Prediction {
  readonly prediction: string;
  readonly probability: number;
}

/** The answer to a scored request: which version answered, and one prediction per row. */
export interface ScoredRows {
  readonly model: LoadedModel;
  readonly predictions: readonly Prediction[];
}

/** Scored rows with their TreeSHAP explanations (see {@link Predictor.explain}). */
export interface ExplainedRows extends ScoredRows {
  /** The encoded rows, row-major N × features. */
  readonly rows: Float32Array;
  /** Each row's margin: baseValue + Σ its contributions. */
  readonly margins: Float64Array;
  /** Row-major N × features, in the contract's feature order. */
  readonly contributions: Float64Array;
  readonly baseValue: number;
  readonly marginSpace: 'probability' | 'log-odds';
}

/** The version answering is not a tree ensemble TreeSHAP can read. */
export class NotExplainableError extends Error {
  constructor(model: LoadedModel, reason: string) {
    super(`version ${model.version} of "${model.name}" cannot be explained: ${reason}`);
    this.name = 'NotExplainableError';
  }
}

/** Rows that break the contract; each error's field is prefixed with the row's position when there are several. */
export class InputError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((error) => `${error.field}: ${error.reason}`).join('; '));
    this.name = 'InputError';
  }
}

/** No model is loaded yet (live but not ready). */
export class NotReadyError extends Error {
  constructor(modelName: string) {
    super(`no version of "${modelName}" is loaded yet; the server is live but not ready`);
    this.name = 'NotReadyError';
  }
}

/** Rows per request whose inputs feed the per-feature histograms (all of a single-row request). */
const driftSampleRows = 32;

/** Options of {@link Predictor}. */
export interface PredictorOptions {
  readonly manager: ModelManager;
  readonly metrics: ServingMetrics;
  readonly log: InferenceLog;
  /** Sees every input the champion or a canary scored (not the shadow's copies). @default none */
  readonly drift?: DriftMonitor;
  readonly challengerMode: ChallengerMode;
  readonly challengerWeight: number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** Per-model metric children, resolved once per loaded version instead of once per request. */
interface ModelMetrics {
  readonly requests: { inc(value?: number): void };
  readonly latency: { observe(value: number): void };
  readonly probability: { observe(value: number): void };
  readonly features: readonly { readonly name: string; readonly histogram: { observe(value: number): void } }[];
}

/** Scores validated rows on the served models. */
export class Predictor {
  private readonly modelMetrics = new WeakMap<LoadedModel, ModelMetrics>();
  private readonly random: () => number;

  constructor(private readonly options: PredictorOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The version that answers the next request: the champion, or the challenger for its canary share. */
  pick(version?: string): LoadedModel {
    const { manager } = this.options;
    if (version !== undefined) {
      const model = manager.byVersion(version);
      if (model === undefined) throw new UnknownVersionError(manager.modelName, version, manager);
      return model;
    }
    const champion = manager.champion;
    if (champion === undefined) throw new NotReadyError(manager.modelName);
    const challenger = manager.challenger;
    if (this.options.challengerMode === 'canary' && challenger !== undefined && this.random() < this.options.challengerWeight) return challenger;
    return champion;
  }

  /**
   * Validates and scores `bodies` on `model` (see {@link Predictor.pick}).
   * @throws InputError naming every bad field of every row.
   */
  async score(model: LoadedModel, bodies: readonly unknown[], fieldPrefix: (row: number) => string): Promise<ScoredRows> {
    const started = performance.now();
    const { inputs, rows } = this.encode(model, bodies, fieldPrefix);
    const probabilities = await this.run(model, rows);
    const predictions = this.decide(model, probabilities);
    this.record(model, inputs, predictions, started, false);
    if (this.options.challengerMode === 'shadow') this.shadow(model, inputs);
    return { model, predictions };
  }

  /**
   * Validates `bodies` exactly as {@link Predictor.score} does, scores them, and explains each row
   * with TreeSHAP in the model's margin space. Explanations are not predictions served to act on,
   * so they are neither logged nor counted in the prediction metrics.
   * @throws InputError naming every bad field of every row; NotExplainableError when the version
   *   cannot be explained.
   */
  async explain(model: LoadedModel, bodies: readonly unknown[], fieldPrefix: (row: number) => string): Promise<ExplainedRows> {
    if (!model.explainer.ok) throw new NotExplainableError(model, model.explainer.reason);
    const { explainer } = model.explainer;
    const { rows } = this.encode(model, bodies, fieldPrefix);
    const predictions = this.decide(model, await this.run(model, rows));
    const { featureCount } = model;
    const contributions = new Float64Array(bodies.length * featureCount);
    const margins = new Float64Array(bodies.length);
    explainer.explainBatch(rows, contributions, margins);
    return { model, predictions, rows, margins, contributions, baseValue: explainer.baseValue, marginSpace: explainer.marginSpace };
  }

  /** Validates every row against the version's contract and encodes the valid ones. */
  private encode(model: LoadedModel, bodies: readonly unknown[], fieldPrefix: (row: number) => string): { inputs: ModelInput[]; rows: Float32Array } {
    const { contract, featureCount } = model;
    const inputs: ModelInput[] = new Array(bodies.length);
    const rows = new Float32Array(bodies.length * featureCount);
    let errors: FieldError[] | undefined;
    for (let index = 0; index < bodies.length; index += 1) {
      const checked = validateInput(contract, bodies[index]);
      if (!checked.ok) {
        errors ??= [];
        const prefix = fieldPrefix(index);
        for (const error of checked.errors) errors.push(prefix === '' ? error : { field: `${prefix}${error.field === '(body)' ? '' : `.${error.field}`}`, reason: error.reason });
        continue;
      }
      inputs[index] = checked.value;
      if (errors === undefined) toFeatureVector(contract, checked.value, rows.subarray(index * featureCount, (index + 1) * featureCount));
    }
    if (errors !== undefined) throw new InputError(errors);
    return { inputs, rows };
  }

  /** The contract's class for each probability. */
  private decide(model: LoadedModel, probabilities: Float32Array): Prediction[] {
    const { threshold, classes, positiveClass } = model.contract.outputs;
    const negativeClass = classes[0] === positiveClass ? classes[1] : classes[0];
    const predictions: Prediction[] = new Array(probabilities.length);
    for (let index = 0; index < probabilities.length; index += 1) {
      const probability = probabilities[index]!;
      predictions[index] = { prediction: probability >= threshold ? positiveClass : negativeClass, probability };
    }
    return predictions;
  }

  private async run(model: LoadedModel, rows: Float32Array): Promise<Float32Array> {
    const { manager } = this.options;
    manager.acquire(model);
    try {
      return await model.scorer.scoreBatch(rows);
    } finally {
      manager.release(model);
    }
  }

  private metricsFor(model: LoadedModel): ModelMetrics {
    let children = this.modelMetrics.get(model);
    if (children === undefined) {
      const { metrics } = this.options;
      const labels = { model: model.name, version: model.version };
      children = {
        requests: metrics.predictRequests.labels(labels),
        latency: metrics.predictLatency.labels(labels),
        probability: metrics.predictProbability.labels(labels),
        features: model.numericInputs.map((name) => ({ name, histogram: metrics.featureValue.labels({ model: model.name, feature: name }) })),
      };
      this.modelMetrics.set(model, children);
    }
    return children;
  }

  private record(model: LoadedModel, inputs: readonly ModelInput[], predictions: readonly Prediction[], started: number, shadow: boolean): void {
    const children = this.metricsFor(model);
    children.requests.inc(predictions.length);
    children.latency.observe((performance.now() - started) / 1000);
    const time = new Date();
    for (let index = 0; index < inputs.length; index += 1) {
      const input = inputs[index]!;
      const { prediction, probability } = predictions[index]!;
      // prom-client hashes the labels on every observe; the first rows of a batch are sample enough
      // for the drift and probability distributions.
      if (index < driftSampleRows) {
        children.probability.observe(probability);
        if (!shadow) for (const feature of children.features) feature.histogram.observe(input[feature.name] as number);
      }
      if (!shadow) this.options.drift?.add(input);
      this.options.log.append({ time, model: model.name, version: model.version, alias: model.alias, inputs: input, probability, prediction, shadow });
    }
  }

  /**
   * Scores the rows on the challenger too, after the champion answered, each row encoded with the
   * challenger's own contract; a failure costs only the shadow result.
   */
  private shadow(answered: LoadedModel, inputs: readonly ModelInput[]): void {
    const challenger = this.options.manager.challenger;
    if (challenger === undefined || challenger === answered) return;
    const started = performance.now();
    setImmediate(() => {
      const { contract, featureCount } = challenger;
      const rows = new Float32Array(inputs.length * featureCount);
      try {
        inputs.forEach((input, index) => toFeatureVector(contract, input, rows.subarray(index * featureCount, (index + 1) * featureCount)));
      } catch {
        return;
      }
      this.run(challenger, rows)
        .then((probabilities) => {
          const { threshold, classes, positiveClass } = contract.outputs;
          const negative = classes[0] === positiveClass ? classes[1] : classes[0];
          const predictions = Array.from(probabilities, (probability) => ({ probability, prediction: probability >= threshold ? positiveClass : negative }));
          this.record(challenger, inputs, predictions, started, true);
        })
        .catch(() => undefined);
    });
  }
}

/** A request named a version that is not loaded. */
export class UnknownVersionError extends Error {
  constructor(modelName: string, version: string, manager: ModelManager) {
    const loaded = [manager.champion, manager.challenger].filter((model) => model !== undefined).map((model) => `${model.version} (${model.alias})`);
    super(`version "${version}" of "${modelName}" is not loaded; loaded: ${loaded.length > 0 ? loaded.join(', ') : 'none'}`);
    this.name = 'UnknownVersionError';
  }
}
