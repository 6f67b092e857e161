import { ai4i2020 } from './ai4i-2020.ts';
import { driftEffectsAt, type DriftEffects, type DriftScenario } from './drift-scenario.ts';
import { rotationalSpeedRpm } from './drive-characteristic.ts';
import { failureModes, isMachineFailure } from './failure-modes.ts';
import { drawProductType, type ProductType } from './product-type.ts';
import type { ProcessReadings, ProcessRecord, ReadingName } from './process-record.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';
import { newTool, wearTool, type Tool } from './tool.ts';

/**
 * One machine working through processes: what a batch simulation and a live machine share once
 * their temperatures are known. Each concern draws from its own random stream of the seed, so a
 * drift in one (more tool changes) does not reshuffle the others.
 */

/** The temperatures of one process before any drift: the air, and the process's rise above it. */
export interface ProcessTemperatures {
  readonly airTemperatureK: number;
  readonly processRiseK: number;
}

/** Settings of a process line. */
export interface ProcessLineProps {
  readonly seed: number;
  /** Machine only this product type; otherwise draw L/M/H at 50/30/20 %. */
  readonly type?: ProductType;
  readonly scenario: DriftScenario;
}

/** Runs the process of the given index (0-based, in order) at the given temperatures. */
export type ProcessLine = (processIndex: number, temperatures: ProcessTemperatures) => ProcessRecord;

/** The decimals the dataset publishes each reading with: 0.1 K, 1 rpm, 0.1 Nm, 1 min. */
const readingDecimals: Readonly<Record<ReadingName, number>> = {
  airTemperatureK: 1,
  processTemperatureK: 1,
  rotationalSpeedRpm: 0,
  torqueNm: 1,
  toolWearMin: 0,
};

function rounded(name: ReadingName, value: number): number {
  const scale = 10 ** readingDecimals[name];
  return Math.round(value * scale) / scale;
}

/** Serial numbers are per variant, as in the dataset's product IDs (L47181, M14860). */
const serialBase: Readonly<Record<ProductType, number>> = { L: 40_000, M: 10_000, H: 20_000 };

/** Torque is "normally distributed around 40 Nm with a SD = 10 Nm and no negative values": negative draws are drawn again. */
function drawTorqueNm(random: SeededRandom): number {
  for (;;) {
    const torque = ai4i2020.torque.meanNm + ai4i2020.torque.sdNm * random.normal();
    if (torque >= 0) return torque;
  }
}

function reported(truth: ProcessReadings, effects: DriftEffects): ProcessReadings {
  const offsets = effects.sensorOffsets;
  return {
    airTemperatureK: rounded('airTemperatureK', truth.airTemperatureK + offsets.airTemperatureK),
    processTemperatureK: rounded('processTemperatureK', truth.processTemperatureK + offsets.processTemperatureK),
    // A speed or a wear counter cannot read below zero, however far off the sensor is.
    rotationalSpeedRpm: Math.max(0, rounded('rotationalSpeedRpm', truth.rotationalSpeedRpm + offsets.rotationalSpeedRpm)),
    torqueNm: rounded('torqueNm', truth.torqueNm + offsets.torqueNm),
    toolWearMin: Math.max(0, rounded('toolWearMin', truth.toolWearMin + offsets.toolWearMin)),
  };
}

/** A process line for one seed; call it with process indexes 0, 1, 2, … in order. */
export function createProcessLine(props: ProcessLineProps): ProcessLine {
  const products = createSeededRandom(props.seed, 'product');
  const load = createSeededRandom(props.seed, 'load');
  const tools = createSeededRandom(props.seed, 'tool');
  const chance = createSeededRandom(props.seed, 'random-failure');
  let tool: Tool = newTool(tools);

  return (processIndex, temperatures) => {
    const effects = driftEffectsAt(props.scenario, processIndex);
    const type = props.type ?? drawProductType(products);
    const torqueNm = drawTorqueNm(load);
    const airTemperatureK = temperatures.airTemperatureK + effects.ambientOffsetK;
    // Failures follow the true readings at published precision, so they are an exact function of
    // the row, as in the dataset; a sensor offset changes only what is reported.
    const truth: ProcessReadings = {
      airTemperatureK: rounded('airTemperatureK', airTemperatureK),
      processTemperatureK: rounded('processTemperatureK', airTemperatureK + temperatures.processRiseK),
      rotationalSpeedRpm: rounded('rotationalSpeedRpm', rotationalSpeedRpm(torqueNm, load.normal())),
      torqueNm: rounded('torqueNm', torqueNm),
      toolWearMin: rounded('toolWearMin', tool.wearMin),
    };
    const draws = { toolLifeMin: tool.lifeMin, toolFailsAtEndOfLife: tool.failsAtEndOfLife, randomFailureDraw: chance.uniform() };
    const modes = failureModes({ ...truth, type }, draws);
    // The tool is taken out once its life is over, failed or replaced in time; the next process gets a new one.
    const endOfLife = truth.toolWearMin >= tool.lifeMin;
    tool = endOfLife ? newTool(tools) : wearTool(tool, ai4i2020.toolWearPerProcessMin[type] * effects.toolWearMultiplier);
    const udi = processIndex + 1;
    return {
      udi,
      productId: `${type}${serialBase[type] + udi}`,
      type,
      ...reported(truth, effects),
      machineFailure: isMachineFailure(modes),
      ...modes,
    };
  };
}
