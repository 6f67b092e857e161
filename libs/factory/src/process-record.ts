import type { ProductType } from './product-type.ts';

/** What the machine's sensors measure during one process, in the units of the AI4I dataset. */
export interface ProcessReadings {
  readonly airTemperatureK: number;
  readonly processTemperatureK: number;
  readonly rotationalSpeedRpm: number;
  readonly torqueNm: number;
  /** Minutes the current tool had been in use when the process started. */
  readonly toolWearMin: number;
}

/** The name of one sensor reading. */
export type ReadingName = keyof ProcessReadings;

/** Every reading name, in the order of the AI4I dataset's columns. */
export const readingNames: readonly ReadingName[] = ['airTemperatureK', 'processTemperatureK', 'rotationalSpeedRpm', 'torqueNm', 'toolWearMin'];

/** Which failure modes occurred in a process (the AI4I columns TWF, HDF, PWF, OSF, RNF). */
export interface FailureModes {
  /** Tool wear failure. */
  readonly twf: boolean;
  /** Heat dissipation failure. */
  readonly hdf: boolean;
  /** Power failure. */
  readonly pwf: boolean;
  /** Overstrain failure. */
  readonly osf: boolean;
  /** Random failure. */
  readonly rnf: boolean;
}

/**
 * One machining process: one row of the AI4I 2020 dataset. `machineFailure` is true when any
 * failure mode is. The readings are as the sensors report them; under a `sensorOffset` drift they
 * differ from the true values the failure modes were decided on.
 */
export interface ProcessRecord extends ProcessReadings, FailureModes {
  /** The process's number, from 1 (the dataset's "UDI"). */
  readonly udi: number;
  /** The product's variant letter and serial number, e.g. `L47181`. */
  readonly productId: string;
  readonly type: ProductType;
  readonly machineFailure: boolean;
}
