import { readingNames, type ReadingName } from './process-record.ts';

/**
 * Drift a simulation can be told to show, so drift detection and retraining can be tested
 * against a known cause. Each drift starts at a process index (0-based, `startsAt`, default 0).
 */

/** A sensor that reads `offset` too high (negative: too low). The process itself is unchanged, so the labels are not. */
export interface SensorOffsetDrift {
  readonly kind: 'sensorOffset';
  readonly reading: ReadingName;
  readonly offset: number;
  readonly startsAt?: number;
}

/**
 * The ambient air warms by up to `peakK`, rising linearly over `rampProcesses`, then staying.
 * The process temperature follows the air (the dataset's process temperature is air + 10 K + a
 * walk), so the temperature difference, and with it heat dissipation failure, is unchanged:
 * it is a covariate shift, not a change of the failure rules.
 */
export interface HeatWaveDrift {
  readonly kind: 'heatWave';
  readonly peakK: number;
  readonly startsAt?: number;
  /**
   * Processes over which the air warms to its peak.
   * @default 1000
   */
  readonly rampProcesses?: number;
}

/** Tools wear `multiplier` times as fast per process (a harder material, a worse coolant): more tool wear failures. */
export interface FasterToolWearDrift {
  readonly kind: 'fasterToolWear';
  readonly multiplier: number;
  readonly startsAt?: number;
}

/** One drift. */
export type Drift = SensorOffsetDrift | HeatWaveDrift | FasterToolWearDrift;

/** The drifts of a run; empty for the undisturbed physics. */
export type DriftScenario = readonly Drift[];

/** What the drifts of a scenario do to one process. */
export interface DriftEffects {
  /** Kelvin added to the true ambient (and so process) temperature. */
  readonly ambientOffsetK: number;
  /** Factor on the tool wear a process adds. */
  readonly toolWearMultiplier: number;
  /** Added to each reading as reported; the true value drives the failures. */
  readonly sensorOffsets: Readonly<Record<ReadingName, number>>;
}

const defaultRampProcesses = 1000;

/**
 * Checks a scenario once, before a run.
 * @throws RangeError naming the drift and the field when a value cannot be simulated.
 */
export function checkDriftScenario(scenario: DriftScenario): void {
  scenario.forEach((drift, index) => {
    const where = `scenario[${index}] (${drift.kind})`;
    const startsAt = drift.startsAt ?? 0;
    if (!Number.isSafeInteger(startsAt) || startsAt < 0) throw new RangeError(`${where}: startsAt must be a process index ≥ 0, got ${startsAt}`);
    if (drift.kind === 'sensorOffset') {
      if (!readingNames.includes(drift.reading)) throw new RangeError(`${where}: reading must be one of ${readingNames.join(', ')}, got ${String(drift.reading)}`);
      if (!Number.isFinite(drift.offset)) throw new RangeError(`${where}: offset must be a finite number, got ${drift.offset}`);
    } else if (drift.kind === 'heatWave') {
      if (!Number.isFinite(drift.peakK)) throw new RangeError(`${where}: peakK must be a finite number of kelvin, got ${drift.peakK}`);
      const ramp = drift.rampProcesses ?? defaultRampProcesses;
      if (!Number.isSafeInteger(ramp) || ramp < 0) throw new RangeError(`${where}: rampProcesses must be a whole number ≥ 0, got ${ramp}`);
    } else if (drift.kind === 'fasterToolWear') {
      if (!(drift.multiplier > 0 && Number.isFinite(drift.multiplier))) throw new RangeError(`${where}: multiplier must be a positive number, got ${drift.multiplier}`);
    } else {
      throw new RangeError(`scenario[${index}]: kind must be sensorOffset, heatWave or fasterToolWear, got ${String((drift as { kind: unknown }).kind)}`);
    }
  });
}

function heatWaveOffset(drift: HeatWaveDrift, processIndex: number): number {
  const elapsed = processIndex - (drift.startsAt ?? 0);
  if (elapsed < 0) return 0;
  const ramp = drift.rampProcesses ?? defaultRampProcesses;
  return ramp === 0 ? drift.peakK : drift.peakK * Math.min(1, elapsed / ramp);
}

/** What the scenario does to the process of the given index (0-based). */
export function driftEffectsAt(scenario: DriftScenario, processIndex: number): DriftEffects {
  let ambientOffsetK = 0;
  let toolWearMultiplier = 1;
  const sensorOffsets: Record<ReadingName, number> = { airTemperatureK: 0, processTemperatureK: 0, rotationalSpeedRpm: 0, torqueNm: 0, toolWearMin: 0 };
  for (const drift of scenario) {
    if (drift.kind === 'heatWave') {
      ambientOffsetK += heatWaveOffset(drift, processIndex);
    } else if (processIndex >= (drift.startsAt ?? 0)) {
      if (drift.kind === 'sensorOffset') sensorOffsets[drift.reading] += drift.offset;
      else toolWearMultiplier *= drift.multiplier;
    }
  }
  return { ambientOffsetK, toolWearMultiplier, sensorOffsets };
}
