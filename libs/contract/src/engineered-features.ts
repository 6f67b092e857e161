import type { EngineeredFeature } from './model-contract.ts';

/**
 * The formulas behind the engineered features. They are the quantities the AI4I 2020 failure
 * rules are stated in (Matzka 2020, UCI dataset 601, "Additional Variable Information"): heat
 * dissipation looks at the process − air temperature difference, power failure at
 * torque × angular speed, overstrain at tool wear × torque. The simulator's failure rules and the
 * model's features call these same functions, so the two cannot drift apart.
 */

/** Revolutions per minute → radians per second. */
const radiansPerSecondPerRpm = (2 * Math.PI) / 60;

/** Process temperature minus air temperature, in K (the heat-dissipation margin). */
export function temperatureDifferenceK(processTemperatureK: number, airTemperatureK: number): number {
  return processTemperatureK - airTemperatureK;
}

/** Mechanical power at the spindle, in W: torque × angular speed (rpm × 2π / 60). */
export function mechanicalPowerW(torqueNm: number, rotationalSpeedRpm: number): number {
  return torqueNm * rotationalSpeedRpm * radiansPerSecondPerRpm;
}

/** Tool wear × torque, in min·Nm (the overstrain load). */
export function wearTorqueMinNm(toolWearMin: number, torqueNm: number): number {
  return toolWearMin * torqueNm;
}

/** How one engineered feature is computed: a formula over two numeric inputs, in order. */
export interface EngineeredFormula {
  readonly unit: string;
  readonly description: string;
  /** The two numeric inputs the formula reads, in argument order. */
  readonly requires: readonly [string, string];
  readonly compute: (first: number, second: number) => number;
}

/**
 * Every engineered feature a contract may name. A contract cannot carry code, so it names a
 * feature from this table and every consumer (trainer, API, UI) computes it the same way.
 */
export const engineeredFeatureCatalogue: Readonly<Record<string, EngineeredFormula>> = {
  temperatureDifferenceK: {
    unit: 'K',
    description: 'process temperature minus air temperature (heat dissipation margin)',
    requires: ['processTemperatureK', 'airTemperatureK'],
    compute: temperatureDifferenceK,
  },
  powerW: {
    unit: 'W',
    description: 'mechanical power: torque × rotational speed × 2π / 60',
    requires: ['torqueNm', 'rotationalSpeedRpm'],
    compute: mechanicalPowerW,
  },
  wearTorqueMinNm: {
    unit: 'min·Nm',
    description: 'tool wear × torque (overstrain load)',
    requires: ['toolWearMin', 'torqueNm'],
    compute: wearTorqueMinNm,
  },
};

/** The catalogue entry of an engineered feature, or undefined for a name the catalogue lacks. */
export function engineeredFormula(name: string): EngineeredFormula | undefined {
  return Object.hasOwn(engineeredFeatureCatalogue, name) ? engineeredFeatureCatalogue[name] : undefined;
}

/** The contract entry for a catalogue feature, with the catalogue's unit and description. */
export function engineeredFeature(name: string): EngineeredFeature {
  const formula = engineeredFormula(name);
  if (formula === undefined) throw new RangeError(`unknown engineered feature "${name}"; known: ${Object.keys(engineeredFeatureCatalogue).join(', ')}`);
  return { name, unit: formula.unit, description: formula.description };
}
