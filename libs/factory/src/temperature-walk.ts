import type { SeededRandom } from './seeded-random.ts';

/**
 * The temperatures of AI4I 2020 are "generated using a random walk process later normalized"
 * (dataset description). A plain random walk has no stationary spread, so we use a walk that is
 * pulled back towards its mean (an AR(1) process): it wanders like a random walk over a few
 * steps, and its long-run spread is exactly the published sd, so a live machine needs no
 * after-the-fact normalisation. A batch run normalises anyway, as the dataset did.
 */
export interface TemperatureWalkShape {
  readonly mean: number;
  /** The long-run (stationary) standard deviation. */
  readonly sd: number;
  /** How much of the last step's deviation survives a step, in [0, 1); 0.99 ≈ memory of 100 steps. */
  readonly persistence: number;
}

/**
 * A walk that starts at a draw from its long-run distribution and returns the next value on each
 * call.
 */
export function createTemperatureWalk(shape: TemperatureWalkShape, random: SeededRandom): () => number {
  const innovationSd = shape.sd * Math.sqrt(1 - shape.persistence * shape.persistence);
  let deviation = shape.sd * random.normal();
  return () => {
    const value = shape.mean + deviation;
    deviation = shape.persistence * deviation + innovationSd * random.normal();
    return value;
  };
}

/** `length` successive values of a walk. */
export function temperatureWalkSeries(shape: TemperatureWalkShape, random: SeededRandom, length: number): Float64Array {
  const next = createTemperatureWalk(shape, random);
  const series = new Float64Array(length);
  for (let index = 0; index < length; index += 1) series[index] = next();
  return series;
}

/**
 * Shifts and scales a series in place to exactly the given mean and (population) sd, as the
 * dataset description says its walks were. A series of fewer than two values, or a constant one,
 * is only shifted.
 */
export function normaliseSeries(series: Float64Array, mean: number, sd: number): Float64Array {
  const count = series.length;
  if (count === 0) return series;
  let sum = 0;
  for (const value of series) sum += value;
  const seriesMean = sum / count;
  let squares = 0;
  for (const value of series) squares += (value - seriesMean) ** 2;
  const seriesSd = Math.sqrt(squares / count);
  const scale = seriesSd > 0 && count > 1 ? sd / seriesSd : 1;
  for (let index = 0; index < count; index += 1) series[index] = mean + (series[index]! - seriesMean) * scale;
  return series;
}

/**
 * The ambient air: 300 K, sd 2 K (dataset description). Ambient temperature changes slowly, so
 * the walk remembers about 100 processes; a batch of 10,000 still covers its range many times
 * over, which keeps the heat dissipation failure rate steady from seed to seed.
 */
export const airTemperatureWalk: TemperatureWalkShape = { mean: 300, sd: 2, persistence: 0.99 };

/**
 * The process temperature's rise over the air: "a random walk process normalized to a standard
 * deviation of 1 K, added to the air temperature plus 10 K" (dataset description). The process
 * heats and cools faster than a hall, so it remembers about 20 processes.
 */
export const processTemperatureRiseWalk: TemperatureWalkShape = { mean: 10, sd: 1, persistence: 0.95 };
