import { mechanicalPowerW, temperatureDifferenceK, wearTorqueMinNm } from '@millwright/contract';
import { ai4i2020 } from './ai4i-2020.ts';
import type { ProductType } from './product-type.ts';
import type { FailureModes, ProcessReadings } from './process-record.ts';

/**
 * The five failure rules of AI4I 2020, as pure functions of one process's readings and the
 * random draws the rules need. They compute their quantities with the contract's engineered
 * feature formulas, so a model's features are exactly what the rules look at.
 */

/** The readings of a process together with the product it machined. */
export interface FailureInputs extends ProcessReadings {
  readonly type: ProductType;
}

/** The random part of the failure rules, drawn by the simulator (or chosen by a test). */
export interface FailureDraws {
  /** The wear, in min, at which the current tool's life ends (uniform in 200–240). */
  readonly toolLifeMin: number;
  /** Whether the tool fails at the end of its life (TWF) rather than being replaced in time. */
  readonly toolFailsAtEndOfLife: boolean;
  /** A uniform draw in [0, 1); the process fails at random when it is below 0.1 %. */
  readonly randomFailureDraw: number;
}

/** TWF: the tool reached the end of its life and failed instead of being replaced. */
export function isToolWearFailure(inputs: FailureInputs, draws: FailureDraws): boolean {
  return inputs.toolWearMin >= draws.toolLifeMin && draws.toolFailsAtEndOfLife;
}

/** HDF: process − air temperature below 8.6 K while the spindle turns slower than 1380 rpm. */
export function isHeatDissipationFailure(inputs: FailureInputs): boolean {
  const { belowTemperatureDifferenceK, belowRotationalSpeedRpm } = ai4i2020.heatDissipationFailure;
  return (
    temperatureDifferenceK(inputs.processTemperatureK, inputs.airTemperatureK) < belowTemperatureDifferenceK &&
    inputs.rotationalSpeedRpm < belowRotationalSpeedRpm
  );
}

/** PWF: the power the process needs, torque × ω, is below 3500 W or above 9000 W. */
export function isPowerFailure(inputs: FailureInputs): boolean {
  const power = mechanicalPowerW(inputs.torqueNm, inputs.rotationalSpeedRpm);
  return power < ai4i2020.powerFailure.belowPowerW || power > ai4i2020.powerFailure.abovePowerW;
}

/** OSF: tool wear × torque exceeds 11,000 / 12,000 / 13,000 min·Nm for L / M / H. */
export function isOverstrainFailure(inputs: FailureInputs): boolean {
  return wearTorqueMinNm(inputs.toolWearMin, inputs.torqueNm) > ai4i2020.overstrainFailure.aboveWearTorqueMinNm[inputs.type];
}

/** RNF: a 0.1 % chance per process, whatever its parameters. */
export function isRandomFailure(draws: FailureDraws): boolean {
  return draws.randomFailureDraw < ai4i2020.randomFailure.probability;
}

/** All five failure rules for one process. */
export function failureModes(inputs: FailureInputs, draws: FailureDraws): FailureModes {
  return {
    twf: isToolWearFailure(inputs, draws),
    hdf: isHeatDissipationFailure(inputs),
    pwf: isPowerFailure(inputs),
    osf: isOverstrainFailure(inputs),
    rnf: isRandomFailure(draws),
  };
}

/** The AI4I "machine failure" label: true when any failure mode occurred. */
export function isMachineFailure(modes: FailureModes): boolean {
  return modes.twf || modes.hdf || modes.pwf || modes.osf || modes.rnf;
}
