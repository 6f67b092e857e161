/**
 * How close an input is to each published AI4I 2020 failure rule (Matzka 2020, UCI dataset 601):
 * the quantity each rule looks at, its threshold, and the distance between them. The rules and
 * their numbers come from @millwright/factory and the quantities from the contract's engineered
 * feature formulas, so the UI explains with exactly what the simulator and the model use.
 */
import { mechanicalPowerW, temperatureDifferenceK, wearTorqueMinNm, type ModelInput } from '@millwright/contract';
import { ai4i2020, isHeatDissipationFailure, isOverstrainFailure, isPowerFailure, isProductType, type FailureInputs } from '@millwright/factory';

/** Where the input stands against one threshold. */
export type MarginState = 'breached' | 'near' | 'clear';

/** One threshold of one failure rule. */
export interface FailureMargin {
  /** TWF, HDF, PWF or OSF. */
  readonly mode: string;
  readonly quantity: string;
  readonly unit: string;
  readonly value: number;
  readonly threshold: number;
  /** The rule fires when the value is below (`below`) or above (`above`) the threshold. */
  readonly firesWhen: 'below' | 'above';
  /** Distance to the threshold on the safe side; negative once it is crossed. */
  readonly margin: number;
  readonly state: MarginState;
}

/** A margin within this share of the threshold counts as near. */
export const nearShare = 0.1;

const aiInputs = ['type', 'airTemperatureK', 'processTemperatureK', 'rotationalSpeedRpm', 'torqueNm', 'toolWearMin'] as const;

function margin(mode: string, quantity: string, unit: string, value: number, threshold: number, firesWhen: 'below' | 'above'): FailureMargin {
  const distance = firesWhen === 'below' ? value - threshold : threshold - value;
  const state: MarginState = distance < 0 || (distance === 0 && firesWhen === 'below') ? 'breached' : distance <= Math.abs(threshold) * nearShare ? 'near' : 'clear';
  return { mode, quantity, unit, value, threshold, firesWhen, margin: distance, state };
}

/**
 * The margins of an input to every input-dependent AI4I failure rule, or an empty list when the
 * input lacks the AI4I variables (another model's contract): TWF by tool wear against the start
 * of the tool-life window, HDF by temperature difference and speed, PWF by power on both sides,
 * OSF by wear × torque against the product type's limit. RNF is random and has no margin.
 */
export function failureModeMargins(input: Partial<ModelInput>): FailureMargin[] {
  const values = aiInputs.map((name) => input[name]);
  if (values.slice(1).some((value) => typeof value !== 'number' || !Number.isFinite(value))) return [];
  const type = input['type'];
  if (typeof type !== 'string' || !isProductType(type)) return [];
  const [air, process, speed, torque, wear] = values.slice(1) as number[];
  const hdf = ai4i2020.heatDissipationFailure;
  const pwf = ai4i2020.powerFailure;
  const power = mechanicalPowerW(torque!, speed!);
  return [
    margin('TWF', 'tool wear (tool life ends from 200 min)', 'min', wear!, ai4i2020.toolWearFailure.minLifeMin, 'above'),
    margin('HDF', 'process − air temperature', 'K', temperatureDifferenceK(process!, air!), hdf.belowTemperatureDifferenceK, 'below'),
    margin('HDF', 'rotational speed', 'rpm', speed!, hdf.belowRotationalSpeedRpm, 'below'),
    margin('PWF', 'power (lower limit)', 'W', power, pwf.belowPowerW, 'below'),
    margin('PWF', 'power (upper limit)', 'W', power, pwf.abovePowerW, 'above'),
    margin('OSF', `tool wear × torque (limit for type ${type})`, 'min·Nm', wearTorqueMinNm(wear!, torque!), ai4i2020.overstrainFailure.aboveWearTorqueMinNm[type], 'above'),
  ];
}

/**
 * The rules that fire for the input, decided by the simulator's own rule functions (no second
 * copy of the rules here). TWF is listed once the tool is inside its end-of-life window, where
 * the published data has tools fail at random.
 */
export function firedModes(input: Partial<ModelInput>): string[] {
  if (failureModeMargins(input).length === 0) return [];
  const inputs = input as unknown as FailureInputs;
  const fired: string[] = [];
  if (inputs.toolWearMin >= ai4i2020.toolWearFailure.minLifeMin) fired.push('TWF');
  if (isHeatDissipationFailure(inputs)) fired.push('HDF');
  if (isPowerFailure(inputs)) fired.push('PWF');
  if (isOverstrainFailure(inputs)) fired.push('OSF');
  return fired;
}
