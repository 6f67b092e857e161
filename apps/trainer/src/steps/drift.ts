import { ai4iContract } from '@millwright/contract';
import type { DriftScenario } from '@millwright/factory';
import { detectDrift, type ReferenceStatistics } from '@millwright/ml';
import { championAlias } from '@millwright/registry';
import { DataError } from '../data/csv-source.ts';
import { readSource } from '../data/read-source.ts';
import { toFeatureRows } from '../data/training-set.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** Named drift scenarios for simulated data (libs/factory drift kinds). */
export const driftScenarios: Readonly<Record<string, DriftScenario>> = {
  'heat-wave': [{ kind: 'heatWave', peakK: 6, rampProcesses: 200 }],
  'sensor-offset': [{ kind: 'sensorOffset', reading: 'airTemperatureK', offset: 4 }],
  'faster-wear': [{ kind: 'fasterToolWear', multiplier: 2.5 }],
};

/**
 * `drift`: compares recent data with the champion's training reference (PSI and KS per feature)
 * and writes `drift.json`. With `--fail-on-drift` a drifted feature makes the step fail with exit
 * code 3, which the drift-monitor pipeline uses to trigger training.
 */
export function drift(context: StepContext): Promise<StepSummary> {
  return once(context, 'drift', async () => {
    const registry = context.registry();
    const { options } = context;
    const champion = await registry.getVersionByAlias(options.modelName, championAlias);
    if (!champion) throw new DataError(`model ${options.modelName} has no champion yet; train and promote one first`);
    const files = await registry.downloadModelVersion(options.modelName, champion.version);
    const referenceBytes = files.get('reference.json');
    if (!referenceBytes) throw new DataError(`champion version ${champion.version} has no reference.json; retrain it with this trainer`);
    const reference = JSON.parse(Buffer.from(referenceBytes).toString('utf8')) as ReferenceStatistics;
    let scenario: DriftScenario | undefined;
    if (options.scenario) {
      scenario = driftScenarios[options.scenario];
      if (!scenario) throw new DataError(`unknown drift scenario "${options.scenario}"; use one of ${Object.keys(driftScenarios).join(', ')}`);
    }
    const { rows } = await readSource(options.source, { rows: options.rows, seed: options.seed + 1, ...(scenario && { scenario }), env: context.env });
    const contract = ai4iContract();
    const encoded = toFeatureRows(contract, rows);
    if (!encoded.ok) throw new DataError(`the recent data cannot be compared:\n  ${encoded.problems.join('\n  ')}`);
    const report = detectDrift(reference, { featureNames: contract.featureOrder, rows: encoded.rows });
    context.store.writeJson('drift.json', report);
    const summary = {
      step: 'drift',
      model: options.modelName,
      champion: champion.version,
      rows: report.rows,
      drifted: report.driftedFeatures,
      maxPsi: Math.max(...report.features.map((f) => f.psi)),
      psi: Object.fromEntries(report.features.map((f) => [f.feature, Number(f.psi.toFixed(4))])),
    };
    context.log(`drift: ${report.driftedFeatures.length === 0 ? 'no feature drifted' : `drifted: ${report.driftedFeatures.join(', ')}`}`);
    return summary;
  });
}
