import { simulateProcesses, type DriftScenario } from '@millwright/factory';
import type { LabeledRow } from './labeled-row.ts';

/** Rows from the AI4I physics simulator (libs/factory): the embedded default data source. */
export function simulatorRows(options: { rows: number; seed: number; scenario?: DriftScenario }): LabeledRow[] {
  return simulateProcesses({ rows: options.rows, seed: options.seed, ...(options.scenario && { scenario: options.scenario }) }).map((record) => {
    const modes = { TWF: record.twf, HDF: record.hdf, PWF: record.pwf, OSF: record.osf, RNF: record.rnf };
    const firstMode = Object.entries(modes).find(([, set]) => set)?.[0] ?? 'none';
    return {
      input: {
        type: record.type,
        airTemperatureK: record.airTemperatureK,
        processTemperatureK: record.processTemperatureK,
        rotationalSpeedRpm: record.rotationalSpeedRpm,
        torqueNm: record.torqueNm,
        toolWearMin: record.toolWearMin,
      },
      label: record.machineFailure ? 1 : 0,
      failureMode: firstMode,
      origin: `simulated process ${record.udi}`,
    };
  });
}
