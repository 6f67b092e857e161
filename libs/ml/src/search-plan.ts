/**
 * The trials of the search across model families: a seeded random search (Bergstra & Bengio
 * 2012, "Random Search for Hyper-Parameter Optimization") over one space per family. Trials
 * alternate families so that a search cut short by its time budget has still tried both.
 */
import { defaultBoostingConfig, type BoostingConfig } from './boosted-trees.ts';
import { createRandom, deriveSeed, type UniformRandom } from './seeded-random.ts';
import type { TrainingConfig } from './train-candidate.ts';

/** One trial of the search: a family and its hyperparameters. */
export type CandidateSpec =
  | { readonly family: 'forest'; readonly config: TrainingConfig }
  | { readonly family: 'boosted'; readonly config: BoostingConfig };

/** Options of {@link planSearch}. */
export interface SearchPlanOptions {
  readonly seed: number;
  /**
   * Trials to plan (the trainer may stop earlier, at its time budget).
   * @default 12
   */
  readonly trials?: number;
  /**
   * One trial in this many is a forest; the rest are boosted. Forests cost 5–20× more per trial
   * here (ml-cart, docs/toolchain.md, "Training trees in JavaScript").
   * @default 3
   */
  readonly forestEvery?: number;
}

/**
 * The first forest trial: the cheapest candidate of the earlier forest-only grid, which scored
 * within 0.02 F1 of the best on 20k rows; a known-good anchor for the random draws that follow.
 */
const forestAnchor: TrainingConfig = { trees: 8, maxDepth: 8, minNumSamples: 3, negativeRatio: 3, maxFeatures: 0.8, positiveFraction: 0.5 };

/**
 * The planned trials, deterministic for the seed. Trial 0 is boosted trees with the defaults and
 * trial 1 the forest anchor; every later trial is drawn at random from its family's space.
 *
 * @throws RangeError when `trials` or `forestEvery` is not a positive integer.
 */
export function planSearch(options: SearchPlanOptions): CandidateSpec[] {
  const trials = options.trials ?? 12;
  const forestEvery = options.forestEvery ?? 3;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials is ${trials}; expected an integer ≥ 1`);
  if (!Number.isInteger(forestEvery) || forestEvery < 1) throw new RangeError(`forestEvery is ${forestEvery}; expected an integer ≥ 1`);
  const random = createRandom(deriveSeed(options.seed, 7_000));
  return Array.from({ length: trials }, (_, index): CandidateSpec => {
    if (index === 0) return { family: 'boosted', config: defaultBoostingConfig };
    if (index === 1) return { family: 'forest', config: forestAnchor };
    return index % forestEvery === 1 ? { family: 'forest', config: drawForest(random) } : { family: 'boosted', config: drawBoosted(random) };
  });
}

function drawForest(random: UniformRandom): TrainingConfig {
  return {
    trees: pick(random, [8, 10, 12]),
    maxDepth: pick(random, [8, 10, 12, 14]),
    minNumSamples: pick(random, [3, 5]),
    negativeRatio: pick(random, [2, 3, 4]),
    maxFeatures: pick(random, [0.8, 1]),
    positiveFraction: pick(random, [0.5, 0.6]),
  };
}

function drawBoosted(random: UniformRandom): BoostingConfig {
  return {
    ...defaultBoostingConfig,
    learningRate: round(logUniform(random, 0.03, 0.3)),
    maxDepth: pick(random, [3, 4, 5, 6, 7, 8]),
    minLeafRows: pick(random, [1, 3, 5, 10, 20]),
    minChildWeight: round(logUniform(random, 0.01, 3)),
    lambda: round(logUniform(random, 0.1, 10)),
    rowSubsample: round(0.6 + 0.4 * random()),
    featureSubsample: round(0.6 + 0.4 * random()),
    positiveWeight: round(logUniform(random, 1, 10)),
  };
}

function pick<T>(random: UniformRandom, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function logUniform(random: UniformRandom, low: number, high: number): number {
  return Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low)));
}

/** Four significant digits: readable in the trial table and the registry's params. */
function round(value: number): number {
  return Number(value.toPrecision(4));
}

/**
 * The hyperparameters of a trial in one short line (`depth 6, lr 0.1, …`), for the trial table of
 * the report and the trainer's closing note.
 */
export function describeSpec(spec: CandidateSpec): string {
  if (spec.family === 'forest') {
    const c = spec.config;
    return `${c.trees} trees, depth ${c.maxDepth}, min samples ${c.minNumSamples}, neg:pos ${c.negativeRatio}, features ${c.maxFeatures}, positives ${c.positiveFraction}`;
  }
  const c = spec.config;
  return `lr ${c.learningRate}, depth ${c.maxDepth}, min leaf ${c.minLeafRows}, min hessian ${c.minChildWeight}, lambda ${c.lambda}, rows ${c.rowSubsample}, features ${c.featureSubsample}, positive weight ${c.positiveWeight}`;
}
