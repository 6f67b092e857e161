import { checkDriftScenario, type DriftScenario } from './drift-scenario.ts';
import { createProcessLine } from './process-line.ts';
import type { ProductType } from './product-type.ts';
import type { ProcessRecord } from './process-record.ts';
import { createSeededRandom } from './seeded-random.ts';
import { airTemperatureWalk, createTemperatureWalk, processTemperatureRiseWalk } from './temperature-walk.ts';

/** Settings of a simulated machine. */
export interface MachineProps {
  /** The machine's id, e.g. `mill-07`. */
  readonly id: string;
  /** Seeds every random draw: the same seed gives the same processes. */
  readonly seed: number;
  /** Machine only this product type; otherwise L/M/H at 50/30/20 %. */
  readonly type?: ProductType;
  /**
   * Drift to show.
   * @default [] (none)
   */
  readonly scenario?: DriftScenario;
}

/** A live simulated machine for the sensor simulator: one process per `next()`. */
export interface Machine {
  readonly id: string;
  /** Runs the next process and returns its record; `udi` counts processes from 1. */
  next(): ProcessRecord;
  /**
   * Replaces the drift scenario from the next process on (a live simulator switches drift at run
   * time). `startsAt` stays a process index counted from the machine's first process.
   * @throws RangeError when the scenario cannot be simulated; the current one stays then.
   */
  setScenario(scenario: DriftScenario): void;
}

/**
 * A simulated machine with AI4I 2020 physics. Its temperatures are walks whose long-run spread
 * is the published one (300 ± 2 K air, 10 ± 1 K rise), since a live stream cannot be normalised
 * after the fact as `simulateProcesses` does.
 *
 * @throws RangeError when the seed or the scenario cannot be simulated.
 */
export function createMachine(props: MachineProps): Machine {
  let scenario = props.scenario ?? [];
  checkDriftScenario(scenario);
  const air = createTemperatureWalk(airTemperatureWalk, createSeededRandom(props.seed, 'air-temperature'));
  const rise = createTemperatureWalk(processTemperatureRiseWalk, createSeededRandom(props.seed, 'process-temperature'));
  // The line reads the scenario per process, so a getter lets setScenario take effect at once.
  const line = createProcessLine({
    seed: props.seed,
    type: props.type,
    get scenario() {
      return scenario;
    },
  });
  let processIndex = 0;
  return {
    id: props.id,
    next: () => line(processIndex++, { airTemperatureK: air(), processRiseK: rise() }),
    setScenario: (next) => {
      checkDriftScenario(next);
      scenario = next;
    },
  };
}
