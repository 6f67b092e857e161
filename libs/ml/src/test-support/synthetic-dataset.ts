/**
 * A seeded, imbalanced synthetic dataset for this library's tests, independent of libs/factory.
 * Rows look like machine telemetry and fail by threshold rules in the spirit of the AI4I 2020
 * failure modes (Matzka 2020): heat dissipation, power, overstrain, tool wear and random
 * failures — about 3.5 % positives, of which the wear and random modes are mostly unpredictable.
 */
import type { Dataset } from '../dataset.ts';
import { createRandom } from '../seeded-random.ts';

/** Column names of the synthetic rows. */
export const syntheticFeatureNames = [
  'air_temperature',
  'process_temperature',
  'rotational_speed',
  'torque',
  'tool_wear',
  'quality',
  'temperature_difference',
  'power',
  'strain',
] as const;

/** Failure groups of the synthetic rows ('none' for rows without failure). */
export type SyntheticGroup = 'heat' | 'power' | 'overstrain' | 'wear' | 'random' | 'none';

/** Options of {@link syntheticDataset}. */
export interface SyntheticDatasetOptions {
  readonly rows: number;
  readonly seed: number;
  /**
   * Added to every air and process temperature (a drifted sensor or a heat wave).
   * @default 0
   */
  readonly temperatureShift?: number;
}

/** `rows` seeded rows with labels and one failure group per row. */
export function syntheticDataset(options: SyntheticDatasetOptions): Dataset & { readonly groups: readonly SyntheticGroup[] } {
  const uniform = createRandom(options.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const shift = options.temperatureShift ?? 0;
  const rows: number[][] = [];
  const labels = new Uint8Array(options.rows);
  const groups: SyntheticGroup[] = [];
  let ambient = 300;
  for (let index = 0; index < options.rows; index += 1) {
    const quality = uniform() < 0.5 ? 0 : uniform() < 0.6 ? 1 : 2;
    ambient += 0.2 * normal() + (300 - ambient) * 0.01;
    const air = ambient + 2 * normal() + shift;
    const process = air + 10 + normal();
    const speed = Math.max(1168, 1540 + 180 * normal());
    const torque = Math.max(3.8, 40 - 0.03 * (speed - 1540) + 5.5 * normal());
    const wear = uniform() * 240;
    const power = (torque * speed * 2 * Math.PI) / 60;
    const strain = wear * torque;
    const difference = process - air;
    let group: SyntheticGroup = 'none';
    if (difference < 8.6 && speed < 1380) group = 'heat';
    else if (power < 3500 || power > 9000) group = 'power';
    else if (strain > [11000, 12000, 13000][quality]!) group = 'overstrain';
    else if (wear > 200 && uniform() < 0.035) group = 'wear';
    else if (uniform() < 0.001) group = 'random';
    rows.push([air, process, speed, torque, wear, quality, difference, power, strain]);
    labels[index] = group === 'none' ? 0 : 1;
    groups.push(group);
  }
  return { featureNames: [...syntheticFeatureNames], rows, labels, groups };
}
