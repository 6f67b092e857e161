import { checkDriftScenario, type DriftScenario } from './drift-scenario.ts';
import { createProcessLine } from './process-line.ts';
import type { ProductType } from './product-type.ts';
import type { ProcessRecord } from './process-record.ts';
import { createSeededRandom } from './seeded-random.ts';
import { airTemperatureWalk, normaliseSeries, processTemperatureRiseWalk, temperatureWalkSeries } from './temperature-walk.ts';

/** Settings of a batch simulation. */
export interface SimulationProps {
  /** How many processes (rows) to simulate. */
  readonly rows: number;
  /** Seeds every random draw: the same seed gives the same rows. */
  readonly seed: number;
  /** Machine only this product type; otherwise L/M/H at 50/30/20 %. */
  readonly type?: ProductType;
  /**
   * Drift to show.
   * @default [] (none)
   */
  readonly scenario?: DriftScenario;
}

/**
 * Simulates a run of processes on one machine, the way the AI4I 2020 dataset was generated:
 * temperature walks "later normalized" to 300 K ± 2 K (air) and a 10 K ± 1 K rise (process),
 * then per process a product, torque, speed, tool wear and the five failure modes. A drift
 * scenario acts after normalisation, so a heat wave really warms the run.
 *
 * @throws RangeError when rows, seed or scenario cannot be simulated.
 */
export function simulateProcesses(props: SimulationProps): ProcessRecord[] {
  if (!Number.isSafeInteger(props.rows) || props.rows < 0) throw new RangeError(`rows must be a whole number ≥ 0, got ${props.rows}`);
  const scenario = props.scenario ?? [];
  checkDriftScenario(scenario);
  const air = temperatureWalkSeries(airTemperatureWalk, createSeededRandom(props.seed, 'air-temperature'), props.rows);
  const rise = temperatureWalkSeries(processTemperatureRiseWalk, createSeededRandom(props.seed, 'process-temperature'), props.rows);
  normaliseSeries(air, airTemperatureWalk.mean, airTemperatureWalk.sd);
  normaliseSeries(rise, processTemperatureRiseWalk.mean, processTemperatureRiseWalk.sd);
  const line = createProcessLine({ seed: props.seed, type: props.type, scenario });
  const records: ProcessRecord[] = [];
  for (let index = 0; index < props.rows; index += 1) records.push(line(index, { airTemperatureK: air[index]!, processRiseK: rise[index]! }));
  return records;
}
